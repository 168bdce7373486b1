/**
 * A plan task's whole timeline under time skipping, on its real dates: the
 * server's clock starts on 2024-06-05 (seed 000's issue date) and runs into
 * 2025, so holidays, 调休 and the year boundary are the real ones.
 */
import { describe, expect, it } from 'vitest';
import { decideExtensionUpdate, obligationQuery, reportUpdate, requestExtensionUpdate, reviewUpdate, waiveUpdate } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { recordHistory } from '../helpers/histories';
import { admin, asUnit, supervisor, testUnit } from '../helpers/obligations';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

describe('a plan task due 2024-12-31, followed through the year', () => {
  const world = timeSkippingWorld('2024-06-05T09:00:00+08:00');

  it('reminds and escalates each unit on the exact days, only while it owes', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'year' });
    const input: ObligationInput = {
      obligationId: 'plan/2024-teng/task/7',
      kind: 'planTask',
      planId: '2024-teng',
      taskId: '7',
      title: '做好政府信息公开工作年度报告编制发布工作',
      rule: { kind: 'monthEnd', month: 12 },
      anchorDate: '2024-06-05',
      planYear: 2024,
      units: [testUnit('ontime'), testUnit('never'), testUnit('waived'), testUnit('returned'), testUnit('extended')],
    };
    const advanceTo = async (instant: string) => {
      const ms = Date.parse(instant) - (await env.currentTimeMs());
      if (ms > 0) await env.sleep(ms);
    };

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('obligation', { taskQueue: 'year', workflowId: input.obligationId, args: [input] });

      // The calendar answers are local activities: the deadline, the ladder and the first timer come in the first workflow task.
      await advanceTo('2024-06-05T10:00:00+08:00');
      const opening = (await handle.fetchHistory()).events ?? [];
      const firstTimer = opening.findIndex((e) => e.timerStartedEventAttributes);
      expect(firstTimer).toBeGreaterThan(0);
      expect(opening.slice(0, firstTimer).filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
      expect(opening.slice(0, firstTimer).filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(0);

      await advanceTo('2024-12-20T10:00:00+08:00');
      await handle.executeUpdate(requestExtensionUpdate, {
        args: [{ actor: asUnit('extended'), unitId: 'extended', newDate: '2025-01-15', reason: '需市财政局会签', progress: '初稿已完成' }],
      });
      await handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: supervisor, unitId: 'extended', approved: true }] });

      await advanceTo('2024-12-23T10:00:00+08:00');
      await handle.executeUpdate(waiveUpdate, { args: [{ actor: admin, unitId: 'waived', reason: '机构改革，职责已划转' }] });

      await advanceTo('2024-12-25T10:00:00+08:00');
      await handle.executeUpdate(reportUpdate, { args: [{ actor: asUnit('ontime'), unitId: 'ontime', evidence: ['https://gov.example/ontime/2024'] }] });
      await handle.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'ontime', decision: 'accept' }] });

      await advanceTo('2024-12-26T10:00:00+08:00');
      await handle.executeUpdate(reportUpdate, { args: [{ actor: asUnit('returned'), unitId: 'returned', evidence: ['https://gov.example/r/1'] }] });
      await advanceTo('2024-12-27T10:00:00+08:00');
      await handle.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'returned', decision: 'return', reason: '网址无法打开' }] });
      await advanceTo('2024-12-31T15:00:00+08:00');
      await handle.executeUpdate(reportUpdate, { args: [{ actor: asUnit('returned'), unitId: 'returned', evidence: ['https://gov.example/r/2'] }] });
      await handle.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'returned', decision: 'accept' }] });

      await advanceTo('2025-01-17T11:00:00+08:00');
      const late = await handle.executeUpdate(reportUpdate, { args: [{ actor: asUnit('extended'), unitId: 'extended', evidence: ['https://gov.example/e'] }] });
      expect(late.units.find((u) => u.unitId === 'extended')!.reports[0]).toMatchObject({ late: true, workingDaysLate: 2 });
      await handle.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'extended', decision: 'accept' }] });

      await advanceTo('2025-01-20T10:00:00+08:00');
      await handle.executeUpdate(waiveUpdate, { args: [{ actor: admin, unitId: 'never', reason: '年度考核已扣分，不再督办' }] });
      const final = await handle.result();
      expect(final.state).toBe('done');
      await recordHistory('obligation-year-2024.board-read-model', handle);

      const view = await handle.query(obligationQuery);
      // Every entry an Update made names who acted, as the CLI and the web pages print it.
      expect(view.log.filter((e) => e.actor).map((e) => `${e.kind} ${e.actor}`).slice(0, 5)).toEqual([
        'extension extended（责任单位）',
        'extension 督查科（督查人员）',
        'waive 政务公开办（政务公开办）',
        'report ontime（责任单位）',
        'review 督查科（督查人员）',
      ]);
      // Mails of one moment go out in parallel; the log has them in the order the relay accepted them.
      const unitOrder = view.units.map((u) => u.unitName);
      const mails = view.log
        .filter((e) => e.kind === 'reminder' || e.kind === 'escalation')
        .sort((a, b) => Date.parse(a.scheduledAt!) - Date.parse(b.scheduledAt!) || unitOrder.indexOf(a.units[0]!) - unitOrder.indexOf(b.units[0]!));
      const sent = mails.map((e) => `${e.units[0]} ${e.step} ${new Date(e.scheduledAt!).toISOString()} ${e.recipients!.join(',')}`);
      // Each went out when scheduled (the seconds an activity takes), not later.
      for (const e of mails) expect(Date.parse(e.at) - Date.parse(e.scheduledAt!)).toBeLessThan(10_000);
      const contactHead = (id: string) => `${id}@duban.test,${id}-head@duban.test`;
      expect(sent).toEqual([
        // 7 days before: Tuesday 12-24, 09:00 Beijing = 01:00 UTC; contact only
        `ontime单位 notice 2024-12-24T01:00:00.000Z ontime@duban.test`,
        `never单位 notice 2024-12-24T01:00:00.000Z never@duban.test`,
        `returned单位 notice 2024-12-24T01:00:00.000Z returned@duban.test`,
        // 3 days before is Saturday 12-28: the working morning before it, Friday 12-27
        `never单位 reminder 2024-12-27T01:00:00.000Z ${contactHead('never')}`,
        // returned reported on 12-26, so no reminder on 12-27; after the return on 12-27 it owes again
        `never单位 urgent 2024-12-30T01:00:00.000Z ${contactHead('never')}`,
        `returned单位 urgent 2024-12-30T01:00:00.000Z ${contactHead('returned')}`,
        `never单位 dueToday 2024-12-31T01:00:00.000Z ${contactHead('never')}`,
        `returned单位 dueToday 2024-12-31T01:00:00.000Z ${contactHead('returned')}`,
        // 1 working day overdue: 01-01 is 元旦, so the day counted is Thursday 01-02; the yellow card goes when it ends
        `never单位 yellowCard 2025-01-02T16:00:00.000Z ${contactHead('never')},duchake@duban.test`,
        // extended: its own ladder for 2025-01-15: notice 01-08, reminder 01-12 (Sunday) → Friday 01-10, urgent 01-14, due 01-15
        `extended单位 notice 2025-01-08T01:00:00.000Z extended@duban.test`,
        // 5 working days overdue: 01-02, 01-03, 01-06, 01-07, 01-08 → red card when 01-08 ends
        `never单位 redCard 2025-01-08T16:00:00.000Z ${contactHead('never')},duchake@duban.test,fenguan@duban.test`,
        `extended单位 reminder 2025-01-10T01:00:00.000Z ${contactHead('extended')}`,
        `extended单位 urgent 2025-01-14T01:00:00.000Z ${contactHead('extended')}`,
        `extended单位 dueToday 2025-01-15T01:00:00.000Z ${contactHead('extended')}`,
        // then weekly, a week after the red card's day (01-09): Thursday 01-16 at 09:00
        `never单位 redCardWeekly 2025-01-16T01:00:00.000Z ${contactHead('never')},duchake@duban.test,fenguan@duban.test`,
        `extended单位 yellowCard 2025-01-16T16:00:00.000Z ${contactHead('extended')},duchake@duban.test`,
      ]);

      // Every logged reminder reached the real SMTP server, once, to those recipients; and so did the notice of the return.
      const keys = mail.received.map((m) => m.parsed.headers.get('x-duban-key'));
      expect(new Set(keys).size).toBe(keys.length);
      const returnNotices = mail.received.filter((m) => m.parsed.subject?.startsWith('【督办·退回】'));
      expect(returnNotices).toHaveLength(1);
      expect(returnNotices[0]!.envelopeTo.sort()).toEqual(['returned-head@duban.test', 'returned@duban.test']);
      expect(returnNotices[0]!.parsed.text).toContain('理由：网址无法打开');
      const reminders = mail.received.filter((m) => !returnNotices.includes(m));
      expect(reminders).toHaveLength(sent.length);
      const wanted = mails.map((e) => e.recipients!.slice().sort().join(','));
      expect(reminders.map((m) => m.envelopeTo.slice().sort().join(',')).sort()).toEqual(wanted.sort());

      const byUnit = Object.fromEntries(view.units.map((u) => [u.unitId, u]));
      expect(byUnit.ontime!.reports[0]).toMatchObject({ late: false, workingDaysLate: 0 });
      expect(byUnit.returned!.returns).toEqual([{ at: expect.stringMatching(/^2024-12-27T02:00:0/), reason: '网址无法打开', by: '督查科' }]);
      expect(byUnit.returned!.reports.map((r) => r.late)).toEqual([false, false]);
      expect(byUnit.extended!.deadline).toEqual({ date: '2025-01-15', instant: '2025-01-15T23:59:59.999+08:00', provisional: false });
      expect(byUnit.never!.status).toBe('waived');
      expect(byUnit.waived!.status).toBe('waived');
    });
  });
});
