/**
 * Starting a plan: one obligation workflow per task and per unit's breakdown
 * submission, fanned out in batches by an activity. Being a workflow itself,
 * the start goes on when the admin's terminal dies, and since every
 * obligation's workflow id is its business key, running it again starts only
 * what is missing.
 */
import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { planStartProgressQuery } from './messages';
import type { PlanStartInput, PlanStartProgress } from './obligation-types';

const { startObligations } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  // A batch whose worker died is handed to another within seconds.
  heartbeatTimeout: '15 seconds',
  retry: { maximumInterval: '1 minute' },
});

export async function planStart(input: PlanStartInput): Promise<PlanStartProgress> {
  const progress: PlanStartProgress = { planId: input.planId, total: input.total, done: 0, started: 0, alreadyRunning: 0 };
  setHandler(planStartProgressQuery, () => progress);
  const batchSize = input.batchSize ?? 100;
  while (progress.done < input.total) {
    const batch = await startObligations({ storeKey: input.storeKey, offset: progress.done, limit: batchSize });
    progress.started += batch.started;
    progress.alreadyRunning += batch.alreadyRunning;
    progress.done += batch.started + batch.alreadyRunning;
  }
  return progress;
}
