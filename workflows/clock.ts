/**
 * Inside the workflow sandbox `Date` is replaced by Temporal with the time of
 * the current workflow task, recorded in history, so reading it here is
 * deterministic on replay (unlike the wall clock anywhere else). All workflow
 * code asks this one function, so that fact is stated once.
 */
export function workflowNow(): number {
  return Date.now();
}

/** Milliseconds from now until `instant` (ISO 8601), never negative. */
export function millisUntil(instant: string): number {
  return Math.max(0, Date.parse(instant) - workflowNow());
}
