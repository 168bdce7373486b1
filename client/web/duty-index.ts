/**
 * The board's read model as a web server holds it: every running duty's
 * entry from the store (store/board.ts), in memory, because the board must
 * answer in milliseconds at 10,000 duties and its overdue rows cost about
 * half a second to derive.
 *
 * - Workflows write their own rows as they publish (contracts/board.ts), so
 *   every web server, on any host, follows a change by reading the store's
 *   changes every DUBAN_BOARD_REFRESH_SECONDS.
 * - A full visibility listing every DUBAN_BOARD_RECONCILE_SECONDS (seconds
 *   long at 10,000 duties) fills in duties that do not write their rows
 *   (started by an older duban) and removes those that ended without saying
 *   so (terminated).
 * - After an action on the web, the duty is read back from its workflow
 *   (`describe`) into the store, then the store's changes are read at once.
 */
import type { Client } from '@temporalio/client';
import { shanghaiDate, type Calendar } from '../../domain/calendar';
import { overdueRows, type OverdueRow } from '../../domain/standing';
import { boardEntry, type BoardEntry } from '../../contracts/board';
import { runningDutiesQuery } from '../../contracts/queries';
import type { BoardStore } from '../../store';

/** A running duty as the board holds it. */
export type IndexedDuty = BoardEntry;

export interface DutyIndexOptions {
  /** How often the store's changes are read. */
  pollMs: number;
  /** How often visibility is listed in full and the store reconciled with it. */
  reconcileMs: number;
  /** A duty missing from a listing leaves once unchanged this long before it (store/board.ts; 60 s when left out). */
  graceMs?: number;
}

/** The holiday years change rarely (an import): read again at most this often. */
const CALENDAR_RELOAD_MS = 10_000;

export class DutyIndex {
  private duties = new Map<string, { duty: IndexedDuty; json: string }>();
  private cursor: number | undefined;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private first: Promise<void> | undefined;
  /** The last read of the store's changes asked for (they run one at a time). */
  private reading: Promise<void> | undefined;
  /** When the last read of the store's changes began: every change the store had then is in the model. */
  asOf: Date | undefined;
  /** How long the last full visibility listing took. */
  lastListingMs = 0;
  calendar: Calendar | undefined;
  private calendarAt = 0;
  /** Bumped whenever the model changes: what the derived rows below are cached by. */
  private version = 0;
  private derived: { key: string; rows: OverdueRow[]; plans: string[]; rules: string[] } | undefined;

  constructor(
    private readonly client: Client,
    private readonly board: BoardStore,
    private readonly loadCalendar: () => Promise<Calendar>,
    private readonly options: DutyIndexOptions,
  ) {}

  /** Reads the store once, then keeps reading its changes, and reconciling with visibility, in the background until `stop`. */
  start(): Promise<void> {
    this.first ??= this.readChanges().then(() => {
      this.every(this.options.pollMs, () => this.readChanges());
      this.every(this.options.reconcileMs, () => this.reconcile(), true);
    });
    return this.first;
  }

  private every(ms: number, work: () => Promise<void>, now = false): void {
    const loop = async () => {
      await work().catch((err: Error) => console.error(`[web] board read failed: ${err.message}`));
      if (!this.stopped) this.timers.push(setTimeout(() => void loop(), ms));
    };
    if (now) void loop();
    else this.timers.push(setTimeout(() => void loop(), ms));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
  }

  /** Waits for the first read of the store (the board is never served from a model that is merely not filled yet). */
  ready(): Promise<void> {
    return this.first ?? this.start();
  }

  /** The store's changes since the last read, into the model. Reads run one after another, and each call gets one that begins after it. */
  readChanges(): Promise<void> {
    // A read already under way may have begun before what the caller just wrote: one more goes after it.
    const next = (this.reading ?? Promise.resolve()).catch(() => undefined).then(() => this.readOnce());
    this.reading = next;
    void next.finally(() => {
      if (this.reading === next) this.reading = undefined;
    }).catch(() => undefined);
    return next;
  }

  private async readOnce(): Promise<void> {
    const began = new Date();
    const { rows, cursor } = await this.board.changesSince(this.cursor);
    if (!this.calendar || began.getTime() - this.calendarAt > CALENDAR_RELOAD_MS) {
      this.calendar = await this.loadCalendar();
      this.calendarAt = began.getTime();
      this.version += 1;
    }
    for (const row of rows) {
      const held = this.duties.get(row.workflowId);
      if (!row.entry) {
        if (held && this.duties.delete(row.workflowId)) this.version += 1;
        continue;
      }
      // A read re-reads its last few seconds (store/board.ts): a row seen before is not a change.
      const json = JSON.stringify(row.entry);
      if (held?.json === json) continue;
      this.duties.set(row.workflowId, { duty: row.entry, json });
      this.version += 1;
    }
    this.cursor = cursor;
    this.asOf = began;
    // Derived here, in the background, so that no board request after a change pays for it.
    this.overdue(shanghaiDate(Date.now()));
  }

  /** A full listing of running duties from visibility, reconciled into the store, then read back. */
  async reconcile(): Promise<void> {
    const began = new Date();
    const running: BoardEntry[] = [];
    for await (const w of this.client.workflow.list({ query: runningDutiesQuery() })) running.push(boardEntry(w));
    this.lastListingMs = Date.now() - began.getTime();
    const { written, removed } = await this.board.reconcile(running, began, this.options.graceMs);
    if (written || removed) console.log(`[web] board reconciled with visibility: ${written} rows written, ${removed} removed`);
    await this.readChanges();
  }

  /** After an action on one duty: what its workflow says now, into the store and the model. */
  async refreshOne(workflowId: string): Promise<void> {
    const d = await this.client.workflow.getHandle(workflowId).describe();
    await this.board.observe({ workflowId, ...(d.status.name === 'RUNNING' ? { entry: boardEntry(d) } : {}) });
    await this.readChanges();
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
    return [...this.duties.values()].map((d) => d.duty);
  }

  get(workflowId: string): IndexedDuty | undefined {
    return this.duties.get(workflowId)?.duty;
  }
}
