/**
 * Inputs no office writes but a reader must survive: a YAML that unfolds
 * into gigabytes through one anchor, plans past the limits, nonsense
 * periods. Each is refused, or flagged as an error, at its place, in Chinese,
 * before anything could start.
 */
import { describe, expect, it } from 'vitest';
import { parseDeadlineCell, findDeadlineInText, findDuties } from '../../../domain/plan/deadline-phrases';
import { expandedChars, MAX_FIELD_CHARS, MAX_TASKS } from '../../../domain/plan/limits';
import { readCanonical } from '../../../domain/plan/read-canonical';
import { readCsv } from '../../../domain/plan/read-table';
import { readText } from '../../../domain/plan/read-text';
import { readDirectoryYaml } from '../../../domain/plan/units';
import { readError } from './read-error';

const task = (i: number, content = '做好政务公开工作') => `  - id: "${i}"\n    content: ${content}\n    responsibleUnits: [市司法局]\n    deadline: 12月底前\n`;

describe('YAML aliases', () => {
  it('refuses a 6 MB plan whose one anchor is used 99 times, at the first alias, before it unfolds', () => {
    let text = `id: 2024-a\ntitle: 示例\nyear: 2024\nblob: &a "${'做'.repeat(2_000_000)}"\ntasks:\n`;
    for (let i = 1; i <= 99; i++) text += task(i, '*a');
    const start = performance.now();
    const err = readError(() => readCanonical(text, { file: 'anchor.yaml' }));
    expect(performance.now() - start).toBeLessThan(5000);
    expect(err.issues).toEqual([
      {
        code: 'yaml.aliasExpansion',
        severity: 'error',
        place: { file: 'anchor.yaml', line: 7 },
        message: 'YAML 的锚点和别名（&、*）展开后超过 20 MB（上限）：计划和单位名录用不到别名，请把内容直接写出',
      },
    ]);
  });

  it('refuses the billion-laughs shape (aliases of aliases) in a unit directory', () => {
    const rows = ['a: &a ["哈哈哈哈哈哈哈哈哈"]'];
    for (let i = 1; i <= 9; i++) {
      const prev = String.fromCharCode(96 + i);
      rows.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const err = readError(() => readDirectoryYaml(`${rows.join('\n')}\nunits: []\n`, 'units.yaml'));
    expect(err.issues.map((i) => [i.code, i.place.line])).toEqual([['yaml.aliasExpansion', 2]]);
    expect(err.issues[0]!.message).toMatch(/^YAML 的锚点和别名（&、\*）(展开次数过多|展开后超过 20 MB（上限）)：/);
  });

  it('keeps a plan that uses an alias sensibly', () => {
    const text = `id: 2024-a\ntitle: 示例\nyear: 2024\ntasks:\n  - id: "1"\n    content: 公开预算\n    responsibleUnits: &u [市财政局, 市司法局]\n    deadline: 6月底前\n  - id: "2"\n    content: 公开决算\n    responsibleUnits: *u\n    deadline: 8月31日前\n`;
    const { plan } = readCanonical(text, { file: 'p.yaml' });
    expect(plan.tasks.map((t) => t.responsibleUnits)).toEqual([
      ['市财政局', '市司法局'],
      ['市财政局', '市司法局'],
    ]);
  });

  it('counts shared parts each time they are used, and stops at the budget', () => {
    expect(expandedChars({ a: 'xx', b: ['xx', 'xx'] }, 100)).toBe(13);
    const shared = ['x'.repeat(1000)];
    const wide = Array(1000).fill(shared);
    expect(expandedChars(Array(1000).fill(wide), 10_000)).toBeGreaterThan(10_000);
    const cycle: unknown[] = [];
    cycle.push(cycle, cycle);
    expect(expandedChars(cycle, 1000)).toBeGreaterThan(1000);
  });
});

describe('limits a plan cannot reach', () => {
  it(`refuses a JSON plan of 100,000 tasks before parsing it as YAML (limit ${MAX_TASKS})`, () => {
    const tasks = Array.from({ length: 100_000 }, (_, i) => ({ id: String(i), content: `做好政务公开工作${i}`, responsibleUnits: ['市司法局'], deadline: '12月底前' }));
    const text = JSON.stringify({ id: '2024-b', title: '示例', year: 2024, tasks });
    const start = performance.now();
    const err = readError(() => readCanonical(text, { file: 'big.json' }));
    expect(performance.now() - start).toBeLessThan(5000);
    expect(err.issues).toEqual([
      {
        code: 'plan.tooManyTasks',
        severity: 'error',
        place: { file: 'big.json', field: 'tasks' },
        message: '计划有 100000 项任务，超过上限 10000 项：一份工作要点或任务分解表不会有这么多，请确认选对了文件，或按单位、按年度拆分',
      },
    ]);
  });

  it('refuses a YAML plan of 10,001 tasks by its id keys, and takes 10,000', () => {
    const head = 'id: 2024-c\ntitle: 示例\nyear: 2024\ntasks:\n';
    const text = (n: number) => head + Array.from({ length: n }, (_, i) => `  - { id: "${i}", content: 公开, responsibleUnits: [市司法局], deadline: 12月底前 }\n`).join('');
    expect(readError(() => readCanonical(text(MAX_TASKS + 1), { file: 'p.yaml' })).issues[0]!.message).toMatch(/^计划有约 10001 项任务，超过上限 10000 项/);
    expect(readCanonical(text(MAX_TASKS), { file: 'p.yaml' }).plan.tasks).toHaveLength(MAX_TASKS);
  });

  it('refuses a table that yields more tasks than the limit', () => {
    const csv = `序号,工作任务,责任单位,完成时限\n${Array.from({ length: MAX_TASKS + 1 }, (_, i) => `${i + 1},做好公开,市司法局,12月底前`).join('\n')}\n`;
    expect(readError(() => readCsv(csv, { file: 'long.csv', year: 2024 })).issues.map((i) => [i.code, i.message.slice(0, 26)])).toEqual([
      ['plan.tooManyTasks', '计划有 10001 项任务，超过上限 10000 项'],
    ]);
  });

  it('flags an over-long task text as an error at its line and field', () => {
    const text = `id: 2024-d\ntitle: 示例\nyear: 2024\ntasks:\n${task(1)}${task(2, '长'.repeat(MAX_FIELD_CHARS + 1))}`;
    const { warnings } = readCanonical(text, { file: 'p.yaml' });
    expect(warnings).toEqual([
      {
        code: 'task.tooLong',
        severity: 'error',
        place: { file: 'p.yaml', line: 10, field: 'tasks[1].content' },
        message: '任务 2：工作任务有 10001 字，超过上限 10000 字，像是几项任务连在了一起：请核对原文后拆分',
      },
    ]);
  });
});

describe('periods that make no sense', () => {
  it.each([
    ['-1个工作日内', '“-1个工作日内”'],
    ['－3日内', '“－3日内”'],
    ['0个工作日内', '“0个工作日内”'],
    ['1.5个工作日内', '“1.5个工作日内”'],
    ['99999天内', '“99999天内”'],
  ])('a 完成时限 cell "%s" is refused by name, never read as another period', (cell, quoted) => {
    expect(parseDeadlineCell(cell)).toEqual({
      text: cell,
      problems: [{ code: 'deadline.invalidPeriod', message: `完成时限${quoted}不是有效的期限：天数应为 1–3660 的整数` }],
    });
  });

  it('keeps the periods that do make sense', () => {
    expect(parseDeadlineCell('10个工作日内').rule).toEqual({ kind: 'workingDays', days: 10, from: 'policyIssued' });
    expect(parseDeadlineCell('十日内').rule).toEqual({ kind: 'calendarDays', days: 10, from: 'policyIssued' });
    expect(parseDeadlineCell('2024-06-15').rule).toEqual({ kind: 'fixedDate', year: 2024, month: 6, day: 15 });
  });

  it('in running text: an error on the task, no statutory duty read from the minus sign', () => {
    const text = '收到申请后-1个工作日内答复申请人';
    expect(findDeadlineInText(text).problems.map((p) => p.code)).toEqual(['deadline.invalidPeriod']);
    expect(findDuties(text)).toEqual([]);
    const { plan, warnings } = readText('2024年政务公开工作要点\n一、总则\n1. 政策出台后-1个工作日内公开解读。（责任单位：市司法局）\n', { file: 'minus.txt', issued: '2024-03-01' });
    expect(plan.tasks[0]!.deadline).toBeUndefined();
    expect(warnings.filter((w) => w.severity === 'error')).toEqual([
      {
        code: 'deadline.invalidPeriod',
        severity: 'error',
        place: { file: 'minus.txt', line: 3, field: 'deadline' },
        message: '任务 1：完成时限“-1个工作日内”不是有效的期限：天数应为 1–3660 的整数',
      },
    ]);
  });

  it('in a canonical plan: an error at its line, the task left without a deadline', () => {
    const text = `id: 2024-e\ntitle: 示例\nyear: 2024\ntasks:\n  - id: "1"\n    content: 公开\n    responsibleUnits: [市司法局]\n    deadline: -1个工作日内\n`;
    const { plan, warnings } = readCanonical(text, { file: 'p.yaml' });
    expect(plan.tasks[0]).toMatchObject({ deadlineText: '-1个工作日内' });
    expect(plan.tasks[0]!.deadline).toBeUndefined();
    expect(warnings).toEqual([
      {
        code: 'deadline.invalidPeriod',
        severity: 'error',
        place: { file: 'p.yaml', line: 8, field: 'tasks[0].deadline' },
        message: '完成时限“-1个工作日内”不是有效的期限：天数应为 1–3660 的整数',
      },
    ]);
  });
});
