/**
 * A worker killed outright (SIGKILL) in the middle of work, then started
 * again, loses nothing and does nothing twice: not a reminder caught
 * mid-send, not an obligation of a plan being started.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { projectRoot } from '../../config/env';
import { obligationQuery, planStartProgressQuery } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { runDuban } from '../helpers/cli';
import { eventually } from '../helpers/eventually';
import { holdFirstMessage, startMailSink, type MailSink } from '../helpers/mail-sink';
import { testUnit } from '../helpers/obligations';
import { startDevServerEnv, uniqueId } from '../helpers/temporal';
import { spawnWorker, type WorkerProcess } from '../helpers/worker-process';

describe('a worker killed mid-work', () => {
  let env: TestWorkflowEnvironment;
  const workers: WorkerProcess[] = [];
  const sinks: MailSink[] = [];

  beforeAll(async () => {
    // A killed worker leaves requests the server logs as errors ("context canceled"): expected here, so not shown.
    env = await startDevServerEnv({ logLevel: 'never' });
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await env?.teardown();
    for (const s of sinks) await s.close();
  });

  it('a reminder whose send was cut off is sent once, by the next worker', async () => {
    // The first message is never answered with 250: its sender is killed while it waits.
    const hold = holdFirstMessage();
    const mail = await startMailSink({ beforeAccept: hold.beforeAccept });
    sinks.push(mail);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-crash-'));
    const workerEnv = { TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: 'crash-mail', DUBAN_DATA_DIR: dataDir, DUBAN_SMTP_HOST: mail.host, DUBAN_SMTP_PORT: String(mail.port) };

    const first = await spawnWorker(workerEnv);
    workers.push(first);
    const input: ObligationInput = {
      obligationId: uniqueId('crash/task'),
      kind: 'planTask',
      title: '已过期的任务',
      rule: { kind: 'calendarDays', days: 10, from: 'planIssued' },
      anchorDate: '2025-03-03',
      planYear: 2025,
      units: [testUnit('late')],
    };
    const handle = await env.client.workflow.start('obligation', { taskQueue: 'crash-mail', workflowId: input.obligationId, args: [input] });

    await hold.arrived;
    await first.kill();
    expect(mail.received).toHaveLength(0);

    workers.push(await spawnWorker(workerEnv));
    const [delivered] = await mail.waitFor(1, 60_000);
    expect(delivered!.envelopeTo).toEqual(['late@duban.test', 'late-head@duban.test', 'duchake@duban.test', 'fenguan@duban.test']);

    // Once the workflow has recorded the send, the step is done: no retry can mail it again.
    const view = await eventually(
      'the obligation to record the reminder as sent',
      () => handle.query(obligationQuery),
      (v) => v.log.some((e) => e.kind === 'escalation' || e.kind === 'reminder'),
    );
    expect(view.log.filter((e) => e.kind === 'escalation' || e.kind === 'reminder')).toHaveLength(1);
    expect(mail.received).toHaveLength(1);
    const sentLog = new Database(path.join(dataDir, 'sent-log.sqlite'), { readonly: true });
    const rows = sentLog.prepare('SELECT attempts, sent_at FROM sent_mail').all() as Array<{ attempts: number; sent_at: string | null }>;
    sentLog.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(2);
    expect(rows[0]!.sent_at).not.toBeNull();
  }, 120_000);

  it('a plan start cut off by a dead worker finishes on the next one, every obligation started exactly once', async () => {
    const mail = await startMailSink();
    sinks.push(mail);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-crash-plan-'));
    const workerEnv = { TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: 'crash-plan', DUBAN_DATA_DIR: dataDir, DUBAN_SMTP_HOST: mail.host, DUBAN_SMTP_PORT: String(mail.port) };
    // Six batches of 100, two in flight: the first finishes while most of the plan is still to start.
    const total = 600;
    const plan = {
      id: `crash-${Date.now().toString(36)}`,
      title: '中断启动测试计划',
      issued: '2026-11-02',
      year: 2026,
      duties: [],
      tasks: Array.from({ length: total }, (_, i) => ({
        id: `t${i + 1}`,
        content: `测试任务 ${i + 1}`,
        responsibleUnits: ['市发展和改革局'],
        deadline: { kind: 'calendarDays', days: 400, from: 'planIssued' },
      })),
    };
    const planFile = path.join(dataDir, 'plan.yaml');
    writeFileSync(planFile, stringify(plan));
    const units = path.join(projectRoot, 'examples/units.yaml');

    const first = await spawnWorker(workerEnv);
    workers.push(first);
    // The admin's terminal: started, then it dies with the worker.
    const cli = runDuban(['plan', 'start', planFile, '--units', units, '--json'], workerEnv);
    const starts = () => env.client.workflow.list({ query: `WorkflowType = 'planStart' AND DubanPlan = '${plan.id}'` });
    await eventually(
      'the planStart fan-out to report its first obligations started',
      async () => {
        let progress = 0;
        for await (const w of starts()) {
          const p = await env.client.workflow.getHandle(w.workflowId, w.runId).query(planStartProgressQuery).catch(() => undefined);
          progress = p?.done ?? 0;
        }
        return progress;
      },
      (progress) => progress > 0,
      { timeoutMs: 60_000 },
    );
    await first.kill();
    const count = async () => (await env.client.workflow.count(`WorkflowType = 'obligation' AND DubanPlan = '${plan.id}'`)).count;
    const startedBeforeRestart = await count();
    expect(startedBeforeRestart).toBeLessThan(total);

    workers.push(await spawnWorker(workerEnv));
    const result = JSON.parse((await cli).stdout) as { planId: string; started: number; alreadyRunning: number };
    expect(result.planId).toBe(plan.id);
    // Obligations started by the dead worker's unfinished batch are found running, not started again.
    expect(result.started + result.alreadyRunning).toBe(total);
    await eventually('visibility to show every obligation', count, (n) => n === total);

    const again = JSON.parse((await runDuban(['plan', 'start', planFile, '--units', units, '--json'], workerEnv)).stdout);
    expect(again).toEqual({ planId: plan.id, started: 0, alreadyRunning: total });
    expect(await count()).toBe(total);
  }, 180_000);
});
