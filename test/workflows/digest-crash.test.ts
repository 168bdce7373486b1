/**
 * A worker killed outright (SIGKILL) while it sends a digest, then another
 * started: the digest reaches its unit once, whichever side of the relay's
 * answer the kill fell.
 *
 * - After the relay accepted: the mail went and the sent-log marked it, and
 *   the activity is still at work (the unit's group robot is slow to answer).
 *   The retry finds the mail sent and sends only what had not gone.
 * - Before the relay answered: the connection closed, so the relay kept
 *   nothing; the retry sends it once.
 * - The window no claim can close: the relay has taken the mail and is about
 *   to answer 250 when the sender dies. Nobody recorded that it went, so the
 *   retry sends it again, with the same Message-ID (a mail client or store
 *   that deduplicates by Message-ID shows it once). It lasts from the relay's
 *   answer leaving to the sent-log's commit: one round trip and one write.
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestWorkflowId, type DigestItem, type DigestRecipient } from '../../contracts/digest';
import { digestItemsSignal } from '../../contracts/messages';
import { openStore } from '../../store';
import { digestKeyOf } from '../helpers/digests';
import { eventually } from '../helpers/eventually';
import { holdFirstMessage, startMailSink, type MailSink } from '../helpers/mail-sink';
import { startDevServerEnv, uniqueId } from '../helpers/temporal';
import { spawnWorker, type WorkerProcess } from '../helpers/worker-process';

/** A WeCom group robot that holds its first message until told, and counts what it answered. */
function slowRobot() {
  const answered: string[] = [];
  let first = true;
  let arrived!: () => void;
  const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (first) {
        first = false;
        arrived();
        return; // never answered: its sender dies waiting
      }
      answered.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  return {
    answered,
    firstArrived,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=k`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Each test's own unit, so each has its own digest (`digest/unit:<id>/<day>`): a digest lingers after it went. */
let units = 0;

function directoryYaml(unitId: string, robotUrl?: string): string {
  return `units:
  - id: ${unitId}
    name: 市发改委
    contacts: [{ email: ${unitId}@duban.test }]
    head: { email: ${unitId}-head@duban.test }
    supervisor: { email: duchake@duban.test }
${robotUrl ? `    robots: [{ kind: wecom, url: '${robotUrl}' }]\n` : ''}`;
}

function item(unitId: string, obligationId: string): DigestItem {
  return {
    key: `${obligationId}#${unitId}#redCard#2025-04-08T00:00:00.000+08:00`,
    obligation: { id: obligationId, kind: 'planTask', title: '公开重大行政决策事项目录', planId: '2025-crash', taskId: '1' },
    unit: { id: unitId, name: '市发改委' },
    step: 'redCard',
    at: '2025-04-08T00:00:00.000+08:00',
    deadline: { date: '2025-03-31', instant: '2025-03-31T23:59:59.999+08:00', provisional: false },
    card: 'red',
    workingDaysLate: 0,
    toHead: true,
    returns: 0,
  };
}

describe('a worker killed while it sends a digest', { timeout: 240_000 }, () => {
  let env: TestWorkflowEnvironment;
  const workers: WorkerProcess[] = [];
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    // A killed worker leaves requests the server logs as errors ("context canceled"): expected here, so not shown.
    env = await startDevServerEnv({ logLevel: 'never' });
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await env?.teardown();
    for (const close of closers) await close();
  });

  /** A worker process on its own queue, data folder (holding the directory) and relay; the unit's digest started to go now. */
  async function setUp(mail: MailSink, robotUrl?: string) {
    closers.push(() => mail.close());
    const unitId = `fgw${++units}`;
    const recipient: DigestRecipient = { kind: 'unit', unitId, unitName: '市发改委' };
    const directory = directoryYaml(unitId, robotUrl);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-digest-crash-'));
    const store = openStore({ dataDir });
    await store.directory.save(directory);
    const taskQueue = uniqueId('digest-crash');
    const workerEnv = { TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: taskQueue, DUBAN_DATA_DIR: dataDir, DUBAN_SMTP_HOST: mail.host, DUBAN_SMTP_PORT: String(mail.port) };
    const spawn = async () => {
      const w = await spawnWorker(workerEnv);
      workers.push(w);
      return w;
    };
    const first = await spawn();
    // The date only names the digest; it goes at sendAt, now, once the hand-over has been quiet for 30 s.
    const date = new Date().toISOString().slice(0, 10);
    const workflowId = digestWorkflowId(recipient, date);
    const handle = await env.client.workflow.signalWithStart('digest', {
      taskQueue,
      workflowId,
      args: [{ recipient, date, sendAt: new Date().toISOString() }],
      signal: digestItemsSignal,
      signalArgs: [{ items: [item(unitId, uniqueId('plan/2025-crash/task'))] }],
    });
    return { first, spawn, handle, workflowId, unitId };
  }

  it('after the relay accepted it, while the robot is still being told: no second copy', async () => {
    const robot = slowRobot();
    closers.push(robot.close);
    const robotUrl = await robot.listen();
    const mail = await startMailSink();
    const { first, spawn, handle, workflowId, unitId } = await setUp(mail, robotUrl);

    // The mail is accepted (and marked sent); the activity then waits on the robot, and dies there.
    await robot.firstArrived;
    expect(mail.received).toHaveLength(1);
    await first.kill();

    await spawn();
    // The retry finds the mail sent, and tells the robot once its dead sender's claim has lapsed.
    await eventually('the robot to be told by the next worker', () => robot.answered.length, (n) => n === 1, { timeoutMs: 90_000 });
    // The activity's attempt is written to history only when it completes, a moment after the robot answered.
    const history = await eventually('the digest activity to complete', () => handle.fetchHistory(), (h) => (h.events ?? []).some((e) => e.activityTaskCompletedEventAttributes));
    const attempts = history.events!.filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
    // Completed on the second attempt (the first died mid-activity), and the relay saw one mail.
    expect(attempts).toEqual([2]);
    expect(mail.received.map(digestKeyOf)).toEqual([workflowId]);
    expect(mail.received[0]!.envelopeTo.slice().sort()).toEqual([`${unitId}-head@duban.test`, `${unitId}@duban.test`]);
  });

  it('before the relay answered: sent once, by the next worker', async () => {
    const hold = holdFirstMessage();
    const mail = await startMailSink({ beforeAccept: hold.beforeAccept });
    const { first, spawn, workflowId } = await setUp(mail);
    await hold.arrived;
    await first.kill();
    expect(mail.received).toHaveLength(0);

    await spawn();
    await mail.waitFor(1, 90_000);
    expect(mail.received.map(digestKeyOf)).toEqual([workflowId]);
  });

  it('the window no claim closes: kept by the relay as its sender died, sent again with the same Message-ID', async () => {
    const mail = await startMailSink();
    const { first, spawn, handle, workflowId } = await setUp(mail);
    // The relay has stored the mail and is about to answer 250: the sender dies now, most likely before it reads it.
    await mail.waitFor(1, 90_000);
    first.child.kill('SIGKILL');
    await first.kill();
    await spawn();
    await eventually(
      'the digest to be sent by the next worker',
      async () => (await handle.fetchHistory()).events!.some((e) => e.activityTaskCompletedEventAttributes),
      Boolean,
      { timeoutMs: 90_000 },
    );
    // One copy if the sender had marked it before it died, two if not; never a copy that could pass for another mail.
    console.log(`digest crash: killed as the relay answered: ${mail.received.length} cop${mail.received.length === 1 ? 'y' : 'ies'}`);
    expect(mail.received.length).toBeLessThanOrEqual(2);
    expect(new Set(mail.received.map(digestKeyOf))).toEqual(new Set([workflowId]));
    expect(new Set(mail.received.map((m) => m.parsed.messageId)).size).toBe(1);
  });
});
