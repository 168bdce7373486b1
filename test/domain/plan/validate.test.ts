/**
 * A hand-edited plan with everything wrong at once: validation lists every
 * problem with its line and field, never stopping at the first.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../domain/plan/issues';
import { readCanonical } from '../../../domain/plan/read-canonical';
import { readText } from '../../../domain/plan/read-text';
import { readDirectoryYaml } from '../../../domain/plan/units';
import { validatePlan } from '../../../domain/plan/validate';
import { repoRoot } from './seeds';
import { readError } from './read-error';

const units = readDirectoryYaml(readFileSync(path.join(repoRoot, 'examples/units.yaml'), 'utf8'), 'units.yaml');

const broken = `id: 2024-broken
title: 2024年测试要点
issued: "2024-06-05"
year: 2024
tasks:
  - id: "1"
    content: 任务一
    responsibleUnits: [市发展改革局]
    deadline: 12月底前
  - id: "1"
    content: 任务二
    responsibleUnits: [市司法局]
    deadline: { kind: monthEnd, month: 3 }
  - id: "3"
    content: 任务三
    responsibleUnits: "市财政局、=HYPERLINK(\\"http://x.test\\")"
    deadline: 13月底前
  - id: "4"
    content: 任务四
    deadline: { kind: fixedYearly, month: 2, day: 30 }
`;

describe('validating a canonical plan', () => {
  it('reports every problem at once, each at its line and field', () => {
    const read = readCanonical(broken, { file: 'plan.yaml' });
    const v = validatePlan(read.plan, units, { file: 'plan.yaml', locate: read.locate });
    const all = [...read.warnings, ...v.issues];
    expect(all.map((i) => [i.code, i.severity, i.place.line, i.place.field])).toEqual([
      ['deadline.invalidMonth', 'error', 17, 'tasks[2].deadline'],
      ['unit.unknown', 'error', 8, 'tasks[0].responsibleUnits[0]'],
      ['task.duplicateId', 'error', 10, 'tasks[1].id'],
      ['deadline.beforeIssue', 'error', 13, 'tasks[1].deadline'],
      ['deadline.missing', 'error', 17, 'tasks[2].deadline'],
      ['unit.unknown', 'error', 16, 'tasks[2].responsibleUnits[1]'],
      ['deadline.invalidDate', 'error', 20, 'tasks[3].deadline'],
      ['units.missing', 'error', 18, 'tasks[3].responsibleUnits'],
    ]);
    expect(v.ok).toBe(false);
    expect(formatIssue(v.issues[0]!)).toBe(
      '错误 plan.yaml 第8行 [tasks[0].responsibleUnits[0]]：任务 1：单位“市发展改革局”不在单位名录中；最接近的名录名称：市发展和改革局（unit.unknown）',
    );
    expect(v.issues.find((i) => i.code === 'deadline.beforeIssue')!.message).toBe('任务 1：完成时限 2024-03-31 早于印发日期 2024-06-05');
    expect(v.issues.filter((i) => i.code === 'unit.unknown')[1]!.message).toMatch(/^任务 3：单位“=HYPERLINK\("http:\/\/x.test"\)”（像公式，不会计算）不在单位名录中/);
  });

  it('passes the example plan', () => {
    const read = readCanonical(readFileSync(path.join(repoRoot, 'examples/plan.yaml'), 'utf8'), { file: 'plan.yaml' });
    const v = validatePlan(read.plan, units, { file: 'plan.yaml', locate: read.locate });
    expect([v.ok, v.issues]).toEqual([true, []]);
    expect(read.plan.tasks.map((t) => t.deadline?.kind)).toEqual(['monthEnd', 'quarterly', 'monthEnd', 'monthEnd', 'workingDays']);
  });

  it('reports schema problems in Chinese at their line', () => {
    const err = readError(() => readCanonical('title: 要点\nyear: 二〇二四\ntasks:\n  - id: a b\n    content: x\n', { file: 'p.yaml' }));
    expect(err.issues.map((i) => [i.code, i.place.line, i.place.field])).toEqual([
      ['plan.schema', 1, 'id'],
      ['plan.schema', 2, 'year'],
      ['plan.schema', 4, 'tasks[0].id'],
    ]);
    expect(err.issues[2]!.message).toBe('只能包含字母、数字、点、短横线和下划线，且以字母或数字开头');
  });

  it('reports YAML syntax errors, an empty file and a list that is not a plan', () => {
    expect(readError(() => readCanonical('title: [unclosed\n', { file: 'p.yaml' })).issues[0]).toMatchObject({ code: 'yaml.syntax', place: { file: 'p.yaml' } });
    expect(readError(() => readCanonical('  \n', { file: 'p.yaml' })).issues[0]!.code).toBe('file.empty');
    expect(readError(() => readCanonical('- 1\n- 2\n', { file: 'p.yaml' })).issues[0]!.code).toBe('plan.notAPlan');
    expect(readError(() => readCanonical('a: 1\na: 2\n', { file: 'p.yaml' })).issues[0]!.code).toBe('yaml.syntax');
  });

  it('says what is wrong with the YAML in Chinese, on its line, with none of the library\'s English', () => {
    const message = (yaml: string) => readError(() => readCanonical(yaml, { file: 'p.yaml' })).issues.map((i) => [i.place.line, i.message]);
    expect(message('a: 1\na: 2\n')).toEqual([[2, 'YAML 格式错误：同一层中有重复的字段名']]);
    expect(message('title: [unclosed\n')).toEqual([[2, 'YAML 格式错误：缩进或括号不对：同一层的各项须用相同个数的空格缩进，[ ]、{ } 须成对']]);
    expect(message('tasks:\n\t- id: 1\n')).toEqual([[2, 'YAML 格式错误：用了制表符（Tab）缩进：请改用空格']]);
    for (const broken of ['title: 要点\n  year: 2024\n', 'tasks:\n\t- id: 1\n', 'title: "a\\q"\n', 'a: b: c\n']) {
      for (const [, text] of message(broken)) expect(String(text).replace('YAML', '')).not.toMatch(/[A-Za-z]{4,}/);
    }
  });

  it('needs the issue date for a duty counted from it', () => {
    const yaml = `title: 要点\nyear: 2024\nduties:\n  - { duty: breakdownSubmission, rule: { kind: calendarDays, days: 30, from: planIssued }, text: 30日内 }\ntasks:\n  - { id: "1", content: x, responsibleUnits: [市司法局], deadline: 12月底前 }\n`;
    const read = readCanonical(yaml, { file: 'p.yaml' });
    expect(validatePlan(read.plan, units, { file: 'p.yaml', locate: read.locate }).issues.map((i) => [i.code, i.place.line])).toEqual([['plan.issuedMissing', 4]]);
  });
});

describe('hostile text', () => {
  it('refuses an empty or binary document', () => {
    expect(readError(() => readText(' \n\n', { file: 'a.txt' })).issues[0]).toEqual({ code: 'file.empty', severity: 'error', place: { file: 'a.txt' }, message: '文件是空的' });
    expect(readError(() => readText('PK\u0003\u0004\u0000\u0000abc', { file: 'b.txt' })).issues[0]!.code).toBe('file.binary');
  });

  it('renames a repeated item number and says so', () => {
    const text = '2024年某市政务公开工作要点\n2024年3月1日\n一、总则\n1. 做好甲项工作。（责任单位：市司法局）\n1. 做好乙项工作。（责任单位：市财政局）\n';
    const { plan, warnings } = readText(text, { file: 'dup.txt' });
    expect(plan.tasks.map((t) => t.id)).toEqual(['1', '1-2']);
    expect(warnings.filter((w) => w.code === 'task.duplicateNumber').map((w) => [w.place.line, w.message])).toEqual([[5, '任务编号“1”重复，第2个改记为“1-2”，请核对']]);
  });

  it('asks for the year and issue date when the text has none, and takes them from options', () => {
    const text = '一、总则\n1. 做好甲项工作，6月底前完成。（责任单位：市司法局）\n';
    expect(readError(() => readText(text, { file: 'n.txt' })).issues[0]!.code).toBe('plan.yearMissing');
    const { plan, warnings } = readText(text, { file: 'n.txt', year: 2025, issued: '2025-02-03' });
    expect([plan.year, plan.issued, plan.tasks[0]!.deadline]).toEqual([2025, '2025-02-03', { kind: 'monthEnd', month: 6 }]);
    expect(warnings.map((w) => w.code)).toEqual(['plan.titleMissing']);
    expect(readError(() => readText(text, { file: 'n.txt', year: 2025, issued: '2025-02-30' })).issues[0]!.code).toBe('plan.issuedInvalid');
  });
});
