/**
 * Opens the year's SME-arrears disclosures as obligation workflows. Each id
 * is a business key and an existing one is left alone, so a retried batch or
 * a second run of the same year's schedule starts only what is missing.
 * The obligations are built here, not in the workflow, so the statutory
 * rules and their calendar data stay out of the workflow bundle.
 */
import { smeArrearsObligations } from '../domain/event-duties';
import type { UnitContact } from '../domain/obligations';
import { startObligation } from '../contracts/start';
import type { StarterDeps } from './starter';

export function createDutyActivities(deps: Pick<StarterDeps, 'temporal' | 'taskQueue'>) {
  return {
    async openSmeArrearsYear(input: { year: number; units: UnitContact[] }): Promise<{ started: string[]; alreadyRunning: string[] }> {
      const obligations = smeArrearsObligations(input.year, input.units);
      const outcomes = await Promise.all(obligations.map((o) => startObligation(deps.temporal, deps.taskQueue, o)));
      return {
        started: obligations.filter((_, i) => outcomes[i]).map((o) => o.obligationId),
        alreadyRunning: obligations.filter((_, i) => !outcomes[i]).map((o) => o.obligationId),
      };
    },
  };
}
