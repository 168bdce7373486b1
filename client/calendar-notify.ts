/**
 * Tells every running duty (obligations, and requests for disclosure, which
 * count on the same calendar) that the holiday calendar changed, so those
 * whose deadlines were provisional recompute them and say so in their log.
 */
import type { Client } from '@temporalio/client';
import { calendarChangedSignal } from '../contracts/messages';
import { signalRunningDuties } from './batch-signal';

export async function notifyCalendarChange(client: Client, change: { year: number; version: number }): Promise<{ jobId: string }> {
  return signalRunningDuties(client, {
    jobPrefix: `calendar-${change.year}-v${change.version}`,
    reason: `holiday notice for ${change.year} loaded (version ${change.version})`,
    identity: 'duban calendar import',
    signal: calendarChangedSignal,
    arg: change,
  });
}
