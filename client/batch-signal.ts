/**
 * Tells every running duty, obligations and requests alike
 * (contracts/queries.ts `runningDutiesQuery`), about a change: a holiday
 * year loaded, the unit directory updated. The fan-out is a Temporal batch
 * operation: the server signals every match itself, durably, however many
 * there are and whatever happens to this terminal.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { SignalDefinition } from '@temporalio/workflow';
import { runningDutiesQuery } from '../contracts/queries';

export async function signalRunningDuties<Arg>(
  client: Client,
  batch: { jobPrefix: string; reason: string; identity: string; signal: SignalDefinition<[Arg]>; arg: Arg },
): Promise<{ jobId: string }> {
  const jobId = `${batch.jobPrefix}-${randomUUID().slice(0, 8)}`;
  await client.workflowService.startBatchOperation({
    namespace: client.options.namespace,
    jobId,
    reason: batch.reason,
    visibilityQuery: runningDutiesQuery(),
    signalOperation: {
      signal: batch.signal.name,
      input: { payloads: [defaultPayloadConverter.toPayload(batch.arg)] },
      identity: batch.identity,
    },
  });
  return { jobId };
}
