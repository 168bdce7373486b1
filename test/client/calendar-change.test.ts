/**
 * Loading next year's holiday notice moves the provisional deadlines of
 * running obligations to exact ones: `duban calendar import` signals them
 * through a server-side batch operation (dev server), and each says so in
 * its log.
 */
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/env';
import { obligationQuery } from '../../workflows/messages';
import type { ObligationInput } from '../../workflows/obligation-types';
import { runDuban } from '../helpers/cli';
import { startMailSink, type MailSink } from '../helpers/mail-sink';
import { testUnit } from '../helpers/obligations';
import { bundleWorkflows, startDevServerEnv, uniqueId } from '../helpers/temporal';
import { createTestWorker, type TestWorker } from '../helpers/worker';

describe('a holiday year loaded while obligations run', () => {
  let env: TestWorkflowEnvironment;
  let mail: MailSink;
  let bundle: WorkflowBundle;
  let testWorker: TestWorker;
  let running: Promise<void>;

  beforeAll(async () => {
    [env, mail, bundle] = await Promise.all([startDevServerEnv(), startMailSink(), bundleWorkflows()]);
    testWorker = await createTestWorker({ env, bundle, mail, taskQueue: 'calendar-change' });
    running = testWorker.worker.run();
  });
  afterAll(async () => {
    testWorker?.worker.shutdown();
    await running;
    await env?.teardown();
    await mail?.close();
  });

  it('recomputes a provisional 2027 deadline to the exact day once the 2027 notice is imported', async () => {
    const input: ObligationInput = {
      obligationId: uniqueId('feedback/provisional'),
      kind: 'feedbackDisclosure',
      title: '政策文件意见采纳情况公开',
      rule: { kind: 'workingDays', days: 10, from: 'policyIssued' },
      anchorDate: '2026-12-28',
      planYear: 2026,
      units: [testUnit('fgj')],
    };
    const handle = await env.client.workflow.start('obligation', { taskQueue: 'calendar-change', workflowId: input.obligationId, args: [input] });
    const deadlineOf = async () => (await handle.query(obligationQuery)).units[0]?.deadline;
    for (let i = 0; i < 50 && !(await deadlineOf()); i++) await new Promise((r) => setTimeout(r, 100));
    // Weekends only: 12-29, 12-30, 12-31, 01-01, 01-04 … 01-08, 01-11.
    expect(await deadlineOf()).toEqual({ date: '2027-01-11', instant: '2027-01-11T23:59:59.999+08:00', provisional: true });

    const imported = await runDuban(['calendar', 'import', path.join(projectRoot, 'test/fixtures/calendar/holidays-2027.fixture.yaml')], {
      DUBAN_DATA_DIR: testWorker.dataDir,
      TEMPORAL_ADDRESS: env.address,
    });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('已通知运行中的督办流程');

    // The fixture declares 2027-01-01 a holiday: one working day fewer before the 11th.
    for (let i = 0; i < 100 && (await deadlineOf())?.provisional; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await deadlineOf()).toEqual({ date: '2027-01-12', instant: '2027-01-12T23:59:59.999+08:00', provisional: false });
    const log = (await handle.query(obligationQuery)).log.filter((e) => e.kind === 'calendar');
    expect(log.map((e) => e.message)).toEqual(['节假日安排已更新：fgj单位的截止日期由 2027-01-11（暂定）改为 2027-01-12']);
  });
});
