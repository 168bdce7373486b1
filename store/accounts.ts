/**
 * Staff accounts for the web pages: an id, a role (admin or supervisor) and
 * an argon2 hash of the password, made by `duban user add`. Never a password
 * in clear, never a default account. Units have no accounts: they come in by
 * a signed link (client/web/links.ts).
 */
import type Database from 'better-sqlite3';
import { openSqliteFile, type Migration } from './migrations';
import { sqliteSessions, sqliteSessionTables, sqliteSignInFailures, type SessionStore, type SignInFailures } from './sessions';

export type StaffRole = 'admin' | 'supervisor';

export interface Account {
  id: string;
  role: StaffRole;
  /** An argon2id PHC string (`$argon2id$v=19$…`). */
  passwordHash: string;
  createdAt: string;
}

export interface AccountStore {
  find(id: string): Promise<Account | undefined>;
  /** Adds the account or replaces its role and hash; true when it was new. */
  put(account: Account): Promise<boolean>;
  list(): Promise<Array<Omit<Account, 'passwordHash'>>>;
}

/**
 * accounts.sqlite, opened at first use: the staff accounts, and the web's
 * sessions and sign-in failures (sessions.ts), which go with them.
 */
export function openAccountsFile(file: string): { accounts: AccountStore; sessions: SessionStore; signInFailures: SignInFailures; ready(): void; close(): void } {
  let opened: Database.Database | undefined;
  const db = () => (opened ??= openSqliteFile(file, accountsFileMigrations));
  return {
    accounts: sqliteAccounts(db),
    sessions: sqliteSessions(db),
    signInFailures: sqliteSignInFailures(db),
    ready: () => void db(),
    close: () => opened?.close(),
  };
}

/** accounts.sqlite's schema, version by version (PRAGMA user_version): only ever appended to. */
const accountsFileMigrations: Migration[] = [
  {
    version: 1,
    name: 'staff accounts',
    // IF NOT EXISTS here and in version 2: files written before the schema was versioned already have them.
    sql: `CREATE TABLE IF NOT EXISTS account (
      id TEXT PRIMARY KEY,
      role TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
  },
  { version: 2, name: 'web sessions and failed sign-ins', sql: sqliteSessionTables },
];

function sqliteAccounts(db: () => Database.Database): AccountStore {
  type Row = { id: string; role: StaffRole; password_hash: string; created_at: string };
  return {
    async find(id) {
      const row = db().prepare<[string], Row>('SELECT * FROM account WHERE id = ?').get(id);
      return row && { id: row.id, role: row.role, passwordHash: row.password_hash, createdAt: row.created_at };
    },
    async put(a) {
      const existed = db().prepare<[string], Row>('SELECT * FROM account WHERE id = ?').get(a.id) !== undefined;
      db()
        .prepare('INSERT INTO account (id, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash')
        .run(a.id, a.role, a.passwordHash, a.createdAt);
      return !existed;
    },
    async list() {
      return db()
        .prepare<[], Row>('SELECT * FROM account ORDER BY id')
        .all()
        .map((r) => ({ id: r.id, role: r.role, createdAt: r.created_at }));
    },
  };
}
