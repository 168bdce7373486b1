/**
 * The shared store: every part in one PostgreSQL database, for workers and
 * a web server on several hosts. Chosen by DUBAN_DATABASE_URL. The schema is
 * migrated by whichever process uses the store first (see migrations.ts);
 * each part's queries live beside its embedded twin (sent-log.ts,
 * plan-store.ts, calendar-store.ts, directory-store.ts).
 */
import pg from 'pg';
import { accountsMigration, postgresAccounts } from './postgres-accounts';
import { postgresBoard, postgresBoardMigration } from './board';
import { calendarStore, postgresCalendarVersions } from './calendar-store';
import { postgresDirectoryStore } from './directory-store';
import { filesMigration, postgresFiles } from './files';
import { migratePostgres, type Migration } from './migrations';
import { postgresPlanStore } from './plan-store';
import { postgresSentLog } from './sent-log';
import { postgresSessions, postgresSignInFailures, sessionsMigration } from './postgres-sessions';
import type { Store } from './index';

/** One statement, run once the schema is ready; returns its rows. */
export type Query = <Row = unknown>(text: string, values?: unknown[]) => Promise<Row[]>;

/** The schema, version by version: only ever appended to. */
export const postgresMigrations: Migration[] = [
  {
    version: 1,
    name: 'sent-log, plan lists, calendar versions, directory history',
    sql: `
      CREATE TABLE sent_mail (
        key text PRIMARY KEY,
        attempts integer NOT NULL DEFAULT 0,
        owner text,
        lease_until timestamptz,
        message_id text,
        recipients jsonb,
        sent_at timestamptz
      );
      CREATE TABLE plan_lists (
        key text PRIMARY KEY,
        plan_id text NOT NULL,
        obligations json NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE calendar_versions (
        year integer NOT NULL,
        version integer NOT NULL,
        data json NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, version)
      );
      CREATE TABLE directory_versions (
        id bigserial PRIMARY KEY,
        yaml text NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  accountsMigration,
  postgresBoardMigration,
  sessionsMigration,
  filesMigration,
];

/** The URL without its password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

/** The store in the PostgreSQL database at `url`; nothing connects before the first use. */
export function openPostgresStore(url: string): Store {
  const where = describeDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, application_name: 'duban', connectionTimeoutMillis: 10_000 });
  // An idle connection the server dropped (a restart, a failover) is replaced at the next query; without a listener it would end the process.
  pool.on('error', (err) => console.error(`duban store: idle PostgreSQL connection to ${where} lost: ${err.message}`));
  let migrated: Promise<void> | undefined;
  let ended: Promise<void> | undefined;
  const ready = () => {
    migrated ??= migratePostgres(pool, postgresMigrations, where).catch((err: unknown) => {
      migrated = undefined; // the next use tries again (the database may have been starting)
      throw err;
    });
    return migrated;
  };
  const query: Query = async <Row>(text: string, values?: unknown[]) => {
    await ready();
    return (await pool.query(text, values)).rows as Row[];
  };
  return {
    description: `PostgreSQL ${where}`,
    sentLog: postgresSentLog(query),
    plans: postgresPlanStore(query),
    calendar: calendarStore(postgresCalendarVersions(query)),
    directory: postgresDirectoryStore(query, `${where}（directory_versions 表）`),
    accounts: postgresAccounts(query),
    sessions: postgresSessions(query),
    signInFailures: postgresSignInFailures(query),
    board: postgresBoard(query),
    files: postgresFiles(query),
    ready,
    close: () => (ended ??= pool.end()),
  };
}

