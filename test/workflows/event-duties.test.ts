/**
 * Event-started duties across National Day 2024, on their real dates under
 * time skipping: a policy issued Friday 2024-09-27 (10 working days, with the
 * 调休 Sunday 09-29 and Saturday 10-12 counted and 10-01…10-07 not) and a
 * comment solicitation closed Saturday 2024-09-28 (7 days end on the holiday
 * 10-05, so on the next working day, 10-08).
 */
import { describe, expect, it } from 'vitest';
import { eventObligation } from '../../domain/event-duties';
import { obligationQuery, reportUpdate, reviewUpdate } from '../../contracts/messages';
import { asUnit, supervisor, testUnit } from '../helpers/obligations';
import { advanceTo as advanceToTime } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

describe('feedback disclosure and comment publication across National Day 2024', () => {
  const world = timeSkippingWorld('2024-09-28T10:00:00+08:00');

  it('10 working days from 09-27 end on 10-16, 7 days from 09-28 on 10-08; reminders go on the working mornings before', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'events' });
    const feedback = eventObligation('feedbackDisclosure', testUnit('fb'), '关于印发《促进消费若干措施》的通知', '2024-09-27');
    const comment = eventObligation('commentPublication', testUnit('cm'), '《城市更新条例（征求意见稿）》', '2024-09-28');
    expect(feedback.obligationId).toMatch(/^feedback\/fb\/2024-09-27\/[0-9a-f]{12}$/);
    expect(comment.obligationId).toMatch(/^comment\/cm\/2024-09-28\/[0-9a-f]{12}$/);
    const advanceTo = (instant: string) => advanceToTime(env, instant);

    await worker.runUntil(async () => {
      const fb = await env.client.workflow.start('obligation', { taskQueue: 'events', workflowId: feedback.obligationId, args: [feedback] });
      const cm = await env.client.workflow.start('obligation', { taskQueue: 'events', workflowId: comment.obligationId, args: [comment] });

      // The comment results come out three working days late (10-09, 10-10, 10-11), after the yellow card.
      await advanceTo('2024-10-11T10:00:00+08:00');
      const late = await cm.executeUpdate(reportUpdate, { args: [{ actor: asUnit('cm'), unitId: 'cm', evidence: ['https://gov.example/cm/result'] }] });
      expect(late.units[0]!.reports[0]).toMatchObject({ late: true, workingDaysLate: 3 });
      await cm.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'cm', decision: 'accept' }] });

      // The feedback is published the day before it falls due.
      await advanceTo('2024-10-15T10:00:00+08:00');
      const onTime = await fb.executeUpdate(reportUpdate, { args: [{ actor: asUnit('fb'), unitId: 'fb', evidence: ['https://gov.example/fb/feedback'] }] });
      expect(onTime.units[0]!.reports[0]).toMatchObject({ late: false, workingDaysLate: 0 });
      await fb.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'fb', decision: 'accept' }] });
      const [fbDone, cmDone] = await Promise.all([fb.result(), cm.result()]);
      expect([fbDone.state, cmDone.state]).toEqual(['done', 'done']);
      expect(fbDone.units[0]!.deadline).toEqual({ date: '2024-10-16', instant: '2024-10-16T23:59:59.999+08:00', provisional: false });
      expect(cmDone.units[0]!.deadline).toEqual({ date: '2024-10-08', instant: '2024-10-08T23:59:59.999+08:00', provisional: false });

      // What reached the SMTP sink, by the step and instant in each mail's idempotency key, in the order sent.
      const sent = mail.received.map((m) => {
        const [id, , unit, step, at] = String(m.parsed.headers.get('x-duban-key')).split('#');
        return `${id!.split('/')[0]} ${unit} ${step} ${new Date(at!).toISOString()} ${m.envelopeTo.slice().sort().join(',')}`;
      });
      expect(sent).toEqual([
        // comment, due 10-08: 7 days before (10-01), 3 days before (10-05) and 1 working day before all fall back to Monday 09-30: one mail
        'comment cm urgent 2024-09-30T01:00:00.000Z cm-head@duban.test,cm@duban.test',
        'comment cm dueToday 2024-10-08T01:00:00.000Z cm-head@duban.test,cm@duban.test',
        // feedback, due 10-16: 7 days before is Wednesday 10-09
        'feedback fb notice 2024-10-09T01:00:00.000Z fb@duban.test',
        // 1 working day overdue: 10-09 ended, so midnight into 10-10 (Beijing)
        'comment cm yellowCard 2024-10-09T16:00:00.000Z cm-head@duban.test,cm@duban.test,duchake@duban.test',
        // 3 days before 10-16 is Sunday 10-13: the working morning before it is the 调休 Saturday 10-12
        'feedback fb reminder 2024-10-12T01:00:00.000Z fb-head@duban.test,fb@duban.test',
        'feedback fb urgent 2024-10-15T01:00:00.000Z fb-head@duban.test,fb@duban.test',
      ]);
      // Each went when scheduled (workflow time), not after a delay.
      for (const handle of [fb, cm]) {
        for (const e of (await handle.query(obligationQuery)).log.filter((x) => x.scheduledAt)) {
          expect(Date.parse(e.at) - Date.parse(e.scheduledAt!)).toBeLessThan(10_000);
        }
      }
    });
  });
});
