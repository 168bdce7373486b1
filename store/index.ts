/**
 * What duban keeps outside Temporal: the sent-log, the plans waiting to be
 * fanned out, the imported holiday years and the current unit directory.
 * The worker's activities and the client both reach it through `Store`;
 * `storeFromEnv` is the one place it is built from configuration. Today the
 * embedded implementation (SQLite and files under DUBAN_DATA_DIR) is the
 * only one; a shared one (PostgreSQL) fills the same interface.
 */
import path from 'node:path';
import type { DubanEnv } from '../config/env';
import { calendarStore, fileCalendarVersions, type CalendarStore } from './calendar-store';
import { fileDirectoryStore, type DirectoryStore } from './directory-store';
import { openFilePlanStore, type PlanStore } from './plan-store';
import { openSqliteSentLog, type SentLog } from './sent-log';

export interface Store {
  readonly sentLog: SentLog;
  readonly plans: PlanStore;
  readonly calendar: CalendarStore;
  readonly directory: DirectoryStore;
  /** Releases what the store holds open (the sent-log's database). */
  close(): Promise<void>;
}

export interface StoreConfig {
  /** The embedded store's folder (DUBAN_DATA_DIR). */
  dataDir: string;
}

/** The embedded store under `dataDir`: sent-log.sqlite, plans/, calendar/, units.yaml. Nothing is created before it is used. */
export function openStore(config: StoreConfig): Store {
  const sentLog = openSqliteSentLog(path.join(config.dataDir, 'sent-log.sqlite'));
  return {
    sentLog,
    plans: openFilePlanStore(path.join(config.dataDir, 'plans')),
    calendar: calendarStore(fileCalendarVersions(path.join(config.dataDir, 'calendar'))),
    directory: fileDirectoryStore(path.join(config.dataDir, 'units.yaml')),
    close: async () => sentLog.close(),
  };
}

/** The store the configuration names. */
export function storeFromEnv(env: Pick<DubanEnv, 'DUBAN_DATA_DIR'>): Store {
  return openStore({ dataDir: env.DUBAN_DATA_DIR });
}

export type { CalendarStore, CalendarVersions, ImportResult, StoredYearSummary } from './calendar-store';
export { CalendarFileError } from './calendar-store';
export type { DirectoryStore } from './directory-store';
export type { PlanStore } from './plan-store';
export type { SentLog, SentRecord } from './sent-log';
