/**
 * The sent-log under two racing workers: two processes claim the same keys
 * at the same time, each marking the ones it wins as sent, on the embedded
 * store (SQLite, one host) and on PostgreSQL (started here from Debian's
 * packages, as the tests do). Figures: keys settled per second (each claimed
 * and marked once, the other worker's claim refused) and claim calls per
 * second, beside the target; and whether every key was won exactly once.
 * Then the board's read model on each backend (store-board.ts): from a
 * report sent until a web server's board shows it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgresStore, openStore } from '../store';
import { postgresBin, postgresMissing, startPostgres } from '../test/helpers/postgres';
import { boardLatency } from './store-board';
import type { RacerReport, RacerRequest } from './store-racer';

const KEYS = 4_000;
/** A province's 09:00 burst: 10,000 reminders claimed within a minute, with room for the relay's own time. */
const TARGET_PER_SECOND = 200;

const racerPath = fileURLToPath(new URL('./store-racer.ts', import.meta.url));

function startRacer(request: RacerRequest): { child: ChildProcess; ready: Promise<void>; report: Promise<RacerReport> } {
  const child = fork(racerPath, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let readyResolve!: () => void;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  const report = new Promise<RacerReport>((resolve, reject) => {
    child.on('message', (m: 'ready' | RacerReport) => (m === 'ready' ? readyResolve() : resolve(m)));
    child.once('exit', (code) => reject(new Error(`racer exited with ${code}`)));
  });
  child.send(request);
  return { child, ready, report };
}

async function raceOn(label: string, store: RacerRequest['store']): Promise<void> {
  const keys = Array.from({ length: KEYS }, (_, i) => `bench/${label}/${i}`);
  const racers = ['worker-a', 'worker-b'].map((owner) => startRacer({ store, keys, owner }));
  await Promise.all(racers.map((r) => r.ready));
  const started = performance.now();
  for (const r of racers) r.child.send('go');
  const reports = await Promise.all(racers.map((r) => r.report));
  const wallMs = performance.now() - started;
  const won = reports.flatMap((r) => r.won);
  const once = won.length === KEYS && new Set(won).size === KEYS;
  const settled = (KEYS / wallMs) * 1000;
  const calls = ((KEYS * 2) / wallMs) * 1000;
  console.log(
    `${label.padEnd(10)} ${Math.round(settled).toLocaleString('en-US').padStart(6)} keys/s settled (${Math.round(calls).toLocaleString('en-US')} claims/s by both)` +
      `  target ≥ ${TARGET_PER_SECOND}/s  ${settled >= TARGET_PER_SECOND ? 'met' : 'MISSED'}` +
      `  won by a/b ${reports.map((r) => r.won.length).join('/')}, refused busy ${reports.reduce((n, r) => n + r.busy, 0)}, already sent ${reports.reduce((n, r) => n + r.alreadySent, 0)}` +
      `  ${once ? 'every key won exactly once' : `NOT EXACTLY ONCE: ${won.length} wins for ${KEYS} keys`}`,
  );
}

export async function run(): Promise<void> {
  console.log(`sent-log claims, 2 worker processes racing for the same ${KEYS.toLocaleString('en-US')} keys (8 in flight each, claim then mark):`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-bench-store-'));
  const server = postgresBin ? await startPostgres() : undefined;
  try {
    await raceOn('SQLite', { kind: 'sqlite', dataDir });
    if (server) await raceOn('PostgreSQL', { kind: 'postgres', url: await server.freshDatabase() });
    else console.log(postgresMissing);

    console.log("\nthe board's read model: a report sent as the CLI sends it, until a web server's board (its own store, reading changes every second) shows it:");
    const boardDir = path.join(dataDir, 'board');
    await withStores([openStore({ dataDir: boardDir }), openStore({ dataDir: boardDir })], (worker, web) => boardLatency('SQLite', worker, web));
    if (server) {
      const url = await server.freshDatabase();
      await withStores([openPostgresStore(url), openPostgresStore(url)], (worker, web) => boardLatency('PostgreSQL', worker, web));
    }
  } finally {
    server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function withStores<S extends { close(): Promise<void> }>(stores: [S, S], work: (a: S, b: S) => Promise<void>): Promise<void> {
  try {
    await work(...stores);
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
}
