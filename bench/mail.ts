/**
 * `npm run bench mail`: morning digests against the local relay (the
 * in-process SMTP server the tests use).
 *
 * 1. Digests per second: 1,000 composed unit digests (five tasks each, HTML
 *    and text) sent through the worker's transport
 *    (activities/mail-transport.ts) as configured by default, 5 pooled
 *    connections, beside the same with pooling off. Target ≥ 100/s.
 * 2. The 09:00 burst for 1,000 units, through the production path on a dev
 *    server: 1,000 digest workflows (`digest/unit:…/<day>`, each holding
 *    what its unit was handed over) due at one instant T; the production
 *    worker (worker/main.ts) in its own process with the real activities
 *    (sent-log claim, directory look-up, composition, its transport). Figure: T until the relay accepted the last
 *    digest. A digest waits 30 quiet seconds after its last hand-over
 *    before it goes (workflows/digest.ts), so this is T + 30 s + the sending.
 * 3. Seed 000 started late (DUBAN_SEEDS_DIR; skipped with one line when
 *    absent, or when the wall clock is not a working day after 09:00
 *    Asia/Shanghai, since the dev server runs on it): its unit-steps as
 *    mails, one digest per unit and two roll-ups, and how long until the
 *    last was accepted.
 *
 * Figures, never assertions. DUBAN_BENCH_SCALE=0.1 runs a tenth of the sizes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Transporter } from 'nodemailer';
import { createMailTransport } from '../activities/mail-transport';
import { dutiesToStart } from '../client/delivery';
import { readPlanFile, readUnitsFile } from '../client/plan-files';
import { projectRoot } from '../config/env';
import { digestWorkflowId, type DigestRecipient } from '../contracts/digest';
import { digestItemsSignal } from '../contracts/messages';
import { startPlanStart } from '../contracts/start';
import { createCalendar, packageYears } from '../domain/calendar';
import { digestMoment } from '../domain/digest';
import { validatePlan } from '../domain/plan/validate';
import { composeDigest } from '../mail/digest';
import { openStore } from '../store';
import { seedPath } from '../test/domain/plan/seeds';
import { item, unitDigest } from '../test/mail/digest-fixtures';
import { startMailSink, type MailSink } from '../test/helpers/mail-sink';
import { haveSeeds, seedsMissingLine } from '../test/helpers/real-documents';
import { startDevServerEnv } from '../test/helpers/temporal';
import { spawnWorker, type WorkerProcess } from '../test/helpers/worker-process';

const SCALE = Number(process.env.DUBAN_BENCH_SCALE ?? 1);
const scaled = (n: number) => Math.max(1, Math.round(n * SCALE));
const SEND_N = scaled(1_000);
const BURST_UNITS = scaled(1_000);
const TARGET_PER_SECOND = 100;
const FROM = '督办系统 <duban@duban.test>';
const TASK_QUEUE = 'duban-bench-mail';

const t0 = performance.now();
function progress(message: string): void {
  console.log(`  [${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}

/** Sends `n` digests with at most `inFlight` awaiting the relay at once; digests per second. */
async function sendRate(transport: Transporter, n: number, inFlight: number): Promise<number> {
  const composed = composeDigest(unitDigest());
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < n) {
      const i = next++;
      await transport.sendMail({ from: FROM, to: `u${i}@duban.test`, subject: composed.subject, text: composed.text, html: composed.html, messageId: `<bench-${i}-${Date.now()}@duban>` });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return n / ((performance.now() - started) / 1000);
}

async function digestsPerSecond(mail: MailSink): Promise<void> {
  const relay = { DUBAN_SMTP_HOST: mail.host, DUBAN_SMTP_PORT: mail.port, DUBAN_SMTP_SECURE: false } as const;
  // The worker's transport as production configures it (DUBAN_SMTP_CONNECTIONS, 5), and with pooling off (0).
  const pooled = createMailTransport({ ...relay, DUBAN_SMTP_CONNECTIONS: 5 });
  await sendRate(pooled, scaled(50), 5); // connections open, code warm
  const pooledRate = await sendRate(pooled, SEND_N, 10);
  pooled.close();
  const single = createMailTransport({ ...relay, DUBAN_SMTP_CONNECTIONS: 0 });
  const singleRate = await sendRate(single, SEND_N, 10);
  console.log(`digests sent, ${SEND_N} unit digests of five tasks (${(composeDigest(unitDigest()).html.length / 1024).toFixed(0)} KiB of HTML each):`);
  console.log(`  the worker's transport, 5 connections (the default), 10 in flight   ${pooledRate.toFixed(0).padStart(5)} digests/s   target ≥ ${TARGET_PER_SECOND}/s`);
  console.log(`  DUBAN_SMTP_CONNECTIONS=0 (a connection a mail), 10 in flight      ${singleRate.toFixed(0).padStart(5)} digests/s`);
  mail.clear();
}

function burstDirectory(n: number): string {
  const units = Array.from({ length: n }, (_, i) => `  - id: u${i}
    name: 单位${i}
    contacts: [{ email: u${i}@duban.test }]
    head: { email: u${i}-head@duban.test }
    supervisor: { email: ducha@duban.test }`);
  return `units:\n${units.join('\n')}\n`;
}

/** Waits until the relay has accepted `count` mails; the instant of the last, or undefined after `timeoutMs`. */
async function lastAccepted(mail: MailSink, count: number, timeoutMs: number): Promise<number | undefined> {
  try {
    await mail.waitFor(count, timeoutMs);
  } catch {
    return undefined;
  }
  return Math.max(...mail.received.map((m) => m.receivedAt.getTime()));
}

async function burst(client: Client, mail: MailSink, store: ReturnType<typeof openStore>): Promise<void> {
  await store.directory.save(burstDirectory(BURST_UNITS));
  const day = new Date().toISOString().slice(0, 10);
  // T: far enough ahead for every digest to be started and waiting, as the morning's digests are by 09:00.
  const at = Date.now() + 20_000 + BURST_UNITS * 30;
  const sendAt = new Date(at).toISOString();
  progress(`starting ${BURST_UNITS} digests due at ${sendAt}`);
  let next = 0;
  const lane = async () => {
    while (next < BURST_UNITS) {
      const i = next++;
      const recipient: DigestRecipient = { kind: 'unit', unitId: `u${i}`, unitName: `单位${i}` };
      await client.workflow.signalWithStart('digest', {
        taskQueue: TASK_QUEUE,
        workflowId: `bench-${digestWorkflowId(recipient, day)}-${at}`,
        args: [{ recipient, date: day, sendAt }],
        signal: digestItemsSignal,
        signalArgs: [{ items: ['1', '2'].map((t) => item(`${t}-${i}`, { unitId: `u${i}`, unitName: `单位${i}`, step: t === '1' ? 'dueToday' : 'redCard', card: t === '1' ? 'none' : 'red' })) }],
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, lane));
  const ready = Date.now();
  if (ready > at) console.log(`  (the starts ran ${((ready - at) / 1000).toFixed(0)} s past T: the figure below is low by as much)`);
  const last = await lastAccepted(mail, BURST_UNITS, 600_000);
  const load = os.loadavg()[0]!.toFixed(1);
  if (last === undefined) {
    console.log(`09:00 burst, ${BURST_UNITS} units: only ${mail.received.length} accepted within 10 minutes`);
  } else {
    const seconds = (last - at) / 1000;
    console.log(`09:00 burst, ${BURST_UNITS} unit digests due at one instant T (load average ${load}):`);
    console.log(`  T → last digest accepted   ${seconds.toFixed(1)} s (30 s of it the digests' quiet wait; sending ${(seconds - 30).toFixed(1)} s, ${(BURST_UNITS / Math.max(seconds - 30, 0.001)).toFixed(0)} digests/s)`);
  }
  mail.clear();
}

async function seedCatchUp(client: Client, mail: MailSink, store: ReturnType<typeof openStore>): Promise<void> {
  if (!haveSeeds) return console.log(`seed 000 catch-up: skipped (${seedsMissingLine})`);
  const moment = digestMoment(createCalendar(packageYears()), '2025-01-01T00:00:00+08:00', Date.now());
  if (Date.parse(moment.sendAt) > Date.now() + 60_000) {
    return console.log(`seed 000 catch-up: skipped (the dev server runs on the wall clock, and its digests would go at ${moment.sendAt})`);
  }
  const unitsFile = path.join(projectRoot, 'examples/units.yaml');
  const { plan } = await readPlanFile(seedPath('000'));
  const validation = validatePlan(plan, readUnitsFile(unitsFile), { file: 'seed 000' });
  const duties = dutiesToStart(plan, validation);
  const unitSteps = duties.reduce((n, d) => n + d.units.length, 0);
  const units = new Set(duties.flatMap((d) => d.units.map((u) => u.id)));
  await store.directory.save(readFileSync(unitsFile, 'utf8'));
  const storeKey = await store.plans.save(plan.id, duties);
  progress(`seed 000: starting ${duties.length} duties late`);
  const started = Date.now();
  await startPlanStart(client, TASK_QUEUE, { planId: plan.id, storeKey, total: duties.length });
  const expected = units.size + 2;
  const last = await lastAccepted(mail, expected, 600_000);
  // Stragglers would go in a follow-up within the digests' two minutes; give them a moment to show.
  await new Promise((r) => setTimeout(r, 10_000));
  const seconds = last === undefined ? undefined : ((last - started) / 1000).toFixed(0);
  console.log(`seed 000 started late: ${duties.length} duties, ${unitSteps} unit-steps → ${mail.received.length} mails (expected ${units.size} units + 2 roll-ups = ${expected})${seconds ? `, the last ${seconds} s after the start` : ', not all within 10 minutes'}`);
  const perKey = new Map<string, number>();
  for (const m of mail.received) {
    const key = String(m.parsed.headers.get('x-duban-key')).split('#')[0]!;
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
  }
  const twice = [...perKey].filter(([, n]) => n > 1);
  if (twice.length > 0) console.log(`  digests that went in more than one mail: ${twice.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
}

export async function run(): Promise<void> {
  console.log(`${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} (other work on this machine skews every figure)`);
  const mail = await startMailSink();
  let env: TestWorkflowEnvironment | undefined;
  let worker: WorkerProcess | undefined;
  try {
    await digestsPerSecond(mail);
    // An overloaded dev server logs its slow writes as errors; the figures say what matters here.
    env = await startDevServerEnv({ logLevel: 'never' });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-bench-mail-'));
    const store = openStore({ dataDir });
    // The production worker (worker/main.ts) in its own process, as the relay is in its own: one event loop each.
    worker = await spawnWorker({ TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: TASK_QUEUE, DUBAN_DATA_DIR: dataDir, DUBAN_SMTP_HOST: mail.host, DUBAN_SMTP_PORT: String(mail.port), DUBAN_LOG_LEVEL: 'WARN' });
    await burst(env.client, mail, store);
    await seedCatchUp(env.client, mail, store);
  } finally {
    await worker?.kill();
    await env?.teardown();
    await mail.close();
  }
}
