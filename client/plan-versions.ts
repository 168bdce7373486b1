/**
 * A plan file against the plan started before under the same id (CLI and
 * web alike). Starting twice is safe by construction, since a task already
 * running is left alone, but that also means a task whose wording, units or
 * deadline changed would silently keep the old ones. Such a start is refused
 * before anything is saved or started.
 */
import type { ObligationInput } from '../contracts/obligation';
import { changesFromStarted, planIdConflict, type PlanChanges } from '../domain/obligations';
import type { PlanStore } from '../store';

export async function startedPlanChanges(plans: PlanStore, planId: string, obligations: ObligationInput[]): Promise<PlanChanges & { conflict(how: string): string | undefined }> {
  const earlier = await Promise.all((await plans.keysOf(planId)).map((key) => plans.load(key)));
  const changes = changesFromStarted(earlier, obligations);
  return { ...changes, conflict: (how) => planIdConflict(planId, changes, how) };
}
