/**
 * One set of due days: what `plan preview` shows is what the started
 * obligation keeps. The preview side is scheduleRule (what previewText
 * prints); the running side is the obligation `plan start` builds, handed to
 * the workflow's calendar activity with the same calendar.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendarActivities } from '../../activities/calendar';
import { readUnitsFile } from '../../client/plan-files';
import { previewText } from '../../client/commands/plan';
import { projectRoot } from '../../config/env';
import { obligationIds, planObligations, type ObligationSpec } from '../../domain/obligations';
import type { Plan } from '../../domain/plan/model';
import { scheduleRule } from '../../domain/plan/schedule';
import { validatePlan } from '../../domain/plan/validate';
import type { Rule } from '../../domain/rules';
import { openStore } from '../../store';
import { useTempDirs } from '../domain/calendar/fixture';
import { describeSeeds, readSeed } from '../domain/plan/seeds';

const tempDir = useTempDirs('duban-due-days-');
const store = openStore({ dataDir: tempDir() });
const running = createCalendarActivities({ store });
const units = readUnitsFile(path.join(projectRoot, 'examples/units.yaml'));

function onePlan(year: number, issued: string, deadline: Rule): Plan {
  const task = { id: '1', section: [], content: '任务', leadUnits: [], responsibleUnits: ['市发展和改革局'], cooperatingUnits: [], deadline, duties: [] };
  const duty = { duty: 'breakdownSubmission' as const, rule: { kind: 'calendarDays' as const, days: 30, from: 'planIssued' as const }, units: 'allNamed' as const, text: '发布后30日内报送' };
  return { id: 'p', title: '要点', issued, year, tasks: [task], duties: [duty] };
}

/** The started obligations' first due days, through the workflow's activity. */
async function firstDues(plan: Plan): Promise<string[]> {
  const validation = validatePlan(plan, units, { file: 'plan.yaml' });
  expect(validation.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const first = async (o: ObligationSpec) => (await running.resolveDeadlines({ rule: o.rule, anchorDate: o.anchorDate, planYear: o.planYear }))[0]!.date;
  return Promise.all(planObligations(plan, validation).map(first));
}

describe('preview and the running obligation give the same first due day', () => {
  const calendar = () => store.calendar.current();

  // Every rule kind the five real documents use, each with its document's issue date.
  it.each<[string, number, string, Rule, string]>([
    ['quarterly (seed 000)', 2024, '2024-06-05', { kind: 'quarterly' }, '2024-06-30'],
    ['12月底前 (seed 000)', 2024, '2024-06-05', { kind: 'monthEnd', month: 12 }, '2024-12-31'],
    ['6月底前 (seed 004)', 2024, '2024-06-24', { kind: 'monthEnd', month: 6 }, '2024-06-30'],
    ['2021年底前 (seed 001)', 2021, '2021-06-23', { kind: 'monthEnd', month: 12, year: 2021 }, '2021-12-31'],
    ['3月31日前 (seed 002)', 2023, '2023-06-30', { kind: 'fixedYearly', month: 3, day: 31 }, '2024-03-31'],
    ['每年至少5次 (seed 002)', 2023, '2023-06-30', { kind: 'atLeastTimes', times: 5 }, '2023-12-31'],
    ['2030年1月15日前', 2024, '2024-06-05', { kind: 'fixedDate', year: 2030, month: 1, day: 15 }, '2030-01-15'],
    ['a task due on its issue day', 2024, '2024-06-30', { kind: 'quarterly' }, '2024-06-30'],
  ])('%s', async (_name, year, issued, rule, due) => {
    const plan = onePlan(year, issued, rule);
    const preview = scheduleRule(await calendar(), plan, rule).due?.date;
    const breakdown = scheduleRule(await calendar(), plan, plan.duties[0]!.rule).due?.date;
    expect([preview, breakdown]).toEqual(await firstDues(plan));
    expect(preview).toBe(due);
  });

  // Preview prints no day for these; the obligation keeps only the year-end review.
  it.each<[string, Rule, string]>([
    ['长期坚持', { kind: 'openEnded' }, '年底前复核'],
    ['出台后10个工作日内 (seed 002)', { kind: 'workingDays', days: 10, from: 'policyIssued' }, '事件触发'],
    ['意见征集结束后7日内 (seed 002)', { kind: 'calendarDays', days: 7, from: 'commentClosed' }, '事件触发'],
  ])('%s: the year-end review, never a day counted from the plan\'s issue', async (_name, rule, note) => {
    const plan = onePlan(2023, '2023-06-30', rule);
    expect(scheduleRule(await calendar(), plan, rule)).toEqual({ due: null, note });
    expect(await firstDues(plan)).toEqual(['2023-12-31', '2023-07-31']);
  });

  it('a quarterly task issued 2024-06-05 owes the quarters from June on, not March', async () => {
    const dues = await running.resolveDeadlines({ rule: { kind: 'quarterly' }, anchorDate: '2024-06-05', planYear: 2024 });
    expect(dues.map((d) => d.date)).toEqual(['2024-06-30', '2024-09-30', '2024-12-31']);
  });

  it('an obligation with nothing owed fails plainly instead of waiting', async () => {
    await expect(running.resolveDeadlines({ rule: { kind: 'fixedDate', year: 2024, month: 6, day: 1 }, anchorDate: '2024-06-05', planYear: 2024 })).rejects.toThrow(
      'Nothing is owed on or after 2024-06-05',
    );
  });
});

describeSeeds('seed 000 (issued 2024-06-05), its quarterly task （四）2', () => {
  it('plan preview and the started obligation both name 2024-06-30', async () => {
    const { plan } = readSeed('000');
    const validation = validatePlan(plan, units, { file: 'seed 000' });
    const calendar = await store.calendar.current();
    const row = previewText(plan, validation, calendar).split('\n').find((line) => line.startsWith('（四）2 '));
    expect(row).toMatch(/^（四）2 .* 2024-06-30 /);
    const task = planObligations(plan, validation).find((o) => o.obligationId === obligationIds.task(plan.id, '4.2'))!;
    expect(task.rule).toEqual({ kind: 'quarterly' });
    const dues = await running.resolveDeadlines({ rule: task.rule, anchorDate: task.anchorDate, planYear: task.planYear });
    expect(dues.map((d) => d.date)).toEqual(['2024-06-30', '2024-09-30', '2024-12-31']);
  });
});
