/**
 * Fans a plan's obligations out into workflows. Each workflow id is the
 * obligation's business key and a closed one is never started again, so a
 * batch retried after a crash starts only what is missing.
 */
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { ObligationInput } from '../workflows/obligation-types';
import { searchAttributes } from '../workflows/wire';
import type { PlanStore } from './plan-store';

export interface StarterDeps {
  temporal: Client;
  taskQueue: string;
  planStore: PlanStore;
}

/** Starts one obligation workflow; false when it exists already (running or closed). */
export async function startObligation(temporal: Client, taskQueue: string, obligation: ObligationInput): Promise<boolean> {
  try {
    await temporal.workflow.start('obligation', {
      taskQueue,
      workflowId: obligation.obligationId,
      args: [obligation],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      // Set at start so a supervisor's listing sees the workflow before its first task runs.
      typedSearchAttributes: [
        ...(obligation.planId ? [{ key: searchAttributes.plan, value: obligation.planId }] : []),
        { key: searchAttributes.rule, value: obligation.kind === 'planTask' ? obligation.rule.kind : obligation.kind },
        { key: searchAttributes.units, value: obligation.units.map((u) => u.id) },
        { key: searchAttributes.pendingUnits, value: obligation.units.map((u) => u.id) },
        { key: searchAttributes.state, value: 'open' },
      ],
    });
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

const PARALLEL_STARTS = 32;

export function createStarterActivities(deps: StarterDeps) {
  return {
    async startObligations(input: { storeKey: string; offset: number; limit: number }): Promise<{ started: number; alreadyRunning: number }> {
      const batch = deps.planStore.load(input.storeKey).slice(input.offset, input.offset + input.limit);
      let started = 0;
      let alreadyRunning = 0;
      for (let i = 0; i < batch.length; i += PARALLEL_STARTS) {
        const outcomes = await Promise.all(batch.slice(i, i + PARALLEL_STARTS).map((o) => startObligation(deps.temporal, deps.taskQueue, o)));
        started += outcomes.filter(Boolean).length;
        alreadyRunning += outcomes.filter((o) => !o).length;
        Context.current().heartbeat({ done: i + PARALLEL_STARTS });
      }
      return { started, alreadyRunning };
    },
  };
}
