/**
 * An obligation the admin cancels, and an extension the supervisor refuses,
 * followed on their dates under time skipping, spring 2026: a task due
 * Tuesday 2026-03-31 whose ladder is the notice on Tuesday 03-24, the
 * reminder on Friday 03-27 (three days before is a Saturday), the urgent
 * reminder on Monday 03-30 and the due-day mail on 03-31, each at 09:00.
 *
 * A cancelled task sends nothing more, whatever comes due, and refuses
 * every Update with code 'closed'. A refused extension leaves the deadline
 * where it was: the unit is reminded and carded on the original ladder.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { cancelUpdate, decideExtensionUpdate, obligationQuery, reportUpdate, requestExtensionUpdate } from '../../contracts/messages';
import type { ObligationInput, ObligationView } from '../../contracts/obligation';
import type { MailSink } from '../helpers/mail-sink';
import { admin, asUnit, supervisor, testUnit } from '../helpers/obligations';
import { advanceTo } from '../helpers/temporal';
import { admitUpdate } from '../helpers/updates';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

const springTask = (taskId: string, unitIds: string[]): ObligationInput => ({
  obligationId: `plan/2026-spring/task/${taskId}`,
  kind: 'planTask',
  planId: '2026-spring',
  taskId,
  title: '公开一季度重点领域信息',
  rule: { kind: 'fixedDate', year: 2026, month: 3, day: 31 },
  anchorDate: '2026-03-02',
  planYear: 2026,
  units: unitIds.map((id) => testUnit(id)),
});

/** Each mail as `unit step instant recipients`, in the order the sink received them. */
/** Mails by when the ladder scheduled them, then by unit: the units of one moment are mailed in parallel, in no fixed order. */
const sent = (mail: MailSink) =>
  mail.received
    .map((m) => {
      const [, , unit, step, at] = String(m.parsed.headers.get('x-duban-key')).split('#');
      return { at: new Date(at!).toISOString(), line: `${unit} ${step} ${new Date(at!).toISOString()} ${m.envelopeTo.slice().sort().join(',')}` };
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.line.localeCompare(b.line))
    .map((m) => m.line);

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: unknown) => (err instanceof WorkflowUpdateFailedError ? `${(err.cause as { type?: string }).type}: ${err.cause?.message}` : String(err)),
  );

describe('an obligation cancelled by the admin', () => {
  const world = timeSkippingWorld('2026-03-02T10:00:00+08:00');

  it('is cancelled, refuses a report sent after the cancel with code closed, and sends nothing as its due day and cards pass', async () => {
    const { env, mail, bundle } = world;
    const taskQueue = 'cancel';
    const input = springTask('cancelled', ['a', 'b']);
    const handle = await env.client.workflow.start('obligation', { taskQueue, workflowId: input.obligationId, args: [input] });
    const first = await createTestWorker({ env, bundle, mail, taskQueue, maxCachedWorkflows: 0 });
    await first.worker.runUntil(() => advanceTo(env, '2026-03-25T10:00:00+08:00'));
    expect(sent(mail)).toEqual(['a notice 2026-03-24T01:00:00.000Z a@duban.test', 'b notice 2026-03-24T01:00:00.000Z b@duban.test']);

    // The cancel, then a report, sent while no worker polls: the next worker takes both in one task, in that order.
    const namespace = env.namespace ?? 'default';
    const cancel = await admitUpdate(env.client, namespace, input.obligationId, cancelUpdate.name, { actor: admin, reason: '上级通知本项工作不再开展' });
    const report = await admitUpdate(env.client, namespace, input.obligationId, reportUpdate.name, { actor: asUnit('a'), unitId: 'a', evidence: ['https://gov.example/a'] });
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue });

    await worker.runUntil(async () => {
      expect(await refusal(handle.getUpdateHandle(cancel.updateId).result())).toBe('accepted');
      expect(await refusal(handle.getUpdateHandle(report.updateId).result())).toBe('closed: 此项任务已撤销。');
      const view = (await handle.result()) as ObligationView;
      expect([view.state, ...view.units.map((u) => u.status)]).toEqual(['cancelled', 'pending', 'pending']);
      expect(view.log.filter((e) => e.kind === 'cancel').map((e) => [e.message, e.at.slice(0, 10)])).toEqual([['任务已撤销：上级通知本项工作不再开展', '2026-03-25']]);

      // The reminder, urgent, due-day, yellow and red card steps all pass: no mail.
      await advanceTo(env, '2026-04-15T10:00:00+08:00');
      expect(sent(mail)).toHaveLength(2);
      expect((await handle.query(obligationQuery)).state).toBe('cancelled');
      // Once the task has closed the server refuses an Update itself: the time-skipping server answers not found,
      // which the CLI (like 'completed' from the dev server) reports as closed.
      expect(await refusal(handle.executeUpdate(reportUpdate, { args: [{ actor: asUnit('b'), unitId: 'b', evidence: ['https://gov.example/b'] }] }))).toMatch(
        /^WorkflowNotFoundError: /,
      );
    });
  }, 180_000);
});

describe('an extension the supervisor refuses', () => {
  const world = timeSkippingWorld('2026-03-02T10:00:00+08:00');

  it('keeps the deadline of 2026-03-31, and the unit is reminded and carded on the original ladder', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'refused' });
    const input = springTask('refused', ['a']);

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('obligation', { taskQueue: 'refused', workflowId: input.obligationId, args: [input] });
      await advanceTo(env, '2026-03-20T10:00:00+08:00');
      await handle.executeUpdate(requestExtensionUpdate, { args: [{ actor: asUnit('a'), unitId: 'a', newDate: '2026-04-30', reason: '等待上级文件', progress: '已起草' }] });
      const decided = await handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: supervisor, unitId: 'a', approved: false, comment: '时间充足，不予延期' }] });
      const unit = decided.units[0]!;
      expect(unit.deadline).toEqual({ date: '2026-03-31', instant: '2026-03-31T23:59:59.999+08:00', provisional: false });
      expect(unit.extensions.map((e) => [e.newDate, e.decision?.approved, e.decision?.comment])).toEqual([['2026-04-30', false, '时间充足，不予延期']]);
      expect(decided.log.filter((e) => e.kind === 'extension').map((e) => e.message)).toEqual([
        'a单位申请延期至 2026-04-30：等待上级文件',
        'a单位的延期申请未获批准：时间充足，不予延期',
      ]);

      // 1 and 5 working days overdue: the end of 04-01, and of 04-08 (Qingming, 04-04 to 04-06, not counted).
      await advanceTo(env, '2026-04-10T10:00:00+08:00');
      expect(sent(mail)).toEqual([
        'a notice 2026-03-24T01:00:00.000Z a@duban.test',
        'a reminder 2026-03-27T01:00:00.000Z a-head@duban.test,a@duban.test',
        'a urgent 2026-03-30T01:00:00.000Z a-head@duban.test,a@duban.test',
        'a dueToday 2026-03-31T01:00:00.000Z a-head@duban.test,a@duban.test',
        'a yellowCard 2026-04-01T16:00:00.000Z a-head@duban.test,a@duban.test,duchake@duban.test',
        'a redCard 2026-04-08T16:00:00.000Z a-head@duban.test,a@duban.test,duchake@duban.test,fenguan@duban.test',
      ]);
      const view = await handle.query(obligationQuery);
      expect([view.units[0]!.card, view.units[0]!.deadline.date]).toEqual(['red', '2026-03-31']);
    });
  });
});
