/**
 * The sent-log: which reminders have already gone out, by idempotency key.
 * Activities run at least once (a retry after a timeout, a worker killed
 * mid-send, two workers given the same reminder when one was thought dead);
 * a sender claims the key before handing the mail to the relay and marks it
 * sent right after the relay's 250, so the same reminder reaches a unit once.
 *
 * A claim is a lease held by one activity attempt and renewed with its
 * heartbeat. While it is live, a second claimer is told to come back when it
 * ends (`busy`); once it lapses (the holder died, its heartbeats stopped) the
 * next claimer takes the key over and sends. A claim and a mark are each one
 * transaction: in SQLite under the write lock (BEGIN IMMEDIATE), shared by
 * the worker processes of one host; in PostgreSQL one upsert on the key's
 * row, shared by workers on every host.
 *
 * What a lease cannot cover: a holder frozen (not dead) for longer than its
 * lease, then resuming its send after another took over. Leases follow the
 * activity's heartbeat timeout, so Temporal would have given up on it too.
 */
import { openSqliteFile, type Migration } from './migrations';
import type { Query } from './postgres';

export interface SentRecord {
  key: string;
  messageId: string;
  sentAt: string;
  recipients: string[];
}

export type Claim =
  /** The relay accepted this key's mail before: do not send it again. */
  | { outcome: 'sent'; record: SentRecord }
  /** Yours until the lease ends: send, then markSent. `attempt` counts the claims the key has had, this one included. */
  | { outcome: 'claimed'; attempt: number }
  /** Another sender holds a live claim: come back in `retryInMs` (it will have sent, or died and lapsed). */
  | { outcome: 'busy'; owner: string; retryInMs: number };

/**
 * What a sender asks, in this order: `claim` before handing the mail to the
 * relay, `renew` while the relay holds it, `markSent` right after the relay
 * accepts (or `release` when it refused). A claim never marked (a worker
 * killed mid-send) is not a send: once its lease lapses the next claim sends.
 */
export interface SentLog {
  /** The record of a send the relay accepted; undefined when the key was never marked sent. */
  find(key: string): Promise<SentRecord | undefined>;
  /** Claims `key` for `owner` for `leaseMs`, in one transaction: see Claim for the outcomes. */
  claim(key: string, owner: string, leaseMs: number): Promise<Claim>;
  /** Extends the owner's lease; false when the claim is no longer the owner's (it lapsed and was taken over, or the key was marked sent). */
  renew(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Ends the owner's claim without a send (the relay refused), so a retry need not wait for the lease. */
  release(key: string, owner: string): Promise<void>;
  /** Records the relay's accept and ends any claim; the first record of a key stands. */
  markSent(record: SentRecord): Promise<void>;
}

interface SentRow {
  attempts: number;
  owner: string | null;
  message_id: string | null;
  recipients: string | null;
  sent_at: string | null;
}

const sqliteMigrations: Migration[] = [
  {
    version: 1,
    name: 'sent_mail',
    // IF NOT EXISTS: sent-logs written before migrations were versioned already have it.
    sql: `CREATE TABLE IF NOT EXISTS sent_mail (
      key TEXT PRIMARY KEY,
      attempts INTEGER NOT NULL DEFAULT 0,
      message_id TEXT,
      recipients TEXT,
      sent_at TEXT
    )`,
  },
  {
    version: 2,
    name: 'claims with an owner and a lease',
    // lease_until: epoch milliseconds of this host's clock (one host shares the file).
    sql: 'ALTER TABLE sent_mail ADD COLUMN owner TEXT; ALTER TABLE sent_mail ADD COLUMN lease_until INTEGER;',
  },
];

/** The embedded sent-log in one SQLite file, opened (and migrated) at its first use: a CLI that never sends never creates it. */
export function openSqliteSentLog(file: string): SentLog & { ready(): void; close(): void } {
  let opened: ReturnType<typeof openDatabase> | undefined;
  const db = () => (opened ??= openDatabase(file));
  return {
    ready: () => void db(),
    async find(key) {
      const row = db().select.get(key);
      return row?.sent_at ? sentRecord(key, row) : undefined;
    },
    claim: async (key, owner, leaseMs) => db().claim.immediate(key, owner, leaseMs, Date.now()),
    renew: async (key, owner, leaseMs) => db().renew.run(Date.now() + leaseMs, key, owner).changes === 1,
    release: async (key, owner) => void db().release.run(key, owner),
    markSent: async (r) => void db().markSent.run({ key: r.key, messageId: r.messageId, recipients: JSON.stringify(r.recipients), sentAt: r.sentAt }),
    close: () => opened?.db.close(),
  };
}

const sentRecord = (key: string, row: SentRow): SentRecord => ({
  key,
  messageId: row.message_id!,
  sentAt: row.sent_at!,
  recipients: JSON.parse(row.recipients!) as string[],
});

function openDatabase(file: string) {
  const db = openSqliteFile(file, sqliteMigrations);
  const select = db.prepare<[string], SentRow & { lease_until: number | null }>(
    'SELECT attempts, owner, lease_until, message_id, recipients, sent_at FROM sent_mail WHERE key = ?',
  );
  const take = db.prepare<[string, string, number], { attempts: number }>(
    `INSERT INTO sent_mail (key, attempts, owner, lease_until) VALUES (?, 1, ?, ?)
     ON CONFLICT(key) DO UPDATE SET attempts = attempts + 1, owner = excluded.owner, lease_until = excluded.lease_until
     RETURNING attempts`,
  );
  return {
    db,
    select,
    claim: db.transaction((key: string, owner: string, leaseMs: number, now: number): Claim => {
      const row = select.get(key);
      if (row?.sent_at) return { outcome: 'sent', record: sentRecord(key, row) };
      if (row?.owner && row.owner !== owner && row.lease_until !== null && row.lease_until > now) {
        return { outcome: 'busy', owner: row.owner, retryInMs: row.lease_until - now };
      }
      return { outcome: 'claimed', attempt: take.get(key, owner, now + leaseMs)!.attempts };
    }),
    renew: db.prepare<[number, string, string]>('UPDATE sent_mail SET lease_until = ? WHERE key = ? AND owner = ? AND sent_at IS NULL'),
    release: db.prepare<[string, string]>('UPDATE sent_mail SET owner = NULL, lease_until = NULL WHERE key = ? AND owner = ? AND sent_at IS NULL'),
    markSent: db.prepare<[{ key: string; messageId: string; recipients: string; sentAt: string }]>(
      `INSERT INTO sent_mail (key, attempts, message_id, recipients, sent_at) VALUES (@key, 1, @messageId, @recipients, @sentAt)
       ON CONFLICT(key) DO UPDATE SET message_id = excluded.message_id, recipients = excluded.recipients, sent_at = excluded.sent_at,
         owner = NULL, lease_until = NULL
       WHERE sent_at IS NULL`,
    ),
  };
}

/**
 * The shared sent-log in PostgreSQL (table sent_mail). Leases are on the
 * database's clock, so hosts whose clocks disagree still agree on them. A
 * claim is one statement: the upsert locks the key's row (a racing claimer
 * waits for it) and takes it only if it is unsent and its lease is free.
 */
export function postgresSentLog(query: Query): SentLog {
  const lease = `clock_timestamp() + make_interval(secs => $3::double precision / 1000)`;
  type PgRow = Omit<SentRow, 'recipients' | 'sent_at'> & { recipients: string[] | null; sent_at: Date | null; retry_in_ms: number };
  const record = (key: string, row: PgRow): SentRecord => ({ key, messageId: row.message_id!, sentAt: row.sent_at!.toISOString(), recipients: row.recipients! });
  const select = (key: string) =>
    query<PgRow>(
      `SELECT attempts, owner, message_id, recipients, sent_at,
              greatest(0, ceil(extract(epoch FROM lease_until - clock_timestamp()) * 1000))::int AS retry_in_ms
       FROM sent_mail WHERE key = $1`,
      [key],
    );
  return {
    async find(key) {
      const [row] = await select(key);
      return row?.sent_at ? record(key, row) : undefined;
    },
    async claim(key, owner, leaseMs) {
      const [taken] = await query<{ attempts: number }>(
        `INSERT INTO sent_mail AS s (key, attempts, owner, lease_until) VALUES ($1, 1, $2, ${lease})
         ON CONFLICT (key) DO UPDATE SET attempts = s.attempts + 1, owner = excluded.owner, lease_until = excluded.lease_until
         WHERE s.sent_at IS NULL AND (s.owner IS NULL OR s.owner = excluded.owner OR s.lease_until <= clock_timestamp())
         RETURNING attempts`,
        [key, owner, leaseMs],
      );
      if (taken) return { outcome: 'claimed', attempt: taken.attempts };
      // Not taken: sent, or held. Read which (it may have moved on since; a caller told `busy` just asks again).
      const [row] = await select(key);
      if (row?.sent_at) return { outcome: 'sent', record: record(key, row) };
      return { outcome: 'busy', owner: row?.owner ?? '(released)', retryInMs: row?.retry_in_ms ?? 0 };
    },
    async renew(key, owner, leaseMs) {
      const rows = await query(`UPDATE sent_mail SET lease_until = ${lease} WHERE key = $1 AND owner = $2 AND sent_at IS NULL RETURNING 1`, [key, owner, leaseMs]);
      return rows.length === 1;
    },
    async release(key, owner) {
      await query('UPDATE sent_mail SET owner = NULL, lease_until = NULL WHERE key = $1 AND owner = $2 AND sent_at IS NULL', [key, owner]);
    },
    async markSent(r) {
      await query(
        `INSERT INTO sent_mail AS s (key, attempts, message_id, recipients, sent_at) VALUES ($1, 1, $2, $3::jsonb, $4)
         ON CONFLICT (key) DO UPDATE SET message_id = excluded.message_id, recipients = excluded.recipients, sent_at = excluded.sent_at,
           owner = NULL, lease_until = NULL
         WHERE s.sent_at IS NULL`,
        [r.key, r.messageId, JSON.stringify(r.recipients), r.sentAt],
      );
    },
  };
}
