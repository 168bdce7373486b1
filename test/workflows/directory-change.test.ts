/**
 * A unit's contact person changes during the year: after the directory
 * update reaches a running obligation, that unit's reminders go to the new
 * addresses, the other units' do not change, and the log says so once.
 */
import { describe, expect, it } from 'vitest';
import { directoryChangedSignal, obligationQuery } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
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
