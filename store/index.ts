/**
 * What duban keeps outside Temporal: the sent-log, the plans waiting to be
 * fanned out, the imported holiday years and the current unit directory.
 * The worker's activities and the client both reach it through `Store`;
 * `storeFromEnv` is the one place it is built from configuration: the
 * embedded store (SQLite and files under DUBAN_DATA_DIR, one host) by
 * default, the shared one (PostgreSQL, any number of hosts) when
 * DUBAN_DATABASE_URL names a database. Both pass test/store's one contract.
 */
import path from 'node:path';
import type { DubanEnv } from '../config/env';
import { openAccountsFile, type AccountStore } from './accounts';
import { openSqliteBoard, type BoardStore } from './board';
import { calendarStore, fileCalendarVersions, type CalendarStore } from './calendar-store';
import { fileDirectoryStore, type DirectoryStore } from './directory-store';
import { openFileStore, withEvidenceFolder, type FileStore } from './files';
import { openFilePlanStore, type PlanStore } from './plan-store';
import { openPostgresStore } from './postgres';
import { openSqliteSentLog, type SentLog } from './sent-log';
import type { SessionStore, SignInFailures } from './sessions';

export interface Store {
  readonly sentLog: SentLog;
  readonly plans: PlanStore;
  readonly calendar: CalendarStore;
  readonly directory: DirectoryStore;
  /** Staff accounts of the web pages (admins, supervisors). */
  readonly accounts: AccountStore;
  /** The web's sessions (staff, and units by their links): every web server sees a sign-in and a sign-out. */
  readonly sessions: SessionStore;
  /** Failed sign-ins, so the limit on wrong passwords holds across web servers. */
  readonly signInFailures: SignInFailures;
  /** The board's read model: running duties as their workflows publish them. */
  readonly board: BoardStore;
  /** Plan files between preview and start, and the evidence attached to reports: every web server reads what another kept. */
  readonly files: FileStore;
  /** Which store this is, for the worker's start-up line (a database URL without its password). */
  readonly description: string;
  /**
   * Opens the backing and brings its schema up to date (versioned
   * migrations). Every part does this at its first use; a long-lived process
   * calls it at start so a wrong URL or a newer schema stops it there.
   */
  ready(): Promise<void>;
  /** Releases what the store holds open (the sent-log's database, the connection pool). */
  close(): Promise<void>;
}

export interface StoreConfig {
  /** The embedded store's folder (DUBAN_DATA_DIR). */
  dataDir: string;
}

/** The embedded store under `dataDir`: sent-log.sqlite, plans/, calendar/, units.yaml, uploads/, evidence/. Nothing is created before it is used. */
export function openStore(config: StoreConfig): Store {
  const sentLog = openSqliteSentLog(path.join(config.dataDir, 'sent-log.sqlite'));
  const staff = openAccountsFile(path.join(config.dataDir, 'accounts.sqlite'));
  const board = openSqliteBoard(path.join(config.dataDir, 'board.sqlite'));
  return {
    description: `embedded ${config.dataDir}`,
    sentLog,
    plans: openFilePlanStore(path.join(config.dataDir, 'plans')),
    calendar: calendarStore(fileCalendarVersions(path.join(config.dataDir, 'calendar'))),
    directory: fileDirectoryStore(path.join(config.dataDir, 'units.yaml')),
    accounts: staff.accounts,
    sessions: staff.sessions,
    signInFailures: staff.signInFailures,
    board,
    files: openFileStore({ upload: path.join(config.dataDir, 'uploads'), evidence: path.join(config.dataDir, 'evidence') }),
    // Every SQLite file opened and migrated: a file from a newer duban stops the process here, not at its first use.
    ready: async () => {
      sentLog.ready();
      staff.ready();
      board.ready();
    },
    close: async () => {
      sentLog.close();
      staff.close();
      board.close();
    },
  };
}

/** The store the configuration names. */
export function storeFromEnv(env: Pick<DubanEnv, 'DUBAN_DATA_DIR' | 'DUBAN_DATABASE_URL'>): Store {
  if (!env.DUBAN_DATABASE_URL) return openStore({ dataDir: env.DUBAN_DATA_DIR });
  const shared = openPostgresStore(env.DUBAN_DATABASE_URL);
  // Evidence attached before files moved into the store is still on the folder it was kept in then.
  return { ...shared, files: withEvidenceFolder(shared.files, path.join(env.DUBAN_DATA_DIR, 'evidence')) };
}

export type { CalendarStore, CalendarVersions, ImportResult, StoredYearSummary } from './calendar-store';
export { CalendarFileError } from './calendar-store';
export type { DirectoryStore } from './directory-store';
export type { PlanStore } from './plan-store';
export { SchemaTooNewError } from './migrations';
export { openPostgresStore } from './postgres';
export type { Claim, SentLog, SentRecord } from './sent-log';
export type { Account, AccountStore, StaffRole } from './accounts';
export type { SessionRecord, SessionStore, SignInFailures } from './sessions';
export type { BoardChanges, BoardRow, BoardStore } from './board';
export type { FileKind, FileStore, KeptFile } from './files';
