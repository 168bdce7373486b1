import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openStore, SchemaTooNewError } from '../../store';
import { useTempDirs } from '../domain/calendar/fixture';
import { storeContract } from './store-contract';

const tempDir = useTempDirs('duban-store-');

storeContract('embedded (SQLite and files)', async () => {
  const dataDir = tempDir();
  return {
    open: () => openStore({ dataDir }),
    async rows(sql) {
      // The web's tables are in accounts.sqlite (sessions and sign-in failures go with the accounts).
      const db = new Database(path.join(dataDir, 'accounts.sqlite'), { readonly: true });
      try {
        return db.prepare<[], Record<string, unknown>>(sql).all();
      } finally {
        db.close();
      }
    },
  };
});

it('a sent-log written before migrations were versioned keeps its sends and attempts, and gains claims', async () => {
  const dataDir = tempDir();
  const old = new Database(path.join(dataDir, 'sent-log.sqlite'));
  old.exec(`CREATE TABLE sent_mail (key TEXT PRIMARY KEY, attempts INTEGER NOT NULL DEFAULT 0, message_id TEXT, recipients TEXT, sent_at TEXT);
    INSERT INTO sent_mail VALUES ('r/sent', 1, '<r@duban>', '["fgj@duban.test"]', '2024-10-16T01:00:00.000Z'), ('r/cut', 1, NULL, NULL, NULL);`);
  old.close();
  const store = openStore({ dataDir });
  expect(await store.sentLog.find('r/sent')).toEqual({ key: 'r/sent', messageId: '<r@duban>', sentAt: '2024-10-16T01:00:00.000Z', recipients: ['fgj@duban.test'] });
  expect(await store.sentLog.claim('r/cut', 'worker-a', 60_000)).toEqual({ outcome: 'claimed', attempt: 2 });
  await store.close();
  const migrated = new Database(path.join(dataDir, 'sent-log.sqlite'), { readonly: true });
  expect(migrated.pragma('user_version', { simple: true })).toBe(2);
  migrated.close();
});

it('a sent-log migrated by a newer duban is refused, naming the file and both versions', async () => {
  const dataDir = tempDir();
  const newer = new Database(path.join(dataDir, 'sent-log.sqlite'));
  newer.pragma('user_version = 9');
  newer.close();
  const store = openStore({ dataDir });
  await expect(store.sentLog.find('r/1')).rejects.toThrow(SchemaTooNewError);
  await expect(store.ready()).rejects.toThrow(/sent-log\.sqlite is at schema version 9, but this duban knows only up to 2/);
  await store.close();
});
