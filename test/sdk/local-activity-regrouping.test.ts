/**
 * The SDK behaviour behind the lock and the wake condition of
 * workflows/accountability-core.ts, on its own (docs/sdk-notes.md): two
 * Updates accepted in one workflow task, whose handlers await a local
 * activity and then wake a main loop that waits on a timer. The live run
 * gets each local-activity result in its own activation, the replay both in
 * one, so the naive loop's history does not replay; with the workaround it
 * does. If the first test starts failing, the SDK groups them alike again
 * and the workaround may be revisited.
 */
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually';
import { bundleWorkflows, startDevServerEnv, uniqueId } from '../helpers/temporal';
import { admitUpdate, taskOfAcceptance } from '../helpers/updates';
import { regroupingActivities, touchesQuery, touchUpdate } from './regrouping-workflows';

const REPETITIONS = Number(process.env.DUBAN_REGROUPING_REPETITIONS ?? 5);
const taskQueue = 'regrouping';

interface Race {
  /** Histories whose two Updates were accepted in one workflow task. */
  together: number;
  /** The events of the first history after its first workflow task, by type. */
  shape: string;
  /** Replay failures, one line each. */
  failures: string[];
}

describe('local-activity results regrouped on replay (SDK 1.23+)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([startDevServerEnv(), bundleWorkflows(fileURLToPath(new URL('./regrouping-workflows.ts', import.meta.url)))]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const withWorker = async <T>(work: () => Promise<T>): Promise<T> => {
    const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: bundle, activities: regroupingActivities });
    return worker.runUntil(work);
  };

  /** `repetitions` workflows of `workflowType`, two Updates each sent while no worker polls; then each history replayed. */
  async function race(workflowType: string, repetitions = REPETITIONS): Promise<Race> {
    const handles = await withWorker(async () => {
      const started = await Promise.all(Array.from({ length: repetitions }, () => env.client.workflow.start(workflowType, { taskQueue, workflowId: uniqueId(workflowType) })));
      // Each has run its first task and waits on its timer.
      for (const handle of started) await eventually(`${handle.workflowId} to run`, () => handle.query(touchesQuery), (n) => n === 0);
      return started;
    });
    const admitted = await Promise.all(
      handles.map((handle) => Promise.all([1, 2].map((n) => admitUpdate(env.client, env.namespace ?? 'default', handle.workflowId, touchUpdate.name, n)))),
    );
    await withWorker(() => Promise.all(admitted.flat().map(async ({ updateId }, i) => handles[Math.floor(i / 2)]!.getUpdateHandle(updateId).result())));

    const histories = await Promise.all(handles.map(async (handle) => ({ workflowId: handle.workflowId, history: await handle.fetchHistory() })));
    const together = histories.filter(({ history }, i) => new Set(taskOfAcceptance(history, admitted[i]!.map((a) => a.updateId))).size === 1).length;
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    const events = (histories[0]!.history.events ?? []).map((e) => String(temporal.api.enums.v1.EventType[e.eventType ?? 0]).replace(/^EVENT_TYPE_/, ''));
    const shape = events.slice(events.indexOf('WORKFLOW_TASK_COMPLETED') + 1).join(' ');
    return { together, failures, shape };
  }

  it(
    `still fails to replay the naive loop's histories with TMPRL1100, ${REPETITIONS} of ${REPETITIONS} (if this fails, the SDK groups local-activity results alike live and on replay: the lock and the wake condition of workflows/accountability-core.ts may be revisited, see docs/sdk-notes.md)`,
    async () => {
      const { together, failures } = await race('naiveLoop');
      expect(together, 'both Updates accepted in one workflow task').toBe(REPETITIONS);
      expect(
        failures.length,
        'naive histories that failed replay; fewer than all means the SDK no longer regroups local-activity results: revisit the workaround in workflows/accountability-core.ts (docs/sdk-notes.md)',
      ).toBe(REPETITIONS);
      for (const failure of failures) expect(failure).toMatch(/TMPRL1100.*Update machine does not handle this event.*TimerCanceled/s);
    },
  );

  it(`replays every history of the workaround (one lock, the loop woken on changed && allHandlersFinished()), ${REPETITIONS} of ${REPETITIONS}`, async () => {
    const { together, failures } = await race('workaroundLoop');
    expect(together, 'both Updates accepted in one workflow task').toBe(REPETITIONS);
    expect(failures).toEqual([]);
  });

  // The variants of docs/sdk-notes.md, measured on request: DUBAN_REGROUPING_VARIANTS=1.
  it.runIf(process.env.DUBAN_REGROUPING_VARIANTS === '1')('prints the replay failures of every variant', async () => {
    const variants = [
      'naiveLoop',
      'workaroundLoop',
      'lockOnlyLoop',
      'wakeConditionOnlyLoop',
      'separateWaitLoop',
      'remoteActivityLoop',
      'noAwaitLoop',
      'noTimerLoop',
      'lockOnlyWithLoopActivity',
      'workaroundWithLoopActivity',
    ];
    const rows: string[] = [];
    for (const variant of variants) {
      const { together, failures, shape } = await race(variant);
      console.log(`${variant}: ${shape}`);
      rows.push(`| ${variant} | ${together}/${REPETITIONS} | ${failures.length}/${REPETITIONS} | ${failures[0]?.match(/TMPRL1100[^"\\]*/)?.[0] ?? ''} |`);
    }
    console.log(['| variant | Updates in one task | replay failures | first error |', '| --- | --- | --- | --- |', ...rows].join('\n'));
  }, 600_000);
});
