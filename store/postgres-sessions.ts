/**
 * Web sessions and sign-in failures in PostgreSQL (tables web_session and
 * sign_in_failure), the twins of sessions.ts's SQLite ones: one database for
 * every web server behind the proxy, so a sign-out or a sixth wrong password
 * on one host counts on all.
 */
import type { Migration } from './migrations';
import type { Query } from './postgres';
import { sidHash, type SessionRecord, type SessionStore, type SignInFailures } from './sessions';

export const sessionsMigration: Migration = {
  version: 4,
  name: 'staff sessions',
  sql: `
    CREATE TABLE web_session (
      sid_hash text PRIMARY KEY,
      principal_id text NOT NULL,
      role text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX web_session_principal ON web_session (principal_id);
    CREATE INDEX web_session_expires ON web_session (expires_at);
    CREATE TABLE sign_in_failure (
      key text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX sign_in_failure_key ON sign_in_failure (key, at);`,
};

const at = (ms: number) => new Date(ms);

export function postgresSessions(query: Query): SessionStore {
  type Row = { principal_id: string; role: SessionRecord['role']; created_at: Date; expires_at: Date };
  return {
    async create(sid, s) {
      await query(
        `WITH expired AS (DELETE FROM web_session WHERE expires_at <= $4)
         INSERT INTO web_session (sid_hash, principal_id, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [sidHash(sid), s.principalId, s.role, at(s.createdAt), at(s.expiresAt)],
      );
    },
    async findValid(sid, now = Date.now()) {
      const [row] = await query<Row>('SELECT principal_id, role, created_at, expires_at FROM web_session WHERE sid_hash = $1 AND revoked_at IS NULL AND expires_at > $2', [sidHash(sid), at(now)]);
      return row && { principalId: row.principal_id, role: row.role, createdAt: row.created_at.getTime(), expiresAt: row.expires_at.getTime() };
    },
    async revoke(sid, now = Date.now()) {
      const rows = await query('UPDATE web_session SET revoked_at = $2 WHERE sid_hash = $1 AND revoked_at IS NULL AND expires_at > $2 RETURNING 1', [sidHash(sid), at(now)]);
      return rows.length === 1;
    },
    async revokeAccount(accountId, now = Date.now()) {
      const rows = await query("UPDATE web_session SET revoked_at = $2 WHERE principal_id = $1 AND role <> 'unit' AND revoked_at IS NULL AND expires_at > $2 RETURNING 1", [accountId, at(now)]);
      return rows.length;
    },
  };
}

export function postgresSignInFailures(query: Query): SignInFailures {
  return {
    async recent(keys, since) {
      const rows = await query<{ key: string; count: number; oldest: Date }>(
        'SELECT key, count(*)::int AS count, min(at) AS oldest FROM sign_in_failure WHERE key = ANY($1) AND at > $2 GROUP BY key',
        [keys, at(since)],
      );
      return new Map(rows.map((r) => [r.key, { count: r.count, oldest: r.oldest.getTime() }]));
    },
    async add(keys, when, since) {
      await query(
        `WITH forgotten AS (DELETE FROM sign_in_failure WHERE at <= $3)
         INSERT INTO sign_in_failure (key, at) SELECT unnest($1::text[]), $2::timestamptz`,
        [keys, at(when), at(since)],
      );
    },
  };
}
