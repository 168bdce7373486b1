/**
 * Starting a plan: one obligation workflow per task and per unit's breakdown
 * submission, fanned out in batches by an activity. Being a workflow itself,
 * the start goes on when the admin's terminal dies, and since every
 * obligation's workflow id is its business key, running it again starts only
 * what is missing.
 */
import { patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { planStartProgressQuery } from '../contracts/messages';
import type { PlanStartInput, PlanStartProgress } from '../contracts/obligation';
import { PARALLEL_STARTS } from '../contracts/wire';

const { startObligations } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  // A batch whose worker died is handed to another within seconds.
  heartbeatTimeout: '15 seconds',
  retry: { maximumInterval: '1 minute' },
});

/**
 * Batches in flight at once. Between two batches the workflow needs a
 * workflow task and the next batch an activity task; with one batch at a
 * time the starts stood still for each of those round trips, which on a busy
 * server (the plan's own new workflows queueing) was a fifth of the fan-out.
 */
const OVERLAPPING_BATCHES = 2;

export async function planStart(input: PlanStartInput): Promise<PlanStartProgress> {
  const progress: PlanStartProgress = { planId: input.planId, total: input.total, done: 0, started: 0, alreadyRunning: 0 };
  setHandler(planStartProgressQuery, () => progress);
  const batchSize = input.batchSize ?? 100;
  const lanes = patched('overlapping-batches') ? OVERLAPPING_BATCHES : 1;
  let nextOffset = 0;
  const lane = async () => {
    while (nextOffset < input.total) {
      const offset = nextOffset;
      nextOffset += batchSize;
      const batch = await startObligations({ storeKey: input.storeKey, offset, limit: batchSize, parallel: Math.ceil(PARALLEL_STARTS / lanes) });
      progress.started += batch.started;
      progress.alreadyRunning += batch.alreadyRunning;
      progress.done += batch.started + batch.alreadyRunning;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return progress;
}
