/**
 * The shared store on a real PostgreSQL server (started by the test, see
 * test/helpers/postgres.ts): the same contract as the embedded one, and its
 * migrations.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgresStore, SchemaTooNewError, storeFromEnv } from '../../store';
import { postgresMigrations } from '../../store/postgres';
import { postgresBin, postgresMissing, startPostgres, type PostgresServer } from '../helpers/postgres';
import { storeContract } from './store-contract';

if (!postgresBin) console.log(postgresMissing);

describe.skipIf(!postgresBin)('PostgreSQL', () => {
  let started: PostgresServer | undefined;
  beforeAll(async () => {
    started = await startPostgres();
  });
  afterAll(() => started?.stop());
  const server = () => started!;
  const rows = async (url: string, sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Array<Record<string, unknown>>;
    } finally {
      await client.end();
    }
  };

  storeContract('PostgreSQL', async () => {
    const url = await server().freshDatabase();
    return { open: () => openPostgresStore(url), rows: (sql) => rows(url, sql) };
  });

  it('evidence kept on the shared folder before files were in the store is still served, and copied into the table', async () => {
    const url = await server().freshDatabase();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-old-evidence-'));
    try {
      const name = `${'ab'.repeat(32)}.pdf`;
      mkdirSync(path.join(dataDir, 'evidence'));
      writeFileSync(path.join(dataDir, 'evidence', name), '%PDF-1.4 before the upgrade');
      const store = storeFromEnv({ DUBAN_DATABASE_URL: url, DUBAN_DATA_DIR: dataDir });
      try {
        expect((await store.files.get('evidence', name))?.bytes.toString()).toBe('%PDF-1.4 before the upgrade');
        expect(await store.files.get('evidence', `${'cd'.repeat(32)}.pdf`)).toBeUndefined();
      } finally {
        await store.close();
      }
      expect(await rows(url, 'SELECT kind, name FROM kept_file')).toEqual([{ kind: 'evidence', name }]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe('migrations', () => {

    it('three processes starting at once migrate the database once; a restart applies nothing', async () => {
      const url = await server().freshDatabase();
      const stores = [1, 2, 3].map(() => openPostgresStore(url));
      await Promise.all(stores.map((s) => s.ready()));
      await Promise.all(stores.map((s) => s.close()));
      const again = openPostgresStore(url);
      await again.ready();
      await again.close();
      expect(await rows(url, 'SELECT version, name FROM duban_migrations ORDER BY version')).toEqual(postgresMigrations.map(({ version, name }) => ({ version, name })));
    });

    it('a database migrated by a newer duban is refused, naming both versions, and left as it is', async () => {
      const url = await server().freshDatabase();
      await rows(url, `CREATE TABLE duban_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO duban_migrations (version, name) SELECT g, 'from the future' FROM generate_series(1, 9) g`);
      const store = openPostgresStore(url);
      await expect(store.ready()).rejects.toThrow(SchemaTooNewError);
      await expect(store.sentLog.find('r/1')).rejects.toThrow(/is at schema version 9, but this duban knows only up to \d/);
      await store.close();
      expect(await rows(url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'sent_mail' AND schemaname = current_schema()")).toEqual([{ n: 0 }]);
    });

    it('a wrong address stops at ready() with the cause, and the password is never in the description', async () => {
      const store = openPostgresStore(`postgres://duban:secret@127.0.0.1:${server().port}/no_such_database`);
      expect(store.description).toBe(`PostgreSQL postgres://duban@127.0.0.1:${server().port}/no_such_database`);
      await expect(store.ready()).rejects.toThrow(/database "no_such_database" does not exist/);
      await store.close();
    });
  });
});
