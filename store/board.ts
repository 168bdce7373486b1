/**
 * The board's read model in the store (contracts/board.ts says what an entry
 * is). Two kinds of writer, told apart by `source`:
 *
 * - the duty's own workflow (`workflow`): every time it publishes its
 *   standing, and once more when it ends. Its writes carry `seq`, the
 *   workflow's own order; a write older than the row (a retried local
 *   activity arriving late) changes nothing.
 * - a reader of Temporal (`listing`): a web server's visibility listing or
 *   `describe` after an action. It fills in duties whose workflows do not
 *   write (started before they could) and removes those that ended without
 *   saying so (terminated, or ended before they could write). It never
 *   overwrites what a workflow wrote, except to remove a duty Temporal says
 *   has closed.
 *
 * An ended duty stays as a row without entry for a week, so a late write or
 * a stale listing cannot bring it back, and so readers that poll for changes
 * see it leave. Readers poll `changesSince`: each row carries the store's
 * clock at its last change, and a reader asks again from a little before
 * its last answer (PostgreSQL commits need not land in clock order; each
 * write here is one short statement, so a few seconds cover it).
 */
import type { BoardEntry, BoardWrite } from '../contracts/board';
import { openSqliteFile, type Migration } from './migrations';
import type { Query } from './postgres';

/** One duty's row as a reader sees it: its entry, or none once it ended. */
export interface BoardRow {
  workflowId: string;
  entry?: BoardEntry;
}

export interface BoardChanges {
  rows: BoardRow[];
  /** Hand back to the next `changesSince`. */
  cursor: number;
}

export interface BoardStore {
  /** A workflow's own write: applied only when `seq` is newer than the row's. */
  write(w: BoardWrite): Promise<void>;
  /** What Temporal says of one duty (a `describe`): an entry for one that runs, none for one that closed. */
  observe(row: BoardRow): Promise<void>;
  /**
   * A whole visibility listing of the running duties, begun at `listedAt`:
   * entries for those no workflow writes (`written` counts those added or
   * changed), and every duty missing from it
   * that has not changed for `graceMs` before it leaves (visibility can lag
   * a start by a moment; a duty that runs will be listed next time).
   */
  reconcile(running: BoardEntry[], listedAt: Date, graceMs?: number): Promise<{ written: number; removed: number }>;
  /** Every running duty's entry. */
  entries(): Promise<BoardEntry[]>;
  /** Rows changed since the cursor of an earlier answer (from the start when undefined), ended ones included. */
  changesSince(cursor: number | undefined): Promise<BoardChanges>;
}

/** How far back a reader re-reads; longer than any single write takes to commit. */
const REREAD_MS = 5_000;
/** How long an ended duty's row is kept. */
const TOMBSTONE_MS = 7 * 86_400_000;
/** A duty missing from a listing leaves once it has not changed for this long. */
const DEFAULT_GRACE_MS = 60_000;

const entryOf = (w: BoardWrite) => ('entry' in w ? JSON.stringify(w.entry) : null);

export const sqliteBoardMigrations: Migration[] = [
  {
    version: 1,
    name: 'board read model',
    sql: `CREATE TABLE board (
      workflow_id TEXT PRIMARY KEY,
      entry TEXT,
      seq INTEGER NOT NULL,
      source TEXT NOT NULL,
      changed_at INTEGER NOT NULL
    );
    CREATE INDEX board_changed_at ON board (changed_at);`,
  },
];

export const postgresBoardMigration: Migration = {
  version: 3,
  name: 'board read model',
  sql: `CREATE TABLE board (
    workflow_id text PRIMARY KEY,
    entry jsonb,
    seq bigint NOT NULL,
    source text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
  );
  CREATE INDEX board_changed_at ON board (changed_at);`,
};

/** The embedded read model in one SQLite file (`board.sqlite`), shared by the worker and web processes of one host. */
export function openSqliteBoard(file: string): BoardStore & { ready(): void; close(): void } {
  let opened: ReturnType<typeof openBoardDatabase> | undefined;
  const db = () => (opened ??= openBoardDatabase(file));
  return {
    ready: () => void db(),
    write: async (w) => void db().write.run(w.workflowId, entryOf(w), w.seq, Date.now()),
    observe: async (row) => void db().observe(row, Date.now()),
    reconcile: async (running, listedAt, graceMs = DEFAULT_GRACE_MS) => db().reconcile.immediate(running, listedAt.getTime() - graceMs, Date.now()),
    entries: async () => db().entries.all().map((r) => JSON.parse(r.entry) as BoardEntry),
    async changesSince(cursor) {
      const now = Date.now();
      const rows = db().changes.all(cursor === undefined ? -1 : cursor - REREAD_MS);
      return { rows: rows.map((r) => ({ workflowId: r.workflow_id, ...(r.entry ? { entry: JSON.parse(r.entry) as BoardEntry } : {}) })), cursor: now };
    },
    close: () => opened?.db.close(),
  };
}

function openBoardDatabase(file: string) {
  const db = openSqliteFile(file, sqliteBoardMigrations);
  const fromListing = db.prepare<[string, string, number]>(
    `INSERT INTO board (workflow_id, entry, seq, source, changed_at) VALUES (?, ?, 0, 'listing', ?)
     ON CONFLICT (workflow_id) DO UPDATE SET entry = excluded.entry, changed_at = excluded.changed_at
     WHERE board.source = 'listing' AND board.entry IS NOT excluded.entry`,
  );
  const closed = db.prepare<[number, string]>(`UPDATE board SET entry = NULL, source = 'listing', changed_at = ? WHERE workflow_id = ? AND entry IS NOT NULL`);
  return {
    db,
    write: db.prepare<[string, string | null, number, number]>(
      `INSERT INTO board (workflow_id, entry, seq, source, changed_at) VALUES (?, ?, ?, 'workflow', ?)
       ON CONFLICT (workflow_id) DO UPDATE SET entry = excluded.entry, seq = excluded.seq, source = 'workflow', changed_at = excluded.changed_at
       WHERE excluded.seq > board.seq`,
    ),
    observe: (row: BoardRow, now: number) => (row.entry ? fromListing.run(row.workflowId, JSON.stringify(row.entry), now) : closed.run(now, row.workflowId)),
    reconcile: db.transaction((running: BoardEntry[], unchangedSince: number, now: number) => {
      let written = 0;
      for (const e of running) written += fromListing.run(e.workflowId, JSON.stringify(e), now).changes;
      const listed = new Set(running.map((e) => e.workflowId));
      const stale = db
        .prepare<[number], { workflow_id: string }>('SELECT workflow_id FROM board WHERE entry IS NOT NULL AND changed_at < ?')
        .all(unchangedSince)
        .filter((r) => !listed.has(r.workflow_id));
      for (const r of stale) closed.run(now, r.workflow_id);
      db.prepare<[number]>('DELETE FROM board WHERE entry IS NULL AND changed_at < ?').run(now - TOMBSTONE_MS);
      return { written, removed: stale.length };
    }),
    entries: db.prepare<[], { entry: string }>('SELECT entry FROM board WHERE entry IS NOT NULL'),
    changes: db.prepare<[number], { workflow_id: string; entry: string | null }>('SELECT workflow_id, entry FROM board WHERE changed_at > ?'),
  };
}

/** The shared read model in PostgreSQL (table board), on the database's clock. */
export function postgresBoard(query: Query): BoardStore {
  const fromListing = `INSERT INTO board AS b (workflow_id, entry, seq, source)
    SELECT id, e, 0, 'listing' FROM unnest($1::text[], $2::jsonb[]) AS t(id, e)
    ON CONFLICT (workflow_id) DO UPDATE SET entry = excluded.entry, changed_at = clock_timestamp()
    WHERE b.source = 'listing' AND b.entry IS DISTINCT FROM excluded.entry`;
  const close = `UPDATE board SET entry = NULL, source = 'listing', changed_at = clock_timestamp() WHERE workflow_id = $1 AND entry IS NOT NULL`;
  return {
    async write(w) {
      await query(
        `INSERT INTO board AS b (workflow_id, entry, seq, source) VALUES ($1, $2::jsonb, $3, 'workflow')
         ON CONFLICT (workflow_id) DO UPDATE SET entry = excluded.entry, seq = excluded.seq, source = 'workflow', changed_at = clock_timestamp()
         WHERE excluded.seq > b.seq`,
        [w.workflowId, entryOf(w), w.seq],
      );
    },
    async observe(row) {
      if (row.entry) await query(fromListing, [[row.workflowId], [JSON.stringify(row.entry)]]);
      else await query(close, [row.workflowId]);
    },
    async reconcile(running, listedAt, graceMs = DEFAULT_GRACE_MS) {
      // One statement each, so a listing of 10,000 duties is three round trips, not 10,000.
      const [upserted] = await query<{ n: number }>(
        `WITH u AS (${fromListing} RETURNING 1) SELECT count(*)::int AS n FROM u`,
        [running.map((e) => e.workflowId), running.map((e) => JSON.stringify(e))],
      );
      const [gone] = await query<{ n: number }>(
        `WITH c AS (
           UPDATE board SET entry = NULL, source = 'listing', changed_at = clock_timestamp()
           WHERE entry IS NOT NULL AND changed_at < to_timestamp($2::double precision / 1000) AND NOT (workflow_id = ANY($1::text[]))
           RETURNING 1)
         SELECT count(*)::int AS n FROM c`,
        [running.map((e) => e.workflowId), listedAt.getTime() - graceMs],
      );
      await query(`DELETE FROM board WHERE entry IS NULL AND changed_at < clock_timestamp() - make_interval(secs => $1::double precision / 1000)`, [TOMBSTONE_MS]);
      return { written: upserted!.n, removed: gone!.n };
    },
    async entries() {
      return (await query<{ entry: BoardEntry }>('SELECT entry FROM board WHERE entry IS NOT NULL')).map((r) => r.entry);
    },
    async changesSince(cursor) {
      // The cursor is the database's clock before the rows are read, so hosts whose clocks disagree still page correctly.
      const [{ now }] = (await query<{ now: number }>('SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now')) as [{ now: number }];
      const rows = await query<{ workflow_id: string; entry: BoardEntry | null }>(
        'SELECT workflow_id, entry FROM board WHERE changed_at > to_timestamp($1::double precision / 1000)',
        [cursor === undefined ? 0 : cursor - REREAD_MS],
      );
      return { rows: rows.map((r) => ({ workflowId: r.workflow_id, ...(r.entry ? { entry: r.entry } : {}) })), cursor: Number(now) };
    },
  };
}
