/**
 * What a time-skipping workflow test needs, set up once for the describe
 * block that calls this: the time-skipping server with its clock started at
 * `startAt` (the plan's real date), a real SMTP sink and the workflow bundle.
 * Read the fields inside a test, once beforeAll has run.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { startMailSink, type MailSink } from './mail-sink';
import { bundleWorkflows, startTimeSkippingEnv } from './temporal';

export interface TimeSkippingWorld {
  env: TestWorkflowEnvironment;
  mail: MailSink;
  bundle: WorkflowBundle;
}

export function timeSkippingWorld(startAt?: string): TimeSkippingWorld {
  const world = {} as TimeSkippingWorld;
  beforeAll(async () => {
    [world.env, world.mail, world.bundle] = await Promise.all([startTimeSkippingEnv({ startAt }), startMailSink(), bundleWorkflows()]);
  });
  afterAll(async () => {
    await world.env?.teardown();
    await world.mail?.close();
  });
  return world;
}
