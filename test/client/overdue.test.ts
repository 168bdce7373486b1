/**
 * On the dev server (visibility queries): a plan started through the CLI,
 * some of whose deadlines have passed, and `duban overdue` lists exactly
 * those, worst first; the Temporal CLI's own query agrees.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadEnv, projectRoot, temporalBinaries } from '../../config/env';
import { createCalendar, packageYears, shanghaiDate, shiftDays } from '../../domain/calendar';
import { reportUpdate } from '../../contracts/messages';
import { runDuban } from '../helpers/cli';
import { eventually } from '../helpers/eventually';
import type { TestWorker } from '../helpers/worker';
import { devServerWorld } from '../helpers/world';

describe('duban overdue against a running plan', () => {
  const world = devServerWorld('overdue');
  let env: TestWorkflowEnvironment;
  let testWorker: TestWorker;

  beforeAll(() => {
    ({ env, testWorker } = world);
  });

  it('lists exactly the units past their deadline, worst first', async () => {
    // Dates relative to today, so the test means the same whenever it runs.
    const today = shanghaiDate(Date.now());
    const issued = shiftDays(today, -60);
    const plan = {
      id: `overdue-${Date.now().toString(36)}`,
      title: '逾期查询测试计划',
      issued,
      year: Number(issued.slice(0, 4)),
      duties: [],
      tasks: [
        { id: 'a', content: '早已逾期的任务', responsibleUnits: ['市发展和改革局', '市商务局'], deadline: { kind: 'calendarDays', days: 10, from: 'planIssued' } },
        { id: 'b', content: '近期逾期的任务', responsibleUnits: ['市商务局'], deadline: { kind: 'calendarDays', days: 40, from: 'planIssued' } },
        { id: 'c', content: '尚未到期的任务', responsibleUnits: ['市发展和改革局'], deadline: { kind: 'calendarDays', days: 400, from: 'planIssued' } },
      ],
    };
    const planFile = path.join(testWorker.dataDir, 'plan.yaml');
    writeFileSync(planFile, stringify(plan));
    const cliEnv = { TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: 'overdue', DUBAN_DATA_DIR: testWorker.dataDir };

    const started = await runDuban(['plan', 'start', planFile, '--units', path.join(projectRoot, 'examples/units.yaml'), '--json'], cliEnv);
    expect(started.stderr).toBe('');
    expect(JSON.parse(started.stdout)).toEqual({ planId: plan.id, started: 3, alreadyRunning: 0 });
    const again = await runDuban(['plan', 'start', planFile, '--units', path.join(projectRoot, 'examples/units.yaml'), '--json'], cliEnv);
    expect(JSON.parse(again.stdout)).toEqual({ planId: plan.id, started: 0, alreadyRunning: 3 });

    // Visibility is eventually consistent: wait until both overdue tasks show.
    const query = `DubanPlan = '${plan.id}' AND DubanOverdueUnits IS NOT NULL AND ExecutionStatus = 'Running'`;
    await eventually('both overdue tasks to show in visibility', async () => (await env.client.workflow.count(query)).count, (n) => n >= 2);

    const listed = await runDuban(['overdue', '--plan', plan.id, '--format', 'json'], cliEnv);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    const calendar = createCalendar(packageYears());
    const dueA = calendar.addCalendarDays(issued, 10).date;
    const dueB = calendar.addCalendarDays(issued, 40).date;
    const days = (due: string) => calendar.workingDaysBetween(due, today).count;
    expect(rows.map((r) => [r.workflowId, r.taskId, r.unit, r.rule, r.due, r.workingDaysOverdue])).toEqual([
      [`plan/${plan.id}/task/a`, 'a', '市发展和改革局', 'calendarDays', dueA, days(dueA)],
      [`plan/${plan.id}/task/a`, 'a', '市商务局', 'calendarDays', dueA, days(dueA)],
      [`plan/${plan.id}/task/b`, 'b', '市商务局', 'calendarDays', dueB, days(dueB)],
    ]);
    expect(days(dueA)).toBeGreaterThan(days(dueB));

    const byUnit = await runDuban(['overdue', '--plan', plan.id, '--unit', 'fgj', '--format', 'json'], cliEnv);
    expect((JSON.parse(byUnit.stdout) as unknown[]).length).toBe(1);

    // A late report takes the unit off the list at once, not at its next reminder.
    await env.client.workflow
      .getHandle(`plan/${plan.id}/task/a`)
      .executeUpdate(reportUpdate, { args: [{ actor: { role: 'unit', unitId: 'swj' }, unitId: 'swj', evidence: ['https://gov.example/swj/a'] }] });
    const stillOverdue = `DubanPlan = '${plan.id}' AND DubanOverdueUnits = 'swj' AND WorkflowId = 'plan/${plan.id}/task/a'`;
    await eventually('swj to leave task a\'s overdue units in visibility', async () => (await env.client.workflow.count(stillOverdue)).count, (n) => n === 0);
    const afterReport = JSON.parse((await runDuban(['overdue', '--plan', plan.id, '--format', 'json'], cliEnv)).stdout) as Array<Record<string, unknown>>;
    expect(afterReport.map((r) => [r.taskId, r.unit])).toEqual([
      ['a', '市发展和改革局'],
      ['b', '市商务局'],
    ]);

    // The Temporal CLI, asked the same question with the same search attributes, names the same workflows.
    const cli = spawnSync(temporalBinaries(loadEnv()).cli, ['workflow', 'list', '--address', env.address, '--query', query, '--output', 'json'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const ids = (JSON.parse(cli.stdout) as Array<{ execution: { workflowId: string } }>).map((e) => e.execution.workflowId).sort();
    expect(ids).toEqual([...new Set(rows.map((r) => r.workflowId as string))].sort());
  });
});
