/**
 * Fans a plan's obligations out into workflows. Each workflow id is the
 * obligation's business key and a closed one is never started again, so a
 * batch retried after a crash starts only what is missing.
 */
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { ObligationInput } from '../contracts/obligation';
import { PARALLEL_STARTS, searchAttributes } from '../contracts/wire';
import type { Store } from '../store';

export interface StarterDeps {
  temporal: Client;
  taskQueue: string;
  store: Pick<Store, 'plans'>;
}

/** How an obligation workflow is started: its id, input and the search attributes a listing needs before its first task runs. */
export function obligationStartOptions(taskQueue: string, obligation: ObligationInput) {
  return {
    taskQueue,
    workflowId: obligation.obligationId,
    args: [obligation] as [ObligationInput],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    // Set at start so a supervisor's listing sees the workflow before its first task runs.
    typedSearchAttributes: [
      ...(obligation.planId ? [{ key: searchAttributes.plan, value: obligation.planId }] : []),
      { key: searchAttributes.rule, value: obligation.kind === 'planTask' ? obligation.rule.kind : obligation.kind },
      { key: searchAttributes.units, value: obligation.units.map((u) => u.id) },
      { key: searchAttributes.pendingUnits, value: obligation.units.map((u) => u.id) },
      { key: searchAttributes.state, value: 'open' },
    ],
  };
}

/** Starts one obligation workflow; false when it exists already (running or closed). */
export async function startObligation(temporal: Client, taskQueue: string, obligation: ObligationInput): Promise<boolean> {
  try {
    await temporal.workflow.start('obligation', obligationStartOptions(taskQueue, obligation));
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
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
