/**
 * A real PostgreSQL server for tests, from Debian's packages
 * (`/usr/lib/postgresql/<version>/bin`): initdb in a temporary folder, started
 * with pg_ctl on a free loopback port, stopped and removed after. initdb
 * refuses to run as root, so as root the server runs as the `postgres` user
 * the package creates. No fsync: a test's database need not survive a power cut.
 *
 * Tests that need it start it in a describe block that is skipped (with
 * `postgresMissing` printed once) when the binaries are absent; .ci/run
 * installs the package, so in CI they always run. `npm run bench store`
 * starts one the same way.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './ports';

const ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, if any. */
export const postgresBin: string | undefined = (() => {
  const versions = existsSync(ROOT) ? readdirSync(ROOT).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(ROOT, v, 'bin')).find((bin) => existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl')));
})();

export const postgresMissing = `PostgreSQL not installed (no ${ROOT}/*/bin/initdb): the PostgreSQL store tests are skipped; apt-get install postgresql (.ci/run does)`;

export interface PostgresServer {
  port: number;
  /** The URL of `database` (default: the server's own `postgres` database). */
  url(database?: string): string;
  /** The URL of a new, empty place for one store (a schema of its own). */
  freshDatabase(): Promise<string>;
  stop(): void;
}

let databases = 0;

export async function startPostgres(): Promise<PostgresServer> {
  if (!postgresBin) throw new Error(postgresMissing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(postgresBin!, tool), ...args]] : [path.join(postgresBin!, tool), args];
    const result = spawnSync(cmd as string, argv as string[], { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  };
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'duban', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-instructions', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', path.join(dir, 'server.log'), '-o', options]);

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      run('pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', data]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test process that dies without its afterAll must not leave a server behind.
  process.once('exit', stop);

  const url = (database = 'postgres') => `postgres://duban@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async freshDatabase() {
      // A schema, not a database: CREATE DATABASE takes ~0.4 s, a schema nothing; duban's tables go first on the search_path.
      databases += 1;
      const schema = `duban_test_${process.pid}_${databases}`;
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA ${schema}`);
      } finally {
        await admin.end();
      }
      return `${url()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    },
    stop,
  };
}

