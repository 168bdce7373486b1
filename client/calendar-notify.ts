/**
 * Tells every running obligation that the holiday calendar changed, so those
 * whose deadlines were provisional recompute them and say so in their log.
 */
import type { Client } from '@temporalio/client';
import { calendarChangedSignal } from '../contracts/messages';
import { signalRunningWorkflows } from './batch-signal';

// Requests for disclosure (依申请) run their own workflow but count on the same calendar.
export const runningObligationsQuery = `WorkflowType IN ('obligation', 'requestReply') AND ExecutionStatus = 'Running'`;

export async function notifyCalendarChange(client: Client, change: { year: number; version: number }): Promise<{ jobId: string }> {
  return signalRunningWorkflows(client, {
    jobPrefix: `calendar-${change.year}-v${change.version}`,
    reason: `holiday notice for ${change.year} loaded (version ${change.version})`,
    identity: 'duban calendar import',
    query: runningObligationsQuery,
    signal: calendarChangedSignal,
    arg: change,
  });
}
