/**
 * Fans a plan's obligations out into workflows. Each workflow id is the
 * obligation's business key and a closed one is never started again, so a
 * batch retried after a crash starts only what is missing.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { startObligation } from '../contracts/start';
import { PARALLEL_STARTS } from '../contracts/wire';
import type { Store } from '../store';

export interface StarterDeps {
  temporal: Client;
  taskQueue: string;
  store: Pick<Store, 'plans'>;
}

export function createStarterActivities(deps: StarterDeps) {
  return {
    /** `parallel`: starts in flight in this batch (default PARALLEL_STARTS); overlapping batches share the window. */
    async startObligations(input: { storeKey: string; offset: number; limit: number; parallel?: number }): Promise<{ started: number; alreadyRunning: number }> {
      const batch = (await deps.store.plans.load(input.storeKey)).slice(input.offset, input.offset + input.limit);
      let started = 0;
      let alreadyRunning = 0;
      let next = 0;
      // A sliding window, not waves of PARALLEL_STARTS: a wave waits for its slowest start while the rest of the window idles.
      const lane = async () => {
        while (next < batch.length) {
          if (await startObligation(deps.temporal, deps.taskQueue, batch[next++]!)) started += 1;
          else alreadyRunning += 1;
          Context.current().heartbeat({ done: started + alreadyRunning });
        }
      };
      await Promise.all(Array.from({ length: Math.min(input.parallel ?? PARALLEL_STARTS, batch.length) }, lane));
      return { started, alreadyRunning };
    },
  };
}
