/**
 * The web's sign-ins, kept in the store so that every web server behind a
 * proxy agrees on them: the sessions (a staff member's, or a unit's opened by
 * its link) and the failed passwords the sign-in limit counts. The cookie
 * stays signed (client/web/security.ts), but a session is live only while
 * its row here is: signing out on one host ends it on all, and a new
 * password (`duban user add`) ends every session of that account.
 *
 * A session is kept under the SHA-256 of its id, never the id: the id is a
 * bearer secret (with the cookie's signature), and a copy of the table (a
 * backup, a read-only role) must not be enough to act as anyone. The id is
 * random (96 bits), so an unsalted hash cannot be reversed by guessing.
 *
 * The embedded twin lives in accounts.sqlite beside the accounts
 * (accounts.ts creates its tables); the PostgreSQL one in
 * postgres-sessions.ts. Times are milliseconds since the epoch, the web
 * server's clock (the same clock that checks the cookie's expiry).
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StaffRole } from './accounts';

/** What a session is for; the signed cookie says the same, the store says whether it still holds. */
export interface SessionRecord {
  /** A staff account's id; for a unit link's session, the unit's id. */
  principalId: string;
  role: StaffRole | 'unit';
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  /** Keeps a new session under its id's hash; sessions expired by its `createdAt` are deleted on the way. */
  create(sid: string, session: SessionRecord): Promise<void>;
  /** The session when it exists, was not revoked and has not expired at `now`. */
  findValid(sid: string, now?: number): Promise<SessionRecord | undefined>;
  /** Ends one session (signing out); true when it was live. */
  revoke(sid: string, now?: number): Promise<boolean>;
  /** Ends every live session of a staff account (never a unit's of the same id); how many ended. */
  revokeAccount(accountId: string, now?: number): Promise<number>;
}

/** Failed sign-ins by key (`user:<id>`, `ip:<address>`): the limit then holds across every web server. */
export interface SignInFailures {
  /** For each of `keys` with failures after `since`: how many, and when the oldest of them was. */
  recent(keys: string[], since: number): Promise<Map<string, { count: number; oldest: number }>>;
  /** Records one failure of each key at `at`, and forgets every failure (of any key) at or before `since`. */
  add(keys: string[], at: number, since: number): Promise<void>;
}

/** How a session id is kept: its SHA-256, hex. */
export const sidHash = (sid: string) => createHash('sha256').update(sid).digest('hex');

/** The tables in accounts.sqlite, created with the account table. */
export const sqliteSessionTables = `
  CREATE TABLE IF NOT EXISTS web_session (
    sid_hash TEXT PRIMARY KEY,
    principal_id TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS web_session_principal ON web_session (principal_id);
  CREATE INDEX IF NOT EXISTS web_session_expires ON web_session (expires_at);
  CREATE TABLE IF NOT EXISTS sign_in_failure (
    key TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sign_in_failure_key ON sign_in_failure (key, at);`;

type SessionRow = { principal_id: string; role: SessionRecord['role']; created_at: number; expires_at: number };

/** Sessions in accounts.sqlite; `db` opens it (and creates the tables) at first use. */
export function sqliteSessions(db: () => Database.Database): SessionStore {
  return {
    async create(sid, s) {
      const d = db();
      d.transaction(() => {
        d.prepare('DELETE FROM web_session WHERE expires_at <= ?').run(s.createdAt);
        d.prepare('INSERT INTO web_session (sid_hash, principal_id, role, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(sidHash(sid), s.principalId, s.role, s.createdAt, s.expiresAt);
      })();
    },
    async findValid(sid, now = Date.now()) {
      const row = db()
        .prepare<[string, number], SessionRow>('SELECT principal_id, role, created_at, expires_at FROM web_session WHERE sid_hash = ? AND revoked_at IS NULL AND expires_at > ?')
        .get(sidHash(sid), now);
      return row && { principalId: row.principal_id, role: row.role, createdAt: row.created_at, expiresAt: row.expires_at };
    },
    async revoke(sid, now = Date.now()) {
      return db().prepare('UPDATE web_session SET revoked_at = ? WHERE sid_hash = ? AND revoked_at IS NULL AND expires_at > ?').run(now, sidHash(sid), now).changes === 1;
    },
    async revokeAccount(accountId, now = Date.now()) {
      return db().prepare("UPDATE web_session SET revoked_at = ? WHERE principal_id = ? AND role <> 'unit' AND revoked_at IS NULL AND expires_at > ?").run(now, accountId, now).changes;
    },
  };
}

/** Sign-in failures in accounts.sqlite. */
export function sqliteSignInFailures(db: () => Database.Database): SignInFailures {
  type Row = { key: string; count: number; oldest: number };
  return {
    async recent(keys, since) {
      const rows = db()
        .prepare<[string, number], Row>('SELECT key, count(*) AS count, min(at) AS oldest FROM sign_in_failure WHERE key IN (SELECT value FROM json_each(?)) AND at > ? GROUP BY key')
        .all(JSON.stringify(keys), since);
      return new Map(rows.map((r) => [r.key, { count: r.count, oldest: r.oldest }]));
    },
    async add(keys, at, since) {
      const d = db();
      d.transaction(() => {
        d.prepare('DELETE FROM sign_in_failure WHERE at <= ?').run(since);
        const insert = d.prepare('INSERT INTO sign_in_failure (key, at) VALUES (?, ?)');
        for (const key of keys) insert.run(key, at);
      })();
    },
  };
}
