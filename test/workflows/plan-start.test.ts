/**
 * The planStart fan-out under time skipping: a plan of several batches
 * starts every obligation exactly once, counts them right while two batches
 * overlap, and a second run finds them all running.
 */
import { describe, expect, it } from 'vitest';
import { planStartProgressQuery } from '../../contracts/messages';
import type { ObligationInput, PlanStartInput, PlanStartProgress } from '../../contracts/obligation';
import { recordHistory } from '../helpers/histories';
import { testUnit } from '../helpers/obligations';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

describe('starting a plan in batches', () => {
  const world = timeSkippingWorld('2026-03-02T09:00:00+08:00');

  it('starts each of 23 obligations once in batches of 5, and a second run starts none', async () => {
    const { env, mail, bundle } = world;
    const { worker, deps } = await createTestWorker({ env, bundle, mail, taskQueue: 'plan-start' });
    const obligations: ObligationInput[] = Array.from({ length: 23 }, (_, i) => ({
      obligationId: `plan/2026-batches/task/${i + 1}`,
      kind: 'planTask',
      planId: '2026-batches',
      taskId: String(i + 1),
      title: `第${i + 1}项任务`,
      rule: { kind: 'calendarDays', days: 60, from: 'planIssued' },
      anchorDate: '2026-03-02',
      planYear: 2026,
      units: [testUnit(`u${i % 4}`)],
    }));
    // Two started before the plan, as after an interrupted earlier run.
    await deps.temporal.workflow.start('obligation', { taskQueue: 'plan-start', workflowId: obligations[3]!.obligationId, args: [obligations[3]!] });
    await deps.temporal.workflow.start('obligation', { taskQueue: 'plan-start', workflowId: obligations[17]!.obligationId, args: [obligations[17]!] });
    const storeKey = await deps.store.plans.save('2026-batches', obligations);
    const input: PlanStartInput = { planId: '2026-batches', storeKey, total: obligations.length, batchSize: 5 };

    await worker.runUntil(async () => {
      const first = await env.client.workflow.start('planStart', { taskQueue: 'plan-start', workflowId: `plan/2026-batches/start/${storeKey}`, args: [input] });
      const progress: PlanStartProgress = await first.result();
      expect(progress).toEqual({ planId: '2026-batches', total: 23, done: 23, started: 21, alreadyRunning: 2 });
      expect(await first.query(planStartProgressQuery)).toEqual(progress);
      await recordHistory('plan-start-2026.overlapping-batches', first);

      for (const o of obligations) {
        const description = await env.client.workflow.getHandle(o.obligationId).describe();
        expect(description.status.name, o.obligationId).toBe('RUNNING');
      }
      // Five batches, the second scheduled before the first finished.
      const events = (await first.fetchHistory()).events ?? [];
      expect(events.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(5);
      const firstDone = events.findIndex((e) => e.activityTaskCompletedEventAttributes);
      expect(events.slice(0, firstDone).filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(2);

      const again = await env.client.workflow.execute('planStart', { taskQueue: 'plan-start', workflowId: `plan/2026-batches/start/${storeKey}/again`, args: [input] });
      expect(again).toEqual({ planId: '2026-batches', total: 23, done: 23, started: 0, alreadyRunning: 23 });
    });
  });
});
