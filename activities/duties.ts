/**
 * Opens a batch of statutory-duty obligations (the year's SME-arrears
 * disclosures) as obligation workflows. Each id is a business key and an
 * existing one is left alone, so a retried batch or a second run of the
 * same year's schedule starts only what is missing.
 */
import type { ObligationInput } from '../workflows/obligation-types';
import { startObligation, type StarterDeps } from './starter';

export function createDutyActivities(deps: Pick<StarterDeps, 'temporal' | 'taskQueue'>) {
  return {
    async openObligations(input: { obligations: ObligationInput[] }): Promise<{ started: string[]; alreadyRunning: string[] }> {
      const outcomes = await Promise.all(input.obligations.map((o) => startObligation(deps.temporal, deps.taskQueue, o)));
      return {
        started: input.obligations.filter((_, i) => outcomes[i]).map((o) => o.obligationId),
        alreadyRunning: input.obligations.filter((_, i) => !outcomes[i]).map((o) => o.obligationId),
      };
    },
  };
}
