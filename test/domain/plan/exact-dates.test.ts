/**
 * A year written in a deadline is kept: "2030年1月15日前" is 2030-01-15, and a
 * day before the plan's issue is an error at its file, row and field, never
 * next year's date.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendar, packageYears } from '../../../domain/calendar';
import { parseDeadlineCell } from '../../../domain/plan/deadline-phrases';
import { formatIssue } from '../../../domain/plan/issues';
import { readCanonical } from '../../../domain/plan/read-canonical';
import { readCsv } from '../../../domain/plan/read-table';
import { scheduleRule } from '../../../domain/plan/schedule';
import { readDirectoryYaml } from '../../../domain/plan/units';
import { validatePlan } from '../../../domain/plan/validate';
import { repoRoot } from './seeds';

const calendar = createCalendar(packageYears());
const units = readDirectoryYaml(readFileSync(path.join(repoRoot, 'examples/units.yaml'), 'utf8'), 'units.yaml');
const HEADER = '序号,工作任务,牵头单位,责任单位,配合单位,具体要求,完成时限';

/** A one-task CSV plan of 2024 issued 2024-06-05, its 完成时限 cell as given. */
function csvPlan(deadline: string) {
  const read = readCsv([HEADER, `1,（一）政策公开,市发展和改革局,,,规范发布政策文件,${deadline}`].join('\n'), { file: 'tasks.csv', year: 2024, issued: '2024-06-05' });
  const validation = validatePlan(read.plan, units, { file: 'tasks.csv' });
  return { plan: read.plan, warnings: read.warnings, validation, lines: validation.issues.map(formatIssue) };
}

describe('deadlines with a year written', () => {
  it.each([
    ['2030年1月15日前', { kind: 'fixedDate', year: 2030, month: 1, day: 15 }],
    ['2024年6月1日前', { kind: 'fixedDate', year: 2024, month: 6, day: 1 }],
    ['2023年12月31日前', { kind: 'fixedDate', year: 2023, month: 12, day: 31 }],
    ['2024.6.15', { kind: 'fixedDate', year: 2024, month: 6, day: 15 }],
    ['2025-03-15', { kind: 'fixedDate', year: 2025, month: 3, day: 15 }],
    ['2024年9月15日', { kind: 'fixedDate', year: 2024, month: 9, day: 15 }],
    ['2024年9月30日', { kind: 'monthEnd', year: 2024, month: 9 }],
  ])('"%s" keeps its year', (cell, rule) => {
    expect(parseDeadlineCell(cell)).toEqual({ rule, text: cell, problems: [] });
  });

  it('refuses a day its year does not have, and a year the rules cannot carry', () => {
    expect(parseDeadlineCell('2025年2月29日前').problems).toEqual([{ code: 'deadline.invalidDate', message: '完成时限“2025年2月29日前”中的日期 2025年2月29日 不存在' }]);
    expect(parseDeadlineCell('1024年3月1日前').problems).toEqual([{ code: 'deadline.invalidDate', message: '完成时限“1024年3月1日前”中的年份 1024 超出 2000–2100' }]);
  });

  it('"2030年1月15日前" in a plan issued 2024-06-05 is due 2030-01-15, with a warning that it is another year', () => {
    const { plan, validation } = csvPlan('2030年1月15日前');
    expect(scheduleRule(calendar, plan, plan.tasks[0]!.deadline).due).toMatchObject({ date: '2030-01-15', label: '2030年1月15日前', provisional: true });
    expect(validation.issues.map((i) => [i.code, i.severity])).toEqual([['deadline.otherYear', 'warning']]);
    expect(validation.ok).toBe(true);
  });

  it('"2024年6月1日前" in a plan issued 2024-06-05 is an error at its file, row and field, not 2025-06-01', () => {
    const { plan, validation, lines } = csvPlan('2024年6月1日前');
    expect(lines).toEqual(['错误 tasks.csv 表格第2行 [tasks[0].deadline]：任务 1：完成时限 2024-06-01 早于印发日期 2024-06-05（deadline.beforeIssue）']);
    expect(validation.ok).toBe(false);
    expect(scheduleRule(calendar, plan, plan.tasks[0]!.deadline)).toMatchObject({ due: { date: '2024-06-01' }, note: '早于印发日期' });
    expect(scheduleRule(calendar, plan, plan.tasks[0]!.deadline).firstReminder).toBeUndefined();
  });

  it('"2023年12月31日前" in a 2024 plan is an error, not 2024-12-31', () => {
    const { validation } = csvPlan('2023年12月31日前');
    expect(validation.issues.map((i) => [i.code, i.severity, i.place, i.message])).toEqual([
      ['deadline.otherYear', 'warning', { file: 'tasks.csv', row: 2, field: 'tasks[0].deadline' }, '任务 1：完成时限在 2023 年，计划年度是 2024 年'],
      ['deadline.beforeIssue', 'error', { file: 'tasks.csv', row: 2, field: 'tasks[0].deadline' }, '任务 1：完成时限 2023-12-31 早于印发日期 2024-06-05'],
    ]);
  });

  it('a dated spreadsheet cell (2024-09-15, as a date cell reads) is that day of that year', () => {
    const { plan, validation } = csvPlan('2024-09-15');
    expect(plan.tasks[0]!.deadline).toEqual({ kind: 'fixedDate', year: 2024, month: 9, day: 15 });
    expect(scheduleRule(calendar, plan, plan.tasks[0]!.deadline).due?.date).toBe('2024-09-15');
    expect(validation.issues).toEqual([]);
    expect(csvPlan('2024-06-04').lines).toEqual(['错误 tasks.csv 表格第2行 [tasks[0].deadline]：任务 1：完成时限 2024-06-04 早于印发日期 2024-06-05（deadline.beforeIssue）']);
  });

  it('a yearly date already past at the issue moves to next year only with a warning that says so', () => {
    const { plan, validation } = csvPlan('3月31日前');
    expect(scheduleRule(calendar, plan, plan.tasks[0]!.deadline).due?.date).toBe('2025-03-31');
    expect(validation.issues.map((i) => [i.code, i.severity, i.message])).toEqual([
      ['deadline.nextYear', 'warning', '任务 1：“3月31日前”在 2024-06-05 时已过，按次年 2025-03-31 计；如指当年，请写明年份'],
    ]);
  });

  it('in the canonical YAML the error names the line', () => {
    const yaml = ['id: p2024', 'title: 2024年要点', 'issued: "2024-06-05"', 'year: 2024', 'tasks:', '  - id: "1"', '    content: 任务', '    responsibleUnits: [市发展和改革局]', '    deadline: { kind: fixedDate, year: 2024, month: 6, day: 1 }', ''].join('\n');
    const read = readCanonical(yaml, { file: 'plan.yaml' });
    const v = validatePlan(read.plan, units, { file: 'plan.yaml', locate: read.locate });
    expect(v.issues.map(formatIssue)).toEqual(['错误 plan.yaml 第9行 [tasks[0].deadline]：任务 1：完成时限 2024-06-01 早于印发日期 2024-06-05（deadline.beforeIssue）']);
  });

  it('a quarterly task of a plan issued after its year is refused: no quarter is owed', () => {
    const plan = { ...csvPlan('按季度').plan, issued: '2025-01-10' };
    expect(validatePlan(plan, units, { file: 'tasks.csv' }).issues.map((i) => [i.code, i.message])).toEqual([['deadline.beforeIssue', '任务 1：完成时限 2024-12-31 早于印发日期 2025-01-10']]);
  });
});
