/**
 * A duban worker for tests, with the real activities: mail to a real SMTP
 * sink and the real embedded store (sent-log, plans, calendar years) in a
 * private folder.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import { createMailTransport } from '../../activities/mail-transport';
import { openStore } from '../../store';
import { createWorker } from '../../worker/create-worker';
import type { MailSink } from './mail-sink';

export interface TestWorker {
  worker: Worker;
  deps: ActivityDeps;
  dataDir: string;
}

export async function createTestWorker(options: {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundle;
  mail: MailSink;
  taskQueue: string;
  /**
   * 0: a worker that keeps no workflow cached, so no sticky queue: the next
   * worker gets the workflow's tasks at once. (The time-skipping server never
   * moves a task off a stopped worker's sticky queue.)
   */
  maxCachedWorkflows?: number;
  /** Dependencies to add or replace (an admin address, signed links). */
  deps?: Partial<ActivityDeps>;
}): Promise<TestWorker> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-worker-'));
  const deps: ActivityDeps = {
    mailer: createMailTransport({ DUBAN_SMTP_HOST: options.mail.host, DUBAN_SMTP_PORT: options.mail.port, DUBAN_SMTP_SECURE: false }),
    mailFrom: '督办系统 <duban@duban.test>',
    // The test's data folder: `duban calendar import` with the same DUBAN_DATA_DIR changes what the worker sees.
    store: openStore({ dataDir }),
    temporal: options.env.client,
    taskQueue: options.taskQueue,
    ...options.deps,
  };
  const settings = {
    connection: options.env.nativeConnection,
    namespace: options.env.namespace ?? 'default',
    taskQueue: options.taskQueue,
    workflowBundle: options.bundle,
    activities: createActivities(deps),
  };
  const worker = options.maxCachedWorkflows === undefined ? await createWorker(settings) : await Worker.create({ ...settings, maxCachedWorkflows: options.maxCachedWorkflows });
  return {
    worker,
    deps,
    dataDir,
  };
}
