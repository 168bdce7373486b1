/**
 * A unit's contact person changes during the year: after the directory
 * update reaches a running obligation, that unit's reminders go to the new
 * addresses, the other units' do not change, and the log says so once. A
 * request for disclosure that unit is handling is reminded at the new
 * addresses too.
 */
import { describe, expect, it } from 'vitest';
import { directoryChangedSignal, obligationQuery, requestReplyQuery } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import type { RequestReplyInput } from '../../domain/request-reply';
import { testUnit } from '../helpers/obligations';
import { advanceTo } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

describe('a directory update while an obligation runs', () => {
  const world = timeSkippingWorld('2025-03-03T09:00:00+08:00');

  it('sends the moved unit’s notice to its new contact and leaves the other unit alone', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'directory' });
    const input: ObligationInput = {
      obligationId: 'plan/2025-dir/task/1',
      kind: 'planTask',
      planId: '2025-dir',
      taskId: '1',
      title: '公开年度重点工作进展',
      // 30 days from Monday 03-03: Wednesday 04-02; the notice goes 7 days before, Wednesday 03-26 at 09:00.
      rule: { kind: 'calendarDays', days: 30, from: 'planIssued' },
      anchorDate: '2025-03-03',
      planYear: 2025,
      units: [testUnit('moved'), testUnit('same')],
    };

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('obligation', { taskQueue: 'directory', workflowId: input.obligationId, args: [input] });
      await advanceTo(env, '2025-03-10T10:00:00+08:00');
      const moved = { ...testUnit('moved'), contact: ['moved-new@duban.test'], head: ['moved-newhead@duban.test'] };
      await handle.signal(directoryChangedSignal, { units: [moved, testUnit('same'), testUnit('elsewhere')] });
      await advanceTo(env, '2025-03-26T10:00:00+08:00');

      const notices = mail.received.map((m) => `${String(m.parsed.headers.get('x-duban-key')).split('#')[2]} ${m.envelopeTo.slice().sort().join(',')}`);
      expect(notices.sort()).toEqual(['moved moved-new@duban.test', 'same same@duban.test']);
      const view = await handle.query(obligationQuery);
      expect(view.log.filter((e) => e.kind === 'directory').map((e) => [e.units, e.recipients, e.at.slice(0, 10)])).toEqual([
        [['moved单位'], ['moved-new@duban.test', 'moved-newhead@duban.test'], '2025-03-10'],
      ]);
    });
  });
});

describe('a directory update while a request for disclosure runs', () => {
  const world = timeSkippingWorld('2025-03-03T09:00:00+08:00');

  it('sends the request’s next reminder to the unit’s new contact and logs the change', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'directory-request' });
    // 20 working days from Monday 03-03: Monday 03-31; the notice goes 7 days before, Monday 03-24 at 09:00.
    const request: RequestReplyInput = { requestId: 'request/rq/2025-03-03/dir', title: '2024年度老旧小区改造项目清单', receivedOn: '2025-03-03', unit: testUnit('rq') };

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('requestReply', { taskQueue: 'directory-request', workflowId: request.requestId, args: [request] });
      await advanceTo(env, '2025-03-10T10:00:00+08:00');
      const moved = { ...testUnit('rq'), contact: ['rq-new@duban.test'], head: ['rq-newhead@duban.test'] };
      await handle.signal(directoryChangedSignal, { units: [testUnit('other'), moved] });
      await advanceTo(env, '2025-03-24T10:00:00+08:00');

      expect(mail.received.map((m) => `${String(m.parsed.headers.get('x-duban-key'))} ${m.envelopeTo.slice().sort().join(',')}`)).toEqual([
        'request/rq/2025-03-03/dir#rq#notice#2025-03-24T09:00:00.000+08:00 rq-new@duban.test',
      ]);
      const view = await handle.query(requestReplyQuery);
      expect(view.deadline!.date).toBe('2025-03-31');
      expect(view.log.filter((e) => e.kind === 'directory').map((e) => [e.units, e.recipients, e.at.slice(0, 10), e.message])).toEqual([
        [['rq单位'], ['rq-new@duban.test', 'rq-newhead@duban.test'], '2025-03-10', '单位名录已更新：rq单位的提醒今后发往新的联系人和负责人'],
      ]);
    });
  });
});
