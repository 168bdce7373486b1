/**
 * Two people act on one task at the same moment: two clerks of one unit
 * report, two units report the same morning, the admin waives while the unit
 * reports, two supervisors decide one extension, a supervisor reviews while
 * the report is being recorded. Each pair is sent while no worker polls, so
 * the server hands both Updates to the worker in one workflow task (the case
 * that broke replay), 20 times over. Exactly one of two conflicting Updates
 * applies, the other is refused in Chinese; every history replays; after a
 * worker restart every obligation still answers, takes Updates and mails.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideExtensionUpdate,
  obligationQuery,
  reportUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  waiveUpdate,
} from '../../contracts/messages';
import type { ObligationInput, ObligationView } from '../../contracts/obligation';
import { obligation } from '../../workflows/obligation';
import { eventually } from '../helpers/eventually';
import { saveHistory } from '../helpers/histories';
import { startMailSink, type MailSink } from '../helpers/mail-sink';
import { admin, asUnit, supervisor, testUnit } from '../helpers/obligations';
import { bundleWorkflows, startDevServerEnv } from '../helpers/temporal';
import { admitUpdate, taskOfAcceptance } from '../helpers/updates';
import { createTestWorker } from '../helpers/worker';

const REPETITIONS = Number(process.env.DUBAN_RACE_REPETITIONS ?? 20);
const taskQueue = 'concurrent-updates';

type Outcome = { ok: true } | { ok: false; code: string; message: string };
interface Pair {
  name: string;
  /** Sequential set-up before the pair (an extension to decide on). */
  prepare?: (handle: WorkflowHandle) => Promise<unknown>;
  first: [UpdateDefinition<ObligationView, [unknown]>, unknown];
  second: [UpdateDefinition<ObligationView, [unknown]>, unknown];
  /** What the pair must leave behind, whichever went first. */
  verify: (outcomes: [Outcome, Outcome], view: ObligationView) => void;
}

const report = (unitId: string) => ({ actor: asUnit(unitId), unitId, evidence: [`https://gov.example/${unitId}`] });
const unitOf = (view: ObligationView, id: string) => view.units.find((u) => u.unitId === id)!;
const applied = (outcomes: Outcome[]) => outcomes.filter((o) => o.ok).length;
const refusals = (outcomes: Outcome[]) => outcomes.flatMap((o) => (o.ok ? [] : [o.code]));

const pairs: Pair[] = [
  {
    name: 'report + report for one unit',
    first: [reportUpdate as never, report('a')],
    second: [reportUpdate as never, report('a')],
    verify: (outcomes, view) => {
      expect(applied(outcomes)).toBe(1);
      expect(refusals(outcomes)).toEqual(['not-open']);
      expect(unitOf(view, 'a').reports).toHaveLength(1);
    },
  },
  {
    name: 'reports of two units',
    first: [reportUpdate as never, report('a')],
    second: [reportUpdate as never, report('b')],
    verify: (outcomes, view) => {
      expect(applied(outcomes)).toBe(2);
      expect([unitOf(view, 'a').status, unitOf(view, 'b').status]).toEqual(['reported', 'reported']);
    },
  },
  {
    name: 'report + waive',
    first: [reportUpdate as never, report('a')],
    second: [waiveUpdate as never, { actor: admin, unitId: 'a', reason: '职责已划转' }],
    verify: (outcomes, view) => {
      expect(applied(outcomes)).toBe(1);
      const status = unitOf(view, 'a').status;
      // Whichever went first stands: reported (the waiver refused, awaiting review) or waived (the report refused).
      expect(refusals(outcomes)).toEqual([status === 'reported' ? 'awaiting-review' : 'not-open']);
      expect(outcomes[status === 'reported' ? 0 : 1]!.ok).toBe(true);
    },
  },
  {
    name: 'decideExtension approve + refuse',
    prepare: (handle) =>
      handle.executeUpdate(requestExtensionUpdate, {
        args: [{ actor: asUnit('a'), unitId: 'a', newDate: '2027-01-29', reason: '等待上级文件', progress: '已起草' }],
      }),
    first: [decideExtensionUpdate as never, { actor: supervisor, unitId: 'a', approved: true }],
    second: [decideExtensionUpdate as never, { actor: supervisor, unitId: 'a', approved: false, comment: '不予延期' }],
    verify: (outcomes, view) => {
      expect(applied(outcomes)).toBe(1);
      expect(refusals(outcomes)).toEqual(['no-extension-pending']);
      const unit = unitOf(view, 'a');
      expect(unit.extensions).toHaveLength(1);
      expect(unit.extensions[0]!.decision!.approved).toBe(outcomes[0]!.ok);
      expect(unit.deadline.date).toBe(outcomes[0]!.ok ? '2027-01-29' : '2026-12-31');
    },
  },
  {
    name: 'review while the report is being recorded',
    first: [reportUpdate as never, report('a')],
    second: [reviewUpdate as never, { actor: supervisor, unitId: 'a', decision: 'accept' }],
    verify: (outcomes, view) => {
      expect(outcomes[0]!.ok).toBe(true);
      // The review met either the recorded report (accepted) or no report yet (refused): never half of each.
      expect(unitOf(view, 'a').status).toBe(outcomes[1]!.ok ? 'accepted' : 'reported');
      if (!outcomes[1]!.ok) expect(refusals(outcomes)).toEqual(['not-reported']);
    },
  },
];

describe('Updates that land together', () => {
  let env: TestWorkflowEnvironment;
  let mail: MailSink;
  let bundle: WorkflowBundle;
  beforeAll(async () => {
    [env, mail, bundle] = await Promise.all([startDevServerEnv(), startMailSink(), bundleWorkflows()]);
  });
  afterAll(async () => {
    await env?.teardown();
    await mail?.close();
  });

  /** Runs `work` with a fresh worker (an empty workflow cache, as after a restart). */
  async function withWorker<T>(work: () => Promise<T>): Promise<T> {
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue });
    return worker.runUntil(work);
  }

  /** Sends an Update and returns once the server has admitted it, before any worker has seen it. */
  const admit = (handle: WorkflowHandle, [definition, arg]: [UpdateDefinition<ObligationView, [unknown]>, unknown]) =>
    admitUpdate(env.client, env.namespace ?? 'default', handle.workflowId, definition.name, arg);

  async function outcomeOf(handle: WorkflowHandle, updateId: string): Promise<Outcome> {
    try {
      await handle.getUpdateHandle(updateId).result();
      return { ok: true };
    } catch (err) {
      const cause = (err as { cause?: { type?: string; message?: string } }).cause;
      return { ok: false, code: cause?.type ?? String(err), message: cause?.message ?? '' };
    }
  }

  it(`applies exactly one of two conflicting Updates, ${REPETITIONS} times for each pair, and every history replays`, { timeout: 400_000 }, async () => {
    const runs = pairs.flatMap((pair) =>
      Array.from({ length: REPETITIONS }, (_, i) => {
        const input: ObligationInput = {
          obligationId: `plan/2026-race/task/${pair.name.replace(/\W+/g, '-')}-${i}`,
          kind: 'planTask',
          planId: '2026-race',
          taskId: `${i}`,
          title: '公开年度政务公开工作要点落实情况',
          rule: { kind: 'fixedDate', year: 2026, month: 12, day: 31 },
          anchorDate: '2026-01-05',
          planYear: 2026,
          units: [testUnit('a'), testUnit('b'), testUnit('c')],
        };
        return { pair, input, handle: env.client.workflow.getHandle(input.obligationId) as WorkflowHandle };
      }),
    );

    // The workflows start and reach their first wait; then no worker polls while the pairs are sent.
    await withWorker(async () => {
      for (const run of runs) {
        await env.client.workflow.start(obligation, { taskQueue, workflowId: run.input.obligationId, args: [run.input] });
        if (run.pair.prepare) await run.pair.prepare(run.handle);
      }
      await Promise.all(runs.map((run) => eventually(`${run.input.obligationId} to start`, () => run.handle.query(obligationQuery), (v) => v.units.length === 3)));
    });
    const admitted = await Promise.all(runs.map(async (run) => Promise.all([admit(run.handle, run.pair.first), admit(run.handle, run.pair.second)])));
    // Every Update waits on the server; none has reached a worker.

    // One worker takes both Updates of each workflow in its first task.
    const outcomes = await withWorker(() =>
      Promise.all(runs.map(async (run, i) => Promise.all([outcomeOf(run.handle, admitted[i]![0].updateId), outcomeOf(run.handle, admitted[i]![1].updateId)]) as Promise<[Outcome, Outcome]>)),
    );

    // A fresh worker replays every history to answer: each still answers, and each refusal was in Chinese.
    await withWorker(async () => {
      for (const [i, run] of runs.entries()) {
        const view = await run.handle.query(obligationQuery);
        run.pair.verify(outcomes[i]!, view);
        for (const o of outcomes[i]!) if (!o.ok) expect(o.message).toMatch(/[\u4e00-\u9fff]/);
      }
    });

    const histories = await Promise.all(runs.map(async (run) => ({ workflowId: run.input.obligationId, history: await run.handle.fetchHistory() })));
    // The case under test: both Updates accepted in one workflow task (where both passed validation).
    for (const [i, { history }] of histories.entries()) {
      const accepted = new Set(admitted[i]!.map((a) => a.updateId));
      const tasks = taskOfAcceptance(history, accepted);
      if (tasks.length === 2) expect(tasks[0], `${runs[i]!.input.obligationId} took its Updates in two tasks`).toBe(tasks[1]);
    }
    expect(histories.filter(({ history }, i) => taskOfAcceptance(history, new Set(admitted[i]!.map((a) => a.updateId))).length === 2).length).toBeGreaterThanOrEqual(4 * REPETITIONS);

    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    for (const pair of pairs) {
      const first = runs.findIndex((run) => run.pair === pair);
      saveHistory(`concurrent-updates.${pair.name.replace(/\W+/g, '-').replace(/^-|-$/g, '')}.board-read-model`, histories[first]!.history);
    }

    // After a restart, unit c of every task reports and is returned: both Updates apply and the notice is mailed.
    mail.clear();
    await withWorker(async () => {
      for (const run of runs) {
        await run.handle.executeUpdate(reportUpdate, { args: [report('c')] });
        const view = await run.handle.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'c', decision: 'return', reason: '佐证材料不全' }] });
        expect(unitOf(view, 'c').status).toBe('pending');
      }
      await mail.waitFor(runs.length, 60_000);
    });
    const keys = mail.received.map((m) => String(m.parsed.headers.get('x-duban-key')));
    expect(new Set(keys).size).toBe(runs.length);
    expect(keys.every((k) => /#0#c#returned#1$/.test(k))).toBe(true);
  });
});
