/**
 * Versioned schema migrations, run when a store is first used: every process
 * (worker, CLI, web) brings the schema up to date itself, so an upgrade is
 * "deploy the new code". Migrations only ever add: version n is applied once,
 * in order, inside one transaction with its record, so a crash leaves the
 * schema at n-1 or n, never between. Two processes starting at once do not
 * both apply one: SQLite takes the write lock first (BEGIN IMMEDIATE),
 * PostgreSQL a transaction-scoped advisory lock.
 *
 * SQLite keeps its version in `PRAGMA user_version`; PostgreSQL in the table
 * `duban_migrations` (version, name, applied_at), for an operator to read.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Pool } from 'pg';

export interface Migration {
  version: number;
  /** What it does, in a few words (kept in duban_migrations). */
  name: string;
  sql: string;
}

/** A database migrated by a newer duban than this one: running on it could lose what the newer schema keeps. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  constructor(where: string, found: number, known: number) {
    super(`${where} is at schema version ${found}, but this duban knows only up to ${known}: run the newer duban (or restore a backup taken before it migrated).`);
  }
}

function latest(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration versions must run 1, 2, 3…; found ${m.version} at position ${i + 1}`);
  });
  return migrations.length;
}

/** Brings a SQLite database up to the last migration; `where` names it in errors. */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[], where: string): void {
  const known = latest(migrations);
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() === known) return;
  db.transaction(() => {
    const found = version();
    if (found > known) throw new SchemaTooNewError(where, found, known);
    for (const m of migrations.slice(found)) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

/**
 * Opens one SQLite file of the embedded store, creating its folder: in WAL
 * mode, so the web server's and the CLI's reads never wait for a worker's
 * write, with 5 s of patience for the write lock another process holds, and
 * migrated when `migrations` are given.
 */
export function openSqliteFile(file: string, migrations?: readonly Migration[]): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  if (migrations) migrateSqlite(db, migrations, file);
  return db;
}

// Any constant unique to duban: the key of the advisory lock migrations hold.
const MIGRATION_LOCK = 0x647562616e; // "duban"

/** Brings a PostgreSQL database up to the last migration; `where` names it in errors. */
export async function migratePostgres(pool: Pool, migrations: readonly Migration[], where: string): Promise<void> {
  const known = latest(migrations);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS duban_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ found: number }>('SELECT coalesce(max(version), 0)::int AS found FROM duban_migrations');
    const found = rows[0]!.found;
    if (found > known) throw new SchemaTooNewError(where, found, known);
    for (const m of migrations.slice(found)) {
      await client.query(m.sql);
      await client.query('INSERT INTO duban_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
