/**
 * A request for disclosure (依申请公开) followed on its real dates under time
 * skipping, autumn 2024: received Monday 2024-09-09 (due 10-12 at first), 补正
 * asked 09-12 and received 09-20 (the clock restarts: due 10-23), a
 * consultation 10-09…10-18 (8 working days not counted: due 11-04), an
 * extension of 10 working days approved 10-30 (due 11-18), the reply on
 * 11-19, one working day late. A second request whose applicant never amends
 * is withdrawn when the 15 working days given end.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { RequestReplyInput, RequestReplyView } from '../../domain/request-reply';
import {
  amendmentReceivedUpdate,
  askAmendmentUpdate,
  endConsultationUpdate,
  extendReplyUpdate,
  replyUpdate,
  requestReplyQuery,
  startConsultationUpdate,
} from '../../contracts/messages';
import { recordHistory } from '../helpers/histories';
import { testUnit } from '../helpers/obligations';
import { advanceTo as advanceToTime } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

describe('a request for disclosure with 补正, consultation and extension', () => {
  const world = timeSkippingWorld('2024-09-09T10:00:00+08:00');

  it('moves its due day with each step, reminds only while the clock runs, and records the late reply', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'requests' });
    const request: RequestReplyInput = {
      requestId: 'request/rq/2024-09-09/test-a',
      title: '2023年度城区道路维修工程招标文件',
      applicant: '张某',
      receivedOn: '2024-09-09',
      unit: testUnit('rq'),
    };
    const abandoned: RequestReplyInput = { requestId: 'request/wd/2024-09-09/test-b', title: '某小区规划许可材料', receivedOn: '2024-09-09', unit: testUnit('wd') };
    const advanceTo = (instant: string) => advanceToTime(env, instant);
    const rejection = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (err: unknown) => (err instanceof WorkflowUpdateFailedError ? `${(err.cause as { type?: string }).type}: ${err.cause?.message}` : String(err)),
      );

    await worker.runUntil(async () => {
      const a = await env.client.workflow.start('requestReply', { taskQueue: 'requests', workflowId: request.requestId, args: [request] });
      const b = await env.client.workflow.start('requestReply', { taskQueue: 'requests', workflowId: abandoned.requestId, args: [abandoned] });

      await advanceTo('2024-09-10T10:00:00+08:00');
      const asked = await b.executeUpdate(askAmendmentUpdate, { args: [{ date: '2024-09-10', note: '请说明所需信息的具体名称' }] });
      // 15 working days from 09-10, the 调休 Saturday 09-14 and Sunday 09-29 among them, National Day not: 10-08
      expect(asked.state.amendment!.waitDue.date).toBe('2024-10-08');

      await advanceTo('2024-09-12T10:00:00+08:00');
      const initial = await a.query(requestReplyQuery);
      expect([initial.deadline!.date, initial.amendmentNoticeDue!.date]).toEqual(['2024-10-12', '2024-09-19']);
      const amend = await a.executeUpdate(askAmendmentUpdate, { args: [{ date: '2024-09-12', note: '请补充所需信息的文号或年份' }] });
      expect(amend.state).toMatchObject({ phase: 'awaitingAmendment', amendment: { askedOn: '2024-09-12', waitDue: { date: '2024-10-10' } } });
      // 补正 is asked in one notice: a second is refused before it reaches history.
      expect(await rejection(a.executeUpdate(askAmendmentUpdate, { args: [{ date: '2024-09-12', note: '再补充' }] }))).toMatch(/^once-only: /);

      await advanceTo('2024-09-20T10:00:00+08:00');
      expect(await rejection(a.executeUpdate(amendmentReceivedUpdate, { args: [{ date: '2024-09-21' }] }))).toMatch(/^bad-date: .*晚于今天/);
      const amended = await a.executeUpdate(amendmentReceivedUpdate, { args: [{ date: '2024-09-20' }] });
      expect(amended.deadline!.date).toBe('2024-10-23');

      await advanceTo('2024-10-09T10:00:00+08:00');
      expect((await b.query(requestReplyQuery)).state.phase).toBe('withdrawn');
      const consulting = await a.executeUpdate(startConsultationUpdate, { args: [{ date: '2024-10-09', party: '第三方：某建设工程有限公司' }] });
      expect(consulting.state.phase).toBe('consulting');

      await advanceTo('2024-10-18T10:00:00+08:00');
      const consulted = await a.executeUpdate(endConsultationUpdate, { args: [{ date: '2024-10-18' }] });
      expect([consulted.deadline!.date, consulted.pausedWorkingDays]).toEqual(['2024-11-04', 8]);

      await advanceTo('2024-10-30T10:00:00+08:00');
      expect(await rejection(a.executeUpdate(extendReplyUpdate, { args: [{ workingDays: 21, approvedBy: '政务公开办主任' }] }))).toMatch(/^bad-extension: /);
      expect(await rejection(a.executeUpdate(extendReplyUpdate, { args: [{ workingDays: 10, approvedBy: ' ' }] }))).toMatch(/^required: /);
      const extended = await a.executeUpdate(extendReplyUpdate, { args: [{ workingDays: 10, approvedBy: '政务公开办主任' }] });
      expect(extended.deadline!.date).toBe('2024-11-18');
      expect(await rejection(a.executeUpdate(extendReplyUpdate, { args: [{ workingDays: 5, approvedBy: '政务公开办主任' }] }))).toMatch(/^once-only: /);

      await advanceTo('2024-11-19T10:00:00+08:00');
      expect(await rejection(a.executeUpdate(replyUpdate, { args: [{ date: '2024-11-19', evidence: [] }] }))).toMatch(/^required: /);
      const replied = await a.executeUpdate(replyUpdate, { args: [{ date: '2024-11-19', evidence: ['〔2024〕第15号答复书'] }] });
      expect(replied.state.reply).toEqual({ date: '2024-11-19', evidence: ['〔2024〕第15号答复书'], late: true, workingDaysLate: 1 });

      const [finalA, finalB] = (await Promise.all([a.result(), b.result()])) as [RequestReplyView, RequestReplyView];
      expect(finalA.state.phase).toBe('replied');
      expect(finalA.state.consultations).toEqual([{ from: '2024-10-09', to: '2024-10-18', party: '第三方：某建设工程有限公司' }]);
      // Withdrawn when 10-08 ends in Beijing, not a day early or late.
      expect(finalB.state).toMatchObject({ phase: 'withdrawn', withdrawnAt: expect.stringMatching(/^2024-10-08T16:00:0/) });
      expect(finalA.log.map((e) => e.kind)).toEqual(['start', 'amendment', 'amendment', 'consultation', 'consultation', 'reminder', 'extension', 'reminder', 'reminder', 'reminder', 'overdue', 'reply']);
      await recordHistory('request-reply-2024.board-read-model', a);
      await recordHistory('request-reply-2024.withdrawn.board-read-model', b);

      // None while awaiting the amendment or during the consultation (10-16 would have been the notice for 10-23);
      // the notice for 11-04, then the ladder of 11-18 once extended (3 days and 1 working day before both on Friday 11-15).
      const sent = mail.received.map((m) => {
        const [id, unit, step, at] = String(m.parsed.headers.get('x-duban-key')).split('#');
        return `${id} ${unit} ${step} ${new Date(at!).toISOString()} ${m.envelopeTo.slice().sort().join(',')}`;
      });
      expect(sent).toEqual([
        'request/rq/2024-09-09/test-a rq notice 2024-10-28T01:00:00.000Z rq@duban.test',
        'request/rq/2024-09-09/test-a rq notice 2024-11-11T01:00:00.000Z rq@duban.test',
        'request/rq/2024-09-09/test-a rq urgent 2024-11-15T01:00:00.000Z rq-head@duban.test,rq@duban.test',
        'request/rq/2024-09-09/test-a rq dueToday 2024-11-18T01:00:00.000Z rq-head@duban.test,rq@duban.test',
      ]);
      for (const e of finalA.log.filter((x) => x.scheduledAt)) expect(Date.parse(e.at) - Date.parse(e.scheduledAt!)).toBeLessThan(10_000);
      expect(mail.received[0]!.parsed.subject).toContain('依申请公开答复：2023年度城区道路维修工程招标文件（申请人：张某）');
    });
  }, 180_000);
});
