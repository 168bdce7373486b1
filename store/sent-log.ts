/**
 * The sent-log: which reminders have already gone out, by idempotency key.
 * Activities run at least once (a retry after a timeout, a worker killed
 * mid-send); checking here before sending and recording right after the
 * relay's 250 reply keeps the same reminder from reaching a unit twice.
 * The embedded one is SQLite in WAL mode, so every worker process on the
 * host shares it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface SentRecord {
  key: string;
  messageId: string;
  sentAt: string;
  recipients: string[];
}

/**
 * What a sender asks, in this order: `find` (already sent? then not again),
 * `attempt` before handing the mail to the relay, `markSent` right after the
 * relay accepts. An attempt that was never marked (a worker killed mid-send)
 * is not a send: the next attempt sends.
 */
export interface SentLog {
  /** The record of a send the relay accepted; undefined when the key was never marked sent. */
  find(key: string): Promise<SentRecord | undefined>;
  /** Notes an attempt; returns how many attempts the key has had, this one included. */
  attempt(key: string): Promise<number>;
  markSent(record: SentRecord): Promise<void>;
}

/** The embedded sent-log in one SQLite file, opened at its first use (a CLI that never sends never creates it). */
export function openSqliteSentLog(file: string): SentLog & { close(): void } {
  let opened: ReturnType<typeof openDatabase> | undefined;
  const db = () => (opened ??= openDatabase(file));
  return {
    async find(key) {
      const row = db().find.get(key);
      return row && { key: row.key, messageId: row.message_id, sentAt: row.sent_at, recipients: JSON.parse(row.recipients) as string[] };
    },
    attempt: async (key) => db().attempt.get(key)!.attempts,
    markSent: async (r) => void db().markSent.run(r.messageId, JSON.stringify(r.recipients), r.sentAt, r.key),
    close: () => opened?.db.close(),
  };
}

function openDatabase(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS sent_mail (
    key TEXT PRIMARY KEY,
    attempts INTEGER NOT NULL DEFAULT 0,
    message_id TEXT,
    recipients TEXT,
    sent_at TEXT
  )`);
  return {
    db,
    find: db.prepare<[string], { key: string; message_id: string; sent_at: string; recipients: string }>(
      'SELECT key, message_id, sent_at, recipients FROM sent_mail WHERE key = ? AND sent_at IS NOT NULL',
    ),
    attempt: db.prepare<[string], { attempts: number }>(
      `INSERT INTO sent_mail (key, attempts) VALUES (?, 1)
     ON CONFLICT(key) DO UPDATE SET attempts = attempts + 1 RETURNING attempts`,
    ),
    markSent: db.prepare<[string, string, string, string]>('UPDATE sent_mail SET message_id = ?, recipients = ?, sent_at = ? WHERE key = ?'),
  };
}
