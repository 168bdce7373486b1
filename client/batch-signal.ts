/**
 * Tells every running workflow that matches a visibility query about a
 * change (a holiday year loaded, the unit directory updated). The fan-out is
 * a Temporal batch operation: the server signals every match itself,
 * durably, however many there are and whatever happens to this terminal.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { SignalDefinition } from '@temporalio/workflow';

export async function signalRunningWorkflows<Arg>(
  client: Client,
  batch: { jobPrefix: string; reason: string; identity: string; query: string; signal: SignalDefinition<[Arg]>; arg: Arg },
): Promise<{ jobId: string }> {
  const jobId = `${batch.jobPrefix}-${randomUUID().slice(0, 8)}`;
  await client.workflowService.startBatchOperation({
    namespace: client.options.namespace,
    jobId,
    reason: batch.reason,
    visibilityQuery: batch.query,
    signalOperation: {
      signal: batch.signal.name,
      input: { payloads: [defaultPayloadConverter.toPayload(batch.arg)] },
      identity: batch.identity,
    },
  });
  return { jobId };
}
