/**
 * Tells every running obligation that the holiday calendar changed, so those
 * whose deadlines were provisional recompute them and say so in their log.
 * The fan-out is a Temporal batch operation: the server signals every
 * matching workflow itself, durably, however many there are and whatever
 * happens to this terminal.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { calendarChangedSignal } from '../workflows/messages';

// Requests for disclosure (依申请) run their own workflow but count on the same calendar.
export const runningObligationsQuery = `WorkflowType IN ('obligation', 'requestReply') AND ExecutionStatus = 'Running'`;

export async function notifyCalendarChange(client: Client, change: { year: number; version: number }): Promise<{ jobId: string }> {
  const jobId = `calendar-${change.year}-v${change.version}-${randomUUID().slice(0, 8)}`;
  await client.workflowService.startBatchOperation({
    namespace: client.options.namespace,
    jobId,
    reason: `holiday notice for ${change.year} loaded (version ${change.version})`,
    visibilityQuery: runningObligationsQuery,
    signalOperation: {
      signal: calendarChangedSignal.name,
      input: { payloads: [defaultPayloadConverter.toPayload(change)] },
      identity: 'duban calendar import',
    },
  });
  return { jobId };
}
