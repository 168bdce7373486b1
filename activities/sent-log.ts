/**
 * The sent-log: which reminders have already gone out, by idempotency key.
 * Activities run at least once (a retry after a timeout, a worker killed
 * mid-send); checking here before sending and recording right after the
 * relay's 250 reply keeps the same reminder from reaching a unit twice.
 * SQLite in WAL mode, so every worker process on the host shares it.
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

export interface SentLog {
  find(key: string): SentRecord | undefined;
  /** Notes an attempt; returns how many attempts the key has had, this one included. */
  attempt(key: string): number;
  markSent(record: SentRecord): void;
  close(): void;
}

export function openSentLog(file: string): SentLog {
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
  const find = db.prepare<[string], { key: string; message_id: string; sent_at: string; recipients: string }>(
    'SELECT key, message_id, sent_at, recipients FROM sent_mail WHERE key = ? AND sent_at IS NOT NULL',
  );
  const attempt = db.prepare<[string], { attempts: number }>(
    `INSERT INTO sent_mail (key, attempts) VALUES (?, 1)
     ON CONFLICT(key) DO UPDATE SET attempts = attempts + 1 RETURNING attempts`,
  );
  const markSent = db.prepare<[string, string, string, string]>(
    'UPDATE sent_mail SET message_id = ?, recipients = ?, sent_at = ? WHERE key = ?',
  );
  return {
    find(key) {
      const row = find.get(key);
      return row && { key: row.key, messageId: row.message_id, sentAt: row.sent_at, recipients: JSON.parse(row.recipients) as string[] };
    },
    attempt: (key) => attempt.get(key)!.attempts,
    markSent: (r) => void markSent.run(r.messageId, JSON.stringify(r.recipients), r.sentAt, r.key),
    close: () => db.close(),
  };
}
