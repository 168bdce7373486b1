/**
 * The worlds tests run workflows in, each set up once for the describe block
 * that calls it; read the fields inside a test, once beforeAll has run.
 *
 * timeSkippingWorld: what a time-skipping workflow test needs, set up once for the describe
 * block that calls this: the time-skipping server with its clock started at
 * `startAt` (the plan's real date), a real SMTP sink and the workflow bundle.
 * devServerWorld: the dev server (visibility, batch operations, Schedules),
 * a real SMTP sink and a duban worker running on `taskQueue`.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { startMailSink, type MailSink } from './mail-sink';
import { bundleWorkflows, startDevServerEnv, startTimeSkippingEnv } from './temporal';
import { createTestWorker, type TestWorker } from './worker';

export interface TimeSkippingWorld {
  env: TestWorkflowEnvironment;
  mail: MailSink;
  bundle: WorkflowBundle;
}

export function timeSkippingWorld(startAt?: string, mailOptions?: Parameters<typeof startMailSink>[0]): TimeSkippingWorld {
  const world = {} as TimeSkippingWorld;
  beforeAll(async () => {
    [world.env, world.mail, world.bundle] = await Promise.all([startTimeSkippingEnv({ startAt }), startMailSink(mailOptions), bundleWorkflows()]);
  });
  afterAll(async () => {
    await world.env?.teardown();
    await world.mail?.close();
  });
  return world;
}

export interface DevServerWorld {
  env: TestWorkflowEnvironment;
  mail: MailSink;
  testWorker: TestWorker;
}

export function devServerWorld(taskQueue: string): DevServerWorld {
  const world = {} as DevServerWorld;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    let bundle: WorkflowBundle;
    [world.env, world.mail, bundle] = await Promise.all([startDevServerEnv(), startMailSink(), bundleWorkflows()]);
    world.testWorker = await createTestWorker({ env: world.env, bundle, mail: world.mail, taskQueue });
    running = world.testWorker.worker.run();
  });
  afterAll(async () => {
    world.testWorker?.worker.shutdown();
    await running;
    await world.env?.teardown();
    await world.mail?.close();
  });
  return world;
}
