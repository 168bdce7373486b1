import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openStore, SchemaTooNewError } from '../../store';
import { useTempDirs } from '../domain/calendar/fixture';
import { storeContract } from './store-contract';

const tempDir = useTempDirs('duban-store-');

/** The schema version a store file was left at. */
function userVersion(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true });
  } finally {
    db.close();
  }
}

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
  expect(userVersion(path.join(dataDir, 'sent-log.sqlite'))).toBe(2);
});

it('accounts.sqlite written before its schema was versioned keeps its accounts and gains sessions; every file is migrated at start', async () => {
  const dataDir = tempDir();
  const old = new Database(path.join(dataDir, 'accounts.sqlite'));
  old.exec(`CREATE TABLE account (id TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
    INSERT INTO account VALUES ('zhang', 'admin', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', '2026-11-02T10:00:00.000+08:00');`);
  old.close();
  const store = openStore({ dataDir });
  await store.ready();
  await store.close();
  const versions = Object.fromEntries(['sent-log', 'accounts', 'board'].map((name) => [name, userVersion(path.join(dataDir, `${name}.sqlite`))]));
  expect(versions).toEqual({ 'sent-log': 2, accounts: 2, board: 1 });
  const again = openStore({ dataDir });
  expect((await again.accounts.find('zhang'))?.role).toBe('admin');
  await again.sessions.create('sid-1', { principalId: 'zhang', role: 'admin', createdAt: Date.now(), expiresAt: Date.now() + 60_000 });
  expect(await again.sessions.findValid('sid-1', Date.now())).toMatchObject({ principalId: 'zhang' });
  await again.close();
});

it.each([
  ['sent-log', 2],
  ['accounts', 2],
  ['board', 1],
])('%s.sqlite migrated by a newer duban is refused at start, naming the file and both versions', async (name, known) => {
  const dataDir = tempDir();
  const newer = new Database(path.join(dataDir, `${name}.sqlite`));
  newer.pragma('user_version = 9');
  newer.close();
  const store = openStore({ dataDir });
  if (name === 'sent-log') await expect(store.sentLog.find('r/1')).rejects.toThrow(SchemaTooNewError);
  await expect(store.ready()).rejects.toThrow(new RegExp(`${name}\\.sqlite is at schema version 9, but this duban knows only up to ${known}`));
  await store.close();
});
