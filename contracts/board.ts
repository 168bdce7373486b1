/**
 * The board's read model: one entry per running duty, the same fields a
 * visibility listing gives (search attributes and memo) plus who still owes.
 * Workflows write their own entry to the store each time they publish their
 * standing (the `board-read-model` patch), so the board follows a report in
 * the time it takes the web server to read the store's changes; a listing
 * from visibility fills in duties that do not write (started before the
 * patch) and removes those that ended without saying so (terminated).
 */
import type { PublishedObligation } from '../domain/standing';
import { publishedObligation, type ListedWorkflow } from './queries';
import { searchAttributes } from './wire';

export interface BoardEntry extends PublishedObligation {
  /** Units still owing (DubanPendingUnits). */
  owingUnitIds: string[];
}

/** A duty's entry from what it published: a listing's row, or the workflow's own info and memo (the same shape). */
export function boardEntry(w: ListedWorkflow): BoardEntry {
  return { ...publishedObligation(w), owingUnitIds: w.typedSearchAttributes.get(searchAttributes.pendingUnits) ?? [] };
}

/** What a workflow hands the store: its entry, or that it ended; `seq` orders one duty's writes across retries and runs. */
export type BoardWrite = { workflowId: string; seq: number } & ({ entry: BoardEntry } | { ended: true });
