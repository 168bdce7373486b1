/**
 * `npm run bench workflows`: duban's workflows on a real Temporal dev server
 * (the project's binary), a real worker in its own process (production
 * wiring, see workflows-worker.ts) and a real in-process SMTP server.
 *
 * 1. Plan start throughput: `duban plan start` (plan store → planStart
 *    workflow → startObligations activity), timed on the server from the
 *    planStart workflow's start to its close, against starting the same
 *    number of do-nothing workflows (noop-workflow.ts, one workflow task
 *    each, run by the same worker process on its own queue) from a client at
 *    the same concurrency (PARALLEL_STARTS) with the same options and
 *    payloads. Also shown: the same starts on a queue no worker polls (the
 *    server's bare start rate, a ceiling no running workflow reaches), and the
 *    same obligations started directly from a client (how much of the gap is
 *    the fan-out and how much the obligations' own first steps).
 * 2. `duban overdue` over 10,000 running obligations, most of them overdue:
 *    the visibility listing plus overdueRows, in-process and as the CLI.
 * 3. Latency from an escalation step's instant to the SMTP server accepting
 *    its mail, with those 10,000 waiting beside: steps spread over a few
 *    seconds, then a burst due at one instant (as every 09:00 reminder of a
 *    morning is).
 * 4. The worker's memory with those 10,000 and the 500 of the latency runs
 *    waiting on timers.
 *
 * Figures, never assertions. DUBAN_BENCH_SCALE=0.1 runs a tenth of the
 * sizes, for a quick look; DUBAN_BENCH_PHASES=throughput (or any of
 * throughput,overdue,latency, comma-separated) runs only those;
 * DUBAN_BENCH_PROFILE_DIR=dir writes the worker's CPU profile there when it
 * stops.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { stringify } from 'yaml';
import { readUnitsFile } from '../client/plan-files';
import { projectRoot } from '../config/env';
import { shanghaiDate, shiftDays } from '../domain/calendar';
import { planObligations, type ObligationSpec } from '../domain/obligations';
import type { Plan } from '../domain/plan/model';
import { validatePlan } from '../domain/plan/validate';
import type { Rule } from '../domain/rules';
import { overdueRows, type PublishedObligation } from '../domain/standing';
import { openStore } from '../store';
import { runDuban } from '../test/helpers/cli';
import { startMailSink, type MailSink } from '../test/helpers/mail-sink';
import { startDevServerEnv } from '../test/helpers/temporal';
import { overdueQuery, planStartsQuery, publishedObligation, runningDutiesQuery } from '../contracts/queries';
import { obligationStartOptions, startObligation } from '../contracts/start';
import { PARALLEL_STARTS } from '../contracts/wire';
import { benchNoop } from './noop-workflow';
import { latencyObligationId, LATENCY_PREFIX, NOOP_TASK_QUEUE, type WorkerReport, type WorkerRequest } from './workflows-protocol';

const SCALE = Number(process.env.DUBAN_BENCH_SCALE ?? 1);
const PHASES = new Set((process.env.DUBAN_BENCH_PHASES ?? 'throughput,overdue,latency').split(',').map((p) => p.trim()));
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));

const THROUGHPUT_N = scaled(2_000);
const LATENCY_SPREAD_N = scaled(200);
const LATENCY_BURST_N = scaled(300);
const RUNNING_N = scaled(10_000);
/** What the overdue plan adds so that RUNNING_N obligations run when `overdue` is timed: the throughput plan and the direct starts count too (the latency phase adds its own after). */
const OVERDUE_PLAN_N = RUNNING_N - (PHASES.has('throughput') ? 2 * THROUGHPUT_N : 0);

const TASK_QUEUE = 'duban-bench';
/** No worker polls it: the baseline's workflows are started and never run. */
const UNPOLLED_QUEUE = 'duban-bench-unpolled';
const unitsFile = path.join(projectRoot, 'examples/units.yaml');
const workerScript = fileURLToPath(new URL('./workflows-worker.ts', import.meta.url));

const t0 = performance.now();
function progress(message: string): void {
  console.log(`  [${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mib = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MiB`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `count` starts with at most `concurrency` in flight (a sliding window, the best a client can do); milliseconds taken. */
async function startMany(count: number, concurrency: number, startOne: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await startOne(next++);
    }),
  );
  return performance.now() - begin;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, report?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${report ? ` (${report()})` : ''}`);
    if (report && Date.now() - lastReport > 10_000) {
      progress(`… ${what}: ${report()}`);
      lastReport = Date.now();
    }
    await sleep(250);
  }
}

// ---------------------------------------------------------------- the worker process

interface WorkerMemory {
  rss: number;
  peakRss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  cachedWorkflows: number;
  inFlightActivities: number;
}

interface WorkerProcess {
  memory(): Promise<WorkerMemory>;
  stop(): Promise<void>;
}

/** The kernel's view of a process's memory: resident now and at its peak. */
function procStatus(pid: number): { rss: number; peakRss: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peakRss: kib('VmHWM') };
}

async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  // `--import tsx` rather than the tsx CLI: the CLI would put a second process between us and the worker whose memory we read.
  const child: ChildProcess = fork(workerScript, [], {
    cwd: projectRoot,
    execArgv: ['--import', 'tsx', ...(process.env.DUBAN_BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.DUBAN_BENCH_PROFILE_DIR}`] : [])],
    env: { ...process.env, DUBAN_LOG_LEVEL: 'ERROR', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (type: WorkerReport['type']) =>
    new Promise<WorkerReport>((resolve, reject) => {
      const onMessage = (m: WorkerReport) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`the worker process exited while the bench waited for "${type}"`)));
    });
  await next('ready');
  const ask = (request: WorkerRequest) => child.send(request);
  return {
    async memory() {
      const reply = next('memory');
      ask({ type: 'memory' });
      const m = await reply;
      if (m.type !== 'memory') throw new Error('unexpected reply');
      return { ...procStatus(child.pid!), heapUsed: m.usage.heapUsed, heapTotal: m.usage.heapTotal, external: m.usage.external, cachedWorkflows: m.cachedWorkflows, inFlightActivities: m.inFlightActivities };
    },
    async stop() {
      if (child.exitCode !== null) return;
      ask({ type: 'shutdown' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------- generated plans

const directory = readUnitsFile(unitsFile);
const unitNames = directory.directory.units.map((u) => u.name);

/**
 * A plan of exactly `obligations` obligations (its tasks plus one breakdown
 * submission per unit named), every unit of examples/units.yaml named, one to
 * three units a task, deadlines from `rules` in turn.
 */
export function generatedPlan(id: string, issued: string, obligations: number, rules: Rule[]): Plan {
  const tasks = Math.max(1, obligations - unitNames.length);
  const unitsPerTask = [1, 1, 2, 1, 3];
  return {
    id,
    title: `${id} 基准测试计划`,
    issued,
    year: Number(issued.slice(0, 4)),
    duties: [{ duty: 'breakdownSubmission', rule: { kind: 'calendarDays', days: 30, from: 'planIssued' }, units: 'allNamed', text: '印发后30日内报送任务分解' }],
    tasks: Array.from({ length: tasks }, (_, i) => ({
      id: String(i + 1),
      section: [],
      content: `第${i + 1}项任务：及时公开相关政策文件及解读材料`,
      leadUnits: [],
      responsibleUnits: Array.from({ length: unitsPerTask[i % unitsPerTask.length]! }, (_, k) => unitNames[(i + k * 7) % unitNames.length]!),
      cooperatingUnits: [],
      deadline: rules[i % rules.length]!,
      duties: [],
    })),
  };
}

/** Writes the plan for the CLI and returns the obligations `duban plan start` will derive from it. */
function writePlan(dir: string, plan: Plan): { file: string; obligations: ObligationSpec[] } {
  const file = path.join(dir, `${plan.id}.yaml`);
  writeFileSync(file, stringify(plan, { aliasDuplicateObjects: false }));
  const validation = validatePlan(plan, directory, { file: path.basename(file) });
  if (!validation.ok) throw new Error(`generated plan ${plan.id} does not validate: ${validation.issues.map((i) => i.message).join('; ')}`);
  return { file, obligations: planObligations(plan, validation) };
}

// Deadlines all in the future (a plan started on its issue day): no ladder step is due at start.
const futureRules: Rule[] = [15, 30, 45, 60, 90].map((days) => ({ kind: 'calendarDays', days, from: 'planIssued' }) as Rule).concat([{ kind: 'workingDays', days: 20, from: 'planIssued' }]);
// Issued 200 days ago, due 10–150 days after: every unit is overdue and gets its latest step at once.
const pastRules: Rule[] = [10, 40, 70, 100, 150].map((days) => ({ kind: 'calendarDays', days, from: 'planIssued' }) as Rule);

// ---------------------------------------------------------------- the phases

interface BenchContext {
  client: Client;
  dir: string;
  mail: MailSink;
  worker: WorkerProcess;
  cliEnv: Record<string, string>;
  runId: string;
  today: string;
}

interface PlanStartFigures {
  obligations: number;
  started: number;
  /** From the planStart workflow's start to its close, on the server's clock. */
  fanOutMs: number;
  /** The whole `duban plan start` command, process start-up and validation included. */
  cliMs: number;
  /** The time its batches of starts ran, summed (two overlap, so it may exceed fanOutMs). */
  inBatchesMs: number;
}

/** `duban plan start FILE --units examples/units.yaml --json`, then the planStart workflow's own duration from visibility. */
async function cliPlanStart(ctx: BenchContext, plan: Plan): Promise<PlanStartFigures> {
  const { file, obligations } = writePlan(ctx.dir, plan);
  const begin = performance.now();
  const run = await runDuban(['plan', 'start', file, '--units', unitsFile, '--json'], ctx.cliEnv);
  const cliMs = performance.now() - begin;
  if (run.code !== 0) throw new Error(`duban plan start failed (${run.code}):\n${run.stderr}${run.stdout}`);
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { started: number; alreadyRunning: number };
  let fanOutMs = NaN;
  let planStartId = '';
  const query = planStartsQuery(plan.id, 'Completed');
  await until(
    `the planStart workflow of ${plan.id} in visibility`,
    async () => {
      for await (const w of ctx.client.workflow.list({ query })) {
        if (w.closeTime) {
          fanOutMs = w.closeTime.getTime() - w.startTime.getTime();
          planStartId = w.workflowId;
        }
      }
      return !Number.isNaN(fanOutMs);
    },
    30_000,
  );
  return { obligations: obligations.length, started: result.started, fanOutMs, cliMs, inBatchesMs: await batchTime(ctx, planStartId) };
}

/** How much of the planStart workflow's life its startObligations batches ran (the rest is waiting for workflow and activity tasks). */
async function batchTime(ctx: BenchContext, workflowId: string): Promise<number> {
  const events = (await ctx.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  let total = 0;
  let startedAt = 0;
  for (const e of events) {
    if (e.activityTaskStartedEventAttributes) startedAt = tsToMs(e.eventTime);
    if (e.activityTaskCompletedEventAttributes) total += tsToMs(e.eventTime) - startedAt;
  }
  return total;
}

interface ThroughputFigures {
  /** Do-nothing workflows a worker runs (one workflow task each): the target's baseline. */
  noopBefore: number;
  noopAfter: number;
  /** The same starts on a queue no worker polls: the server's bare start rate. */
  unpolledBefore: number;
  unpolledAfter: number;
  plan: PlanStartFigures;
  direct: number;
}

async function throughput(ctx: BenchContext): Promise<ThroughputFigures> {
  // Three plans of the same shape: one for the baselines' payloads, one started by the CLI, one started directly.
  const [noopPlan, directPlan] = ['noop', 'direct'].map((kind) => writePlan(ctx.dir, generatedPlan(`bench-${kind}-${ctx.runId}`, ctx.today, THROUGHPUT_N, futureRules)).obligations);
  const noop = async (round: string, taskQueue: string, count = THROUGHPUT_N): Promise<number> => {
    const ms = await startMany(count, PARALLEL_STARTS, (i) =>
      ctx.client.workflow.start(benchNoop, {
        ...obligationStartOptions(taskQueue, noopPlan![i]!),
        workflowId: `bench-noop/${ctx.runId}/${round}/${taskQueue}/${i}`,
      }),
    );
    return (count / ms) * 1000;
  };
  const baselines = async (round: string) => {
    progress(`baseline (${round}): ${fmt(THROUGHPUT_N)} do-nothing workflows started by the client, ${PARALLEL_STARTS} in flight, run by the worker`);
    const polled = await noop(round, NOOP_TASK_QUEUE);
    await settleQueue(ctx, NOOP_TASK_QUEUE);
    progress(`  ${fmt(polled)} workflows/s; on a queue no worker polls:`);
    const unpolled = await noop(round, UNPOLLED_QUEUE);
    progress(`  ${fmt(unpolled)} workflows/s`);
    return { polled, unpolled };
  };

  progress(`warming up: ${fmt(scaled(200))} no-op starts`);
  await noop('warm', NOOP_TASK_QUEUE, scaled(200));
  const before = await baselines('before');

  progress(`duban plan start: a generated plan of ${fmt(THROUGHPUT_N)} obligations`);
  const plan = await cliPlanStart(ctx, generatedPlan(`bench-plan-${ctx.runId}`, ctx.today, THROUGHPUT_N, futureRules));
  progress(`  started ${fmt(plan.started)} in ${fmt(plan.fanOutMs)} ms (planStart workflow; its batches ran ${fmt(plan.inBatchesMs)} ms in all, overlapping), command ${fmt(plan.cliMs)} ms`);
  await settle(ctx, 'the plan\'s obligations to reach their first timers');

  const after = await baselines('after');

  progress(`the same obligation workflows started directly by the client, ${PARALLEL_STARTS} in flight`);
  const directMs = await startMany(THROUGHPUT_N, PARALLEL_STARTS, (i) => startObligation(ctx.client, TASK_QUEUE, directPlan![i]!));
  const direct = (THROUGHPUT_N / directMs) * 1000;
  progress(`  ${fmt(direct)} workflows/s`);
  await settle(ctx, 'the direct starts to reach their first timers');
  return { noopBefore: before.polled, noopAfter: after.polled, unpolledBefore: before.unpolled, unpolledAfter: after.unpolled, plan, direct };
}

/** Waits until no workflow task waits on `taskQueue`. */
async function settleQueue(ctx: BenchContext, taskQueue: string): Promise<void> {
  const { TaskQueueType } = proto.temporal.api.enums.v1;
  await until(`the worker to drain ${taskQueue}`, async () => {
    const r = await ctx.client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, reportStats: true });
    return Number(r.stats?.approximateBacklogCount ?? 0) === 0;
  }, 120_000);
}

/** Tasks waiting on the bench's task queue for a worker: workflow tasks and activity tasks. */
async function backlog(ctx: BenchContext): Promise<number> {
  const { TaskQueueType } = proto.temporal.api.enums.v1;
  const counts = await Promise.all(
    [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY].map(async (taskQueueType) => {
      const r = await ctx.client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: TASK_QUEUE }, taskQueueType, reportStats: true });
      return Number(r.stats?.approximateBacklogCount ?? 0);
    }),
  );
  return counts[0]! + counts[1]!;
}

/** Waits until no task waits for the worker, it has nothing in flight and no mail has arrived for two seconds. */
async function settle(ctx: BenchContext, what: string, timeoutMs = 300_000): Promise<void> {
  let mails = -1;
  let waiting = 0;
  let quietSince = Date.now();
  await until(
    what,
    async () => {
      const m = await ctx.worker.memory();
      waiting = await backlog(ctx);
      if (waiting > 0 || m.inFlightActivities > 0 || ctx.mail.received.length !== mails) {
        mails = ctx.mail.received.length;
        quietSince = Date.now();
        return false;
      }
      return Date.now() - quietSince > 2_000;
    },
    timeoutMs,
    () => `${fmt(waiting)} tasks waiting for the worker, ${fmt(ctx.mail.received.length)} mails so far`,
  );
}

interface OverdueFigures {
  running: number;
  overdueObligations: number;
  rows: number;
  listMs: number[];
  rowsMs: number[];
  cliMs: number;
}

async function overdueListing(ctx: BenchContext): Promise<OverdueFigures> {
  progress(`duban plan start: a plan of ${fmt(OVERDUE_PLAN_N)} obligations issued 200 days ago, all overdue`);
  const plan = generatedPlan(`bench-overdue-${ctx.runId}`, shiftDays(ctx.today, -200), OVERDUE_PLAN_N, pastRules);
  const expectedMails = writePlan(ctx.dir, plan).obligations.reduce((n, o) => n + o.units.length, 0);
  const mailsBefore = ctx.mail.received.length;
  const started = await cliPlanStart(ctx, plan);
  progress(`  started ${fmt(started.started)} in ${fmt(started.fanOutMs)} ms (${fmt((started.started / started.fanOutMs) * 1000)}/s); each overdue unit now gets its latest escalation at once: ${fmt(expectedMails)} mails`);
  await until(
    'the overdue units\' escalation mails',
    () => ctx.mail.received.length - mailsBefore >= expectedMails,
    480_000,
    () => `${fmt(ctx.mail.received.length - mailsBefore)} of ${fmt(expectedMails)}`,
  );
  const query = overdueQuery({});
  await until('visibility to list every overdue obligation', async () => (await ctx.client.workflow.count(query)).count >= started.obligations, 120_000);
  await settle(ctx, 'the worker to go idle');
  const running = (await ctx.client.workflow.count(runningDutiesQuery())).count;
  const calendar = await openStore({ dataDir: ctx.dir }).calendar.loadCalendar();

  const listMs: number[] = [];
  const rowsMs: number[] = [];
  let rows = 0;
  let overdueObligations = 0;
  for (let run = 0; run < 3; run++) {
    const begin = performance.now();
    const obligations: PublishedObligation[] = [];
    for await (const w of ctx.client.workflow.list({ query })) obligations.push(publishedObligation(w));
    const listed = performance.now();
    rows = overdueRows(obligations, shanghaiDate(Date.now()), calendar).length;
    rowsMs.push(performance.now() - listed);
    listMs.push(listed - begin);
    overdueObligations = obligations.length;
    progress(`overdue, in-process run ${run + 1}: listing ${fmt(listed - begin)} ms, overdueRows ${fmt(rowsMs[run]!, 1)} ms (${fmt(obligations.length)} obligations, ${fmt(rows)} rows)`);
  }
  const begin = performance.now();
  const cli = await runDuban(['overdue', '--format', 'json'], ctx.cliEnv);
  const cliMs = performance.now() - begin;
  if (cli.code !== 0) throw new Error(`duban overdue failed:\n${cli.stderr}`);
  progress(`duban overdue --format json: ${fmt(cliMs)} ms, ${fmt((JSON.parse(cli.stdout) as unknown[]).length)} rows`);
  return { running, overdueObligations, rows, listMs, rowsMs, cliMs };
}

interface LatencyFigures {
  name: string;
  count: number;
  p50: number;
  p95: number;
  max: number;
  /** Server side: the timer fired this long after the step's instant. */
  timerP50: number;
  timerP95: number;
  /** Timers set only after their instant (the workflow was not ready in time): left out of the figures. */
  late: number;
}

/**
 * Starts `count` obligations whose one reminder is due at `stepAt(i)` and
 * measures, per mail, the SMTP server's receipt minus that instant (the
 * instant rides in the X-Duban-Key header), and from each history when the
 * timer was set and when the server fired it.
 */
async function latency(ctx: BenchContext, name: string, count: number, stepAt: (i: number) => number, template: ObligationSpec): Promise<LatencyFigures> {
  const ids = Array.from({ length: count }, (_, i) => latencyObligationId(stepAt(i), i + (name === 'burst' ? LATENCY_SPREAD_N : 0)));
  await startMany(count, PARALLEL_STARTS, (i) => startObligation(ctx.client, TASK_QUEUE, { ...template, obligationId: ids[i]!, planId: `bench-latency-${ctx.runId}`, units: template.units.slice(0, 1) }));
  const wanted = new Set(ids);
  const arrived = () => ctx.mail.received.filter((m) => wanted.has(keyOf(m).split('#')[0]!));
  await until(`${name} reminders`, () => arrived().length >= count, 120_000, () => `${arrived().length} of ${count}`);

  const received = new Map(arrived().map((m) => [keyOf(m).split('#')[0]!, m.receivedAt.getTime()]));
  const smtp: number[] = [];
  const timer: number[] = [];
  let late = 0;
  await startMany(count, 16, async (i) => {
    const id = ids[i]!;
    const at = Number(id.slice(LATENCY_PREFIX.length).split('/')[0]);
    const history = await ctx.client.workflow.getHandle(id).fetchHistory();
    const events = history.events ?? [];
    const startedAt = events.find((e) => e.timerStartedEventAttributes);
    const firedAt = events.find((e) => e.timerFiredEventAttributes);
    if (!startedAt || !firedAt || tsToMs(startedAt.eventTime) > at) {
      late += 1;
      return;
    }
    timer.push(tsToMs(firedAt.eventTime) - at);
    smtp.push(received.get(id)! - at);
  });
  smtp.sort((a, b) => a - b);
  timer.sort((a, b) => a - b);
  const figures = { name, count, p50: percentile(smtp, 50), p95: percentile(smtp, 95), max: smtp[smtp.length - 1] ?? NaN, timerP50: percentile(timer, 50), timerP95: percentile(timer, 95), late };
  progress(`  ${name}: step → SMTP p50 ${fmt(figures.p50)} ms, p95 ${fmt(figures.p95)} ms, max ${fmt(figures.max)} ms; of which step → timer fired p50 ${fmt(figures.timerP50)} ms, p95 ${fmt(figures.timerP95)} ms${late ? `; ${late} timer(s) set late, left out` : ''}`);
  return figures;
}

function keyOf(mail: MailSink['received'][number]): string {
  const header = mail.parsed.headers.get('x-duban-key');
  return typeof header === 'string' ? header : '';
}

async function latencies(ctx: BenchContext): Promise<LatencyFigures[]> {
  const template = writePlan(ctx.dir, generatedPlan(`bench-latency-${ctx.runId}`, ctx.today, unitNames.length + 1, futureRules)).obligations[0]!;
  // Far enough ahead that every workflow has fetched its ladder and set its timer before the first instant.
  const spreadFrom = Date.now() + 10_000;
  progress(`latency, spread: ${fmt(LATENCY_SPREAD_N)} obligations, one reminder each, due 25 ms apart from 10 s from now`);
  const spread = await latency(ctx, 'spread', LATENCY_SPREAD_N, (i) => spreadFrom + i * 25, template);
  const burstAt = Date.now() + 12_000;
  progress(`latency, burst: ${fmt(LATENCY_BURST_N)} obligations whose reminders are all due at one instant, 12 s from now`);
  const burst = await latency(ctx, 'burst', LATENCY_BURST_N, () => burstAt, template);
  return [spread, burst];
}

// ---------------------------------------------------------------- the suite

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-bench-workflows-'));
  let env: TestWorkflowEnvironment | undefined;
  let mail: MailSink | undefined;
  let worker: WorkerProcess | undefined;
  try {
    progress(`sizes: ${fmt(THROUGHPUT_N)} starts per throughput run, ${fmt(RUNNING_N)} running obligations; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} (other work on this machine skews every figure)`);
    progress('starting the Temporal dev server and the SMTP server');
    [env, mail] = await Promise.all([startDevServerEnv(), startMailSink()]);
    const workerEnv = {
      TEMPORAL_ADDRESS: env.address,
      DUBAN_TASK_QUEUE: TASK_QUEUE,
      DUBAN_DATA_DIR: dir,
      DUBAN_SMTP_HOST: mail.host,
      DUBAN_SMTP_PORT: String(mail.port),
    };
    progress('starting the worker process (bundles the workflows)');
    worker = await startWorkerProcess(workerEnv);
    const idle = await worker.memory();
    progress(`worker ready: RSS ${mib(idle.rss)}, heap ${mib(idle.heapUsed)}`);
    const ctx: BenchContext = { client: env.client, dir, mail, worker, cliEnv: { TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: TASK_QUEUE, DUBAN_DATA_DIR: dir }, runId: Date.now().toString(36), today: shanghaiDate(Date.now()) };

    const rows: Array<[string, string]> = [];
    if (PHASES.has('throughput')) {
      console.log('\n1. plan start throughput');
      const t = await throughput(ctx);
      const noop = (t.noopBefore + t.noopAfter) / 2;
      const unpolled = (t.unpolledBefore + t.unpolledAfter) / 2;
      const planRate = (t.plan.started / t.plan.fanOutMs) * 1000;
      const ratio = planRate / noop;
      rows.push(
        ['no-op starts (client; a worker runs them)', `${fmt(t.noopBefore)} and ${fmt(t.noopAfter)} workflows/s (before and after)`],
        ['  on a queue no worker polls', `${fmt(t.unpolledBefore)} and ${fmt(t.unpolledAfter)} workflows/s (the server's bare start rate)`],
        ['plan start (planStart → startObligations)', `${fmt(planRate)} workflows/s; ${fmt(t.plan.started)} in ${fmt(t.plan.fanOutMs)} ms, command ${fmt(t.plan.cliMs)} ms`],
        ['  ratio to no-op (target ≥ 0.8)', `${ratio.toFixed(2)} ${ratio >= 0.8 ? 'ok' : 'BELOW TARGET'} (to the bare start rate: ${(planRate / unpolled).toFixed(2)})`],
        ['obligations started directly (client)', `${fmt(t.direct)} workflows/s (ratio to no-op ${(t.direct / noop).toFixed(2)})`],
        ['  plan start to direct starts', `${(planRate / t.direct).toFixed(2)} (what the fan-out costs; the rest of the gap is the started workflows' own first steps)`],
      );
    }
    if (PHASES.has('overdue')) {
      console.log(`\n2. overdue with ${fmt(RUNNING_N)} running obligations`);
      const o = await overdueListing(ctx);
      rows.push([`overdue, ${fmt(o.running)} running`, `list ${o.listMs.map((x) => fmt(x)).join(' / ')} ms + rows ${o.rowsMs.map((x) => fmt(x, 1)).join(' / ')} ms (${fmt(o.overdueObligations)} obligations, ${fmt(o.rows)} rows); CLI ${fmt(o.cliMs)} ms`]);
    }
    if (PHASES.has('latency')) {
      console.log('\n3. escalation step to SMTP latency');
      const l = await latencies(ctx);
      rows.push(
        ...l.map((x): [string, string] => [
          `step → SMTP, ${x.name} (${x.count})`,
          `p50 ${fmt(x.p50)} ms, p95 ${fmt(x.p95)} ms (timer fired p50 ${fmt(x.timerP50)}, p95 ${fmt(x.timerP95)} ms after the step)`,
        ]),
      );
    }
    console.log('\n4. worker memory');
    await settle(ctx, 'the worker to go idle');
    const running = (await ctx.client.workflow.count(runningDutiesQuery())).count;
    await sleep(3_000);
    const m = await worker.memory();
    progress(`${fmt(running)} obligations waiting on timers: RSS ${mib(m.rss)} (peak ${mib(m.peakRss)}), heap ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, ${fmt(m.cachedWorkflows)} workflows in the worker's cache`);
    rows.push([`worker, ${fmt(running)} waiting on timers`, `RSS ${mib(m.rss)} (idle at start ${mib(idle.rss)}, peak ${mib(m.peakRss)}), main heap ${mib(m.heapUsed)}, ${fmt(m.cachedWorkflows)} cached`]);
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log('\nsummary');
    for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  } finally {
    progress('shutting down');
    await worker?.stop();
    await env?.teardown();
    await mail?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
