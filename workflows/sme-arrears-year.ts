/**
 * January 1: each unit that pays suppliers owes, by March 31, the disclosure
 * of the prior year's overdue unpaid SME payments (保障中小企业款项支付条例).
 * A Temporal Schedule (`duban schedule arrears`) starts this workflow at
 * 00:00 Asia/Shanghai each January 1; it opens one obligation per unit,
 * `sme-arrears/<year>/unit/<unitId>`, and ends. The year is the Shanghai
 * year of the workflow's own start time (deterministic, and the schedule's
 * actual firing time), so a run triggered by hand opens that year's duties,
 * and a second run of the same year starts nothing twice.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
// The dates module alone; the obligations (which need the statutory rules and their data) are built by the activity.
import { shanghaiDate, yearOf } from '../domain/calendar/dates';
import type { UnitContact } from '../domain/obligations';
import { workflowNow } from './clock';

const { openSmeArrearsYear } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumInterval: '1 minute' },
});

export interface SmeArrearsYearInput {
  /** The units that pay suppliers, as the directory named them when the schedule was last set. */
  units: UnitContact[];
}

export async function smeArrearsYear(input: SmeArrearsYearInput): Promise<{ year: number; started: string[]; alreadyRunning: string[] }> {
  const year = yearOf(shanghaiDate(workflowNow()));
  const result = await openSmeArrearsYear({ year, units: input.units });
  return { year, ...result };
}
