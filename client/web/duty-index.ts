/**
 * The board's read model: every running duty as its search attributes and
 * memo publish it, held in memory by the web server. A full listing from
 * Temporal visibility replaces it every DUBAN_BOARD_REFRESH_SECONDS (at
 * 10,000 running duties the listing takes seconds; the board must answer in
 * milliseconds), and an action taken through the web refreshes its own duty
 * at once from `describe`, which reads the workflow's mutable state rather
 * than the visibility store. So the board is at most one refresh interval
 * plus one listing behind a change made elsewhere (a CLI, a timer turning a
 * unit overdue), and current for what was done on it.
 */
import type { Client } from '@temporalio/client';
import { shanghaiDate, type Calendar } from '../../domain/calendar';
import { overdueRows, type OverdueRow, type PublishedObligation } from '../../domain/standing';
import { publishedObligation, runningDutiesQuery, type ListedWorkflow } from '../../contracts/queries';
import { searchAttributes } from '../../contracts/wire';

export interface IndexedDuty extends PublishedObligation {
  /** Units still owing (DubanPendingUnits). */
  owingUnitIds: string[];
}

function indexed(w: ListedWorkflow): IndexedDuty {
  return { ...publishedObligation(w), owingUnitIds: w.typedSearchAttributes.get(searchAttributes.pendingUnits) ?? [] };
}

export class DutyIndex {
  private duties = new Map<string, IndexedDuty>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private first: Promise<void> | undefined;
  /** When the last full listing began: everything older than this is in the model. */
  listedAt: Date | undefined;
  lastListingMs = 0;
  calendar: Calendar | undefined;
  /** Bumped whenever the model changes: what the derived rows below are cached by. */
  private version = 0;
  private derived: { key: string; rows: OverdueRow[]; plans: string[]; rules: string[] } | undefined;

  constructor(
    private readonly client: Client,
    private readonly loadCalendar: () => Promise<Calendar>,
    private readonly intervalMs: number,
  ) {}

  /** Lists once, then keeps listing in the background until `stop`. */
  start(): Promise<void> {
    const loop = async () => {
      await this.refreshAll().catch((err: Error) => console.error(`[web] board refresh failed: ${err.message}`));
      if (!this.stopped) this.timer = setTimeout(() => void loop(), this.intervalMs);
    };
    this.first ??= loop();
    return this.first;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Waits for the first listing (the board is never served from an empty model that is merely not filled yet). */
  ready(): Promise<void> {
    return this.first ?? this.start();
  }

  async refreshAll(): Promise<void> {
    const began = new Date();
    const next = new Map<string, IndexedDuty>();
    for await (const w of this.client.workflow.list({ query: runningDutiesQuery() })) next.set(w.workflowId, indexed(w));
    this.calendar = await this.loadCalendar();
    // Duties refreshed one by one while the listing ran are newer than what it saw.
    for (const [id, d] of this.fresh) if (d.at > began.getTime()) (d.duty ? next.set(id, d.duty) : next.delete(id));
    this.fresh.clear();
    this.duties = next;
    this.version += 1;
    this.listedAt = began;
    this.lastListingMs = Date.now() - began.getTime();
    // Derived here, in the background, so that no board request after a listing pays for it.
    this.overdue(shanghaiDate(Date.now()));
  }

  private fresh = new Map<string, { at: number; duty?: IndexedDuty }>();

  /** After an action on one duty: read it back from the workflow itself. */
  async refreshOne(workflowId: string): Promise<void> {
    const d = await this.client.workflow.getHandle(workflowId).describe();
    const duty = d.status.name === 'RUNNING' ? indexed(d) : undefined;
    this.fresh.set(workflowId, { at: Date.now(), duty });
    if (duty) this.duties.set(workflowId, duty);
    else this.duties.delete(workflowId);
    this.version += 1;
  }

  /**
   * Every overdue unit of every running duty, worst first, as `duban overdue`
   * orders them; computed once per change of the model and per day (the
   * working-day counts and the Chinese collation cost about half a second at
   * 10,000 duties), so a filtered board only filters.
   */
  overdue(today: string): { rows: OverdueRow[]; plans: string[]; rules: string[] } {
    const key = `${this.version}/${today}`;
    if (this.derived?.key !== key) {
      const all = this.all();
      this.derived = {
        key,
        rows: overdueRows(all, today, this.calendar!),
        plans: [...new Set(all.map((d) => d.planId).filter((p): p is string => !!p))].sort(),
        rules: [...new Set(all.map((d) => d.rule))].sort(),
      };
    }
    return this.derived;
  }

  all(): IndexedDuty[] {
    return [...this.duties.values()];
  }

  get(workflowId: string): IndexedDuty | undefined {
    return this.duties.get(workflowId);
  }
}
