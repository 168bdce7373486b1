/**
 * Staff accounts in PostgreSQL (table account), the twin of accounts.ts's
 * SQLite one, for the web server on several hosts.
 */
import type { Account, AccountStore } from './accounts';
import type { Migration } from './migrations';
import type { Query } from './postgres';

export const accountsMigration: Migration = {
  version: 2,
  name: 'staff accounts',
  sql: `CREATE TABLE account (
    id text PRIMARY KEY,
    role text NOT NULL,
    password_hash text NOT NULL,
    created_at text NOT NULL
  )`,
};

/** Staff accounts (table account), the twin of accounts.ts's SQLite one. */
export function postgresAccounts(query: Query): AccountStore {
  type Row = { id: string; role: Account['role']; password_hash: string; created_at: string };
  return {
    async find(id) {
      const [row] = await query<Row>('SELECT * FROM account WHERE id = $1', [id]);
      return row && { id: row.id, role: row.role, passwordHash: row.password_hash, createdAt: row.created_at };
    },
    async put(a) {
      // xmax = 0 only on a freshly inserted row version: true when the account is new.
      const [row] = await query<{ inserted: boolean }>(
        `INSERT INTO account (id, role, password_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash
         RETURNING (xmax = 0) AS inserted`,
        [a.id, a.role, a.passwordHash, a.createdAt],
      );
      return row!.inserted;
    },
    async list() {
      const rows = await query<Row>('SELECT id, role, created_at FROM account ORDER BY id');
      return rows.map((r) => ({ id: r.id, role: r.role, createdAt: r.created_at }));
    },
  };
}
