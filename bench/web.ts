/**
 * `npm run bench web`: the web server's board and unit page with 10,000
 * running obligations, on a real Temporal dev server with a worker process
 * wired as in production (bench/workflows-worker.ts) and a real SMTP sink.
 *
 * 6,000 obligations of a plan issued 200 days ago (every unit overdue, red
 * cards) and 4,000 of one issued today (none due yet) are started from a client, 32 in flight; once
 * every one has published its standing and the escalation mails have gone,
 * the web server (in this process, its read model reading the store's
 * changes every second as in production) answers a signed-in supervisor's board, unfiltered and
 * filtered, `/api/overdue`, and a unit's page, one request after another.
 * Figures, never assertions; DUBAN_BENCH_SCALE=0.1 runs a tenth.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { readUnitsFile } from '../client/plan-files';
import { hashPassword } from '../client/web/security';
import { Signer, unitLinkToken } from '../signing';
import { startWebServer, type WebServer } from '../client/web/server';
import { projectRoot } from '../config/env';
import { shanghaiDate, shiftDays } from '../domain/calendar';
import { planObligations, type ObligationSpec } from '../domain/obligations';
import { validatePlan } from '../domain/plan/validate';
import type { Rule } from '../domain/rules';
import { overdueQuery, runningDutiesQuery } from '../contracts/queries';
import { startObligation } from '../contracts/start';
import { PARALLEL_STARTS } from '../contracts/wire';
import { openStore, type Store } from '../store';
import { startMailSink, type MailSink } from '../test/helpers/mail-sink';
import { startDevServerEnv } from '../test/helpers/temporal';
import { generatedPlan } from './workflows';
import type { WorkerReport, WorkerRequest } from './workflows-protocol';

const SCALE = Number(process.env.DUBAN_BENCH_SCALE ?? 1);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
const OVERDUE_N = scaled(6_000);
const FUTURE_N = scaled(4_000);
const REQUESTS = 100;
const TARGET_P95_MS = 300;
const TASK_QUEUE = 'duban-bench-web';
const SECRET = 'bench-web-secret-bench-web-secret-0123456';
const unitsFile = path.join(projectRoot, 'examples/units.yaml');

const t0 = performance.now();
const progress = (message: string) => console.log(`  [${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, report: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = Date.now();
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${report()})`);
    if (Date.now() - last > 15_000) {
      progress(`… ${what}: ${report()}`);
      last = Date.now();
    }
    await sleep(500);
  }
}

/** The bench's worker (bench/workflows-worker.ts) in its own process; resolves once it polls. */
async function startWorker(env: Record<string, string>): Promise<() => Promise<void>> {
  const child = fork(fileURLToPath(new URL('./workflows-worker.ts', import.meta.url)), [], {
    cwd: projectRoot,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DUBAN_LOG_LEVEL: 'ERROR', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: WorkerReport) => m.type === 'ready' && resolve());
    void exited.then(() => reject(new Error('the worker process exited before it was ready')));
  });
  return async () => {
    if (child.exitCode !== null) return;
    child.send({ type: 'shutdown' } satisfies WorkerRequest);
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(kill);
  };
}

/** `count` obligations of one plan issued on `issued` (the workflows bench's generated plan: tasks of one to three units and each unit's breakdown submission), due 10 to 150 days after the issue. */
function obligations(planId: string, issued: string, count: number): ObligationSpec[] {
  const rules = [10, 45, 80, 115, 150].map((days): Rule => ({ kind: 'calendarDays', days, from: 'planIssued' }));
  const plan = generatedPlan(planId, issued, count, rules);
  const validation = validatePlan(plan, readUnitsFile(unitsFile), { file: `${planId}.yaml` });
  if (!validation.ok) throw new Error(`bench plan ${planId} does not validate: ${validation.issues.map((x) => x.message).join('; ')}`);
  return planObligations(plan, validation);
}

async function startAll(env: TestWorkflowEnvironment, specs: ObligationSpec[]): Promise<number> {
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: PARALLEL_STARTS }, async () => {
      while (next < specs.length) await startObligation(env.client, TASK_QUEUE, specs[next++]!);
    }),
  );
  return performance.now() - begin;
}

interface Timing {
  name: string;
  p50: number;
  p95: number;
  max: number;
  bytes: number;
}

async function time(name: string, url: string, cookie: string): Promise<Timing> {
  const get = async () => {
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
    return body.byteLength;
  };
  for (let i = 0; i < 3; i++) await get();
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const begin = performance.now();
    bytes = await get();
    ms.push(performance.now() - begin);
  }
  ms.sort((a, b) => a - b);
  const t = { name, p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1]!, bytes };
  progress(`${name}: p50 ${fmt(t.p50, 1)} ms, p95 ${fmt(t.p95, 1)} ms, max ${fmt(t.max)} ms (${fmt(bytes / 1024)} KiB)`);
  return t;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-bench-web-'));
  let env: TestWorkflowEnvironment | undefined;
  let mail: MailSink | undefined;
  let stopWorker: (() => Promise<void>) | undefined;
  let store: Store | undefined;
  let web: WebServer | undefined;
  try {
    progress(`${fmt(OVERDUE_N + FUTURE_N)} running obligations (${fmt(OVERDUE_N)} overdue); ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} (other work on this machine skews every figure)`);
    [env, mail] = await Promise.all([startDevServerEnv(), startMailSink()]);
    stopWorker = await startWorker({ TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: TASK_QUEUE, DUBAN_DATA_DIR: dir, DUBAN_SMTP_HOST: mail.host, DUBAN_SMTP_PORT: String(mail.port) });
    const runId = Date.now().toString(36);
    const today = shanghaiDate(Date.now());
    const overduePlan = `bench-web-overdue-${runId}`;
    const specs = [...obligations(overduePlan, shiftDays(today, -200), OVERDUE_N), ...obligations(`bench-web-future-${runId}`, today, FUTURE_N)];
    progress(`starting ${fmt(specs.length)} obligations, ${PARALLEL_STARTS} in flight`);
    const startMs = await startAll(env, specs);
    progress(`  started in ${fmt(startMs / 1000, 1)} s`);
    const client = env.client;
    let running = 0;
    let overdue = 0;
    await until(
      'every obligation running and the overdue ones published as overdue',
      async () => {
        running = (await client.workflow.count(runningDutiesQuery())).count;
        overdue = (await client.workflow.count(overdueQuery())).count;
        return running >= specs.length && overdue >= OVERDUE_N;
      },
      3_600_000,
      () => `${fmt(running)} running, ${fmt(overdue)} overdue, ${fmt(mail!.received.length)} mails`,
    );
    let mails = -1;
    let quietSince = Date.now();
    await until('the escalation mails to stop', () => {
      if (mail!.received.length !== mails) [mails, quietSince] = [mail!.received.length, Date.now()];
      return Date.now() - quietSince > 5_000;
    }, 3_600_000, () => `${fmt(mail!.received.length)} mails`);
    progress(`${fmt(running)} running, ${fmt(overdue)} overdue, ${fmt(mails)} mails sent; starting the web server`);

    store = openStore({ dataDir: dir });
    await store.directory.save(readFileSync(unitsFile, 'utf8'));
    await store.accounts.put({ id: 'bench-supervisor', role: 'supervisor', passwordHash: await hashPassword('bench password 123'), createdAt: new Date().toISOString() });
    web = await startWebServer({
      env: {
        DUBAN_HTTP_HOST: '127.0.0.1',
        DUBAN_HTTP_PORT: 0,
        DUBAN_SECRET: SECRET,
        DUBAN_DATA_DIR: dir,
        DUBAN_HTTP_TLS_TERMINATED: false,
        DUBAN_HTTP_ALLOW_PLAIN: false,
        DUBAN_BOARD_REFRESH_SECONDS: 1,
        DUBAN_BOARD_RECONCILE_SECONDS: 300,
        DUBAN_TASK_QUEUE: TASK_QUEUE,
      },
      client,
      store,
    });
    await web.index.ready();
    progress(`first read of the store: ${fmt(web.index.all().length)} duties`);
    const listings: number[] = [];
    for (let i = 0; i < 3; i++) {
      const begin = performance.now();
      await web.index.reconcile();
      listings.push(performance.now() - begin);
    }
    progress(`full visibility listing, reconciled into the store: ${listings.map((x) => fmt(x)).join(' / ')} ms`);

    const session = await fetch(`${web.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'bench-supervisor', password: 'bench password 123' }) });
    const staff = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const link = await fetch(`${web.url}/u/${unitLinkToken(new Signer(SECRET), 'swj', 7).token}`, { redirect: 'manual' });
    const unit = link.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const timings = [
      await time('board, everything', `${web.url}/board`, staff),
      await time('board, one plan and one unit', `${web.url}/board?plan=${overduePlan}&unit=swj`, staff),
      await time('board, at least 60 working days overdue', `${web.url}/board?minDays=60`, staff),
      await time('GET /api/overdue (JSON, every row)', `${web.url}/api/overdue`, staff),
      await time('unit page (市商务局, from its link)', `${web.url}/unit`, unit),
    ];
    const rows = ((await (await fetch(`${web.url}/api/overdue`, { headers: { cookie: staff } })).json()) as unknown[]).length;

    console.log(`\nsummary (${fmt(web.index.all().length)} running duties, ${fmt(rows)} overdue rows; ${REQUESTS} requests each, one at a time, read model reading the store's changes every second)`);
    const width = Math.max(...timings.map((t) => t.name.length));
    for (const t of timings) {
      const verdict = t.p95 < TARGET_P95_MS ? 'ok' : 'ABOVE TARGET';
      console.log(`  ${t.name.padEnd(width)}  p50 ${fmt(t.p50, 1).padStart(6)} ms  p95 ${fmt(t.p95, 1).padStart(6)} ms  (target p95 < ${TARGET_P95_MS} ms: ${verdict})`);
    }
    console.log(`  ${'reconcile with visibility (full listing)'.padEnd(width)}  ${listings.map((x) => fmt(x)).join(' / ')} ms`);
  } finally {
    progress('shutting down');
    await web?.close();
    await store?.close();
    await stopWorker?.();
    await env?.teardown();
    await mail?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
