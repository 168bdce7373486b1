/** `duban plan …` as staff run it: the real CLI in a child process, exit codes and output checked. */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { itSeeds, seedPath } from '../domain/plan/seeds';
import { runDubanSync } from '../helpers/cli';
import { NANPING_PLAN, NANPING_UNITS, nanpingTaskUnits } from '../helpers/nanping';

const dir = mkdtempSync(path.join(tmpdir(), 'duban-plan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duban(...args: string[]) {
  return runDubanSync(['plan', ...args], { DUBAN_DATA_DIR: dir });
}

interface JsonTask {
  id: string;
  units: string[];
  due: string | null;
  provisional: boolean;
  duties: Array<{ duty: string }>;
}

// Each case spawns the CLI up to three times; a loaded CI machine needs more than the default minute.
describe('duban plan preview and validate', { timeout: 180_000 }, () => {
  it('read a document with the directory as evidence for unit names, as import does (an invented city, 南屏)', () => {
    const args = [NANPING_PLAN, '--units', NANPING_UNITS];
    // Task 4 names no unit at all: an error, so the exit code says the plan cannot start, and the JSON is printed all the same.
    const preview = duban('preview', ...args, '--json');
    expect(preview.code).toBe(1);
    const tasks = (JSON.parse(preview.stdout) as { tasks: JsonTask[] }).tasks;
    // Without the directory every task fell back to the notice's addressees (各区人民政府, 市政府各部门).
    expect(tasks.map((t) => [t.id, t.units])).toEqual(nanpingTaskUnits);
    const validated = duban('validate', ...args);
    expect(validated.code).toBe(1);
    expect(validated.stderr).toContain('错误 nanping-keyless.txt 第12行 [tasks[3].responsibleUnits]：任务 4：没有责任单位（units.missing）');
  });
});

describe('duban plan import', { timeout: 180_000 }, () => {
  itSeeds('prints seed 000 as JSON: ids, units as written, due dates, the 30-day duty', () => {
    const out = duban('import', seedPath('000'), '--json');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout) as { id: string; issued: string; year: number; duties: Array<{ duty: string; due: string }>; tasks: JsonTask[] };
    expect(json.tasks).toHaveLength(40);
    expect(json.tasks.slice(0, 2).map((t) => [t.id, t.units, t.due])).toEqual([
      ['1.1', ['市政府有关部门单位'], '2024-12-31'],
      ['1.2', ['市发展和改革委员会', '市商务和投资促进局'], '2024-12-31'],
    ]);
    // 按季度: the first quarter end after the plan's issue on 2024-06-05.
    expect(json.tasks.find((t) => t.id === '4.2')).toMatchObject({ units: ['市政府有关部门单位', '各镇街'], due: '2024-06-30', provisional: false });
    expect(json.duties).toEqual([expect.objectContaining({ duty: 'breakdownSubmission', due: '2024-07-05' })]);
    expect(out.stderr).toContain('警告 000_6d5aac6ac71a0413.txt 第25行 [deadline]：任务 （一）1：未写明完成时限，按年底（12月31日）前完成（deadline.defaulted）');
    expect(out.stderr).toContain('已读取 40 项任务：0 个错误、39 条警告\n');
  });

  itSeeds('gives null for event-driven deadlines and the next March 31 for a yearly one (seed 002)', () => {
    const json = JSON.parse(duban('import', seedPath('002'), '--json').stdout) as { tasks: JsonTask[] };
    const byId = (id: string) => json.tasks.find((t) => t.id === id)!;
    expect([byId('2.4').due, byId('7.3').due, byId('8.2').due, byId('9.3').due]).toEqual(['2024-03-31', null, null, '2023-12-31']);
    expect([byId('2.4'), byId('7.3'), byId('8.2')].map((t) => t.duties.map((d) => d.duty))).toEqual([['smeArrearsDisclosure'], ['commentPublication'], ['feedbackDisclosure']]);
  });

  itSeeds('writes canonical YAML that validates and previews (seed 004)', () => {
    const out = path.join(dir, 'plan-004.yaml');
    const imported = duban('import', seedPath('004'), '--units', 'examples/units.yaml', '-o', out);
    expect(imported).toMatchObject({ code: 0, stdout: '' });
    expect(imported.stderr.split('\n').slice(-2)).toEqual([`已读取 53 项任务，写入 ${out}：0 个错误、1 条警告`, '']);
    const plan = parse(readFileSync(out, 'utf8')) as { id: string; tasks: Array<{ id: string; leadUnits: string[]; cooperatingUnits: string[] }> };
    expect(plan.tasks.find((t) => t.id === '38')).toMatchObject({ leadUnits: ['市司法局'], cooperatingUnits: ['市政府各部门'] });

    const validated = duban('validate', out, '--units', 'examples/units.yaml');
    expect(validated).toEqual({ code: 0, stdout: '', stderr: '没有错误（0 条警告）：计划可以启动\n' });

    const preview = duban('preview', out, '--units', 'examples/units.yaml');
    expect(preview.code).toBe(0);
    const lines = preview.stdout.split('\n');
    expect(lines[0]).toBe('2024年邹城市政务公开工作要点任务分解表（2024-08bxa3n） 邹城市人民政府办公室 2024-06-24 印发');
    expect(lines[2]).toBe('任务       责任单位                       完成时限     暂定   首次提醒');
    expect(lines[3]).toBe('1          市发展和改革局、市商务局、市…  2024-12-31          2024-12-24 提前告知');
    expect(lines[55]).toBe('53         市政府办公室、各镇街、各部门   2024-06-30          2024-06-27 催办提醒');
    expect(lines.slice(-4)).toEqual([
      '合计：53 项任务；有完成日期 53 项；暂定日期 0 项；涉及单位 41 个',
      '计划级义务：形成本单位工作台账（breakdownSubmission）→ 2024-07-24，每个涉及单位各一项，共 41 项',
      '可以启动（0 条警告）',
      '',
    ]);
  });

  it('refuses a folder in one Chinese line, no stack', () => {
    expect(duban('import', dir)).toEqual({ code: 1, stdout: '', stderr: `错误：“${dir}”是文件夹：请给出计划文件（.txt .xlsx .csv .yaml .json）。\n` });
  });

  it('refuses an empty file and a 50 MB file with a message, exit code 1', () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(duban('import', empty)).toEqual({ code: 1, stdout: '', stderr: `错误 empty.txt：文件是空的（file.empty）\n错误：无法读取计划文件 ${empty}\n` });
    const huge = path.join(dir, 'huge.xlsx');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    const out = duban('import', huge);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('错误 huge.xlsx：文件有 50.0 MB，超过上限 20 MB：请确认选对了文件（file.tooLarge）');
  });

  it('reads unit names known only to the --units directory, and validates them against it', () => {
    const fixture = (name: string) => path.join('test', 'fixtures', 'plans', name);
    const out = duban('import', fixture('nanping-keyless.txt'), '--units', fixture('nanping-units.yaml'), '--json');
    const json = JSON.parse(out.stdout) as { tasks: JsonTask[] };
    expect(json.tasks.map((t) => [t.id, t.units])).toEqual([
      ['1', ['南屏海关']],
      ['2', ['市妇联', '团市委', '市残联']],
      ['3', ['团市委']],
      ['4', []],
      ['5', ['国网南屏供电公司', '南屏海关']],
    ]);
    // Only task 4, which names no unit, is left to fix.
    expect(out.stderr).toContain('已读取 5 项任务：1 个错误、');
    expect(out.stderr).toContain('[responsibleUnits]：任务 4：未写明责任单位（units.missing）');
  });

  it('refuses a 6 MB YAML whose one anchor is used 99 times, in import and validate alike', () => {
    const file = path.join(dir, 'anchor.yaml');
    let text = `id: 2024-a\ntitle: 示例\nyear: 2024\nblob: &a "${'做'.repeat(2_000_000)}"\ntasks:\n`;
    for (let i = 1; i <= 99; i++) text += `  - id: "${i}"\n    content: *a\n    responsibleUnits: [市司法局]\n    deadline: 12月底前\n`;
    writeFileSync(file, text);
    const refusal = `错误 anchor.yaml 第7行：YAML 的锚点和别名（&、*）展开后超过 20 MB（上限）：计划和单位名录用不到别名，请把内容直接写出（yaml.aliasExpansion）\n错误：无法读取计划文件 ${file}\n`;
    expect(duban('import', file, '-o', path.join(dir, 'anchor-out.yaml'))).toEqual({ code: 1, stdout: '', stderr: refusal });
    expect(duban('validate', file, '--units', 'examples/units.yaml')).toEqual({ code: 1, stdout: '', stderr: refusal });
  });

  it('imports a document with impossible and early deadlines, listing them as errors to fix', () => {
    const file = path.join(dir, 'table.csv');
    writeFileSync(
      file,
      ['2024年测试市政务公开工作要点任务分解表', '序号,工作任务,牵头单位,具体要求,完成时限', '1,任务甲,市司法局,要求甲,13月底前', '2,任务乙,市司法局,要求乙,3月底前', ''].join('\n'),
    );
    const out = duban('import', file, '--issued', '2024-06-05', '--json');
    // Not ready to start: exit 1, with the plan still printed for the admin to fix; --allow-errors exits 0 as before.
    expect(out.code).toBe(1);
    expect(duban('import', file, '--issued', '2024-06-05', '--json', '--allow-errors').code).toBe(0);
    expect(out.stderr.split('\n')).toEqual([
      '错误 table.csv 表格第3行 [deadline]：任务 1：完成时限“13月底前”中的月份 13 不存在（deadline.invalidMonth）',
      '错误 table.csv 表格第3行 [tasks[0].deadline]：任务 1：没有完成时限（“13月底前”无法识别）（deadline.missing）',
      '错误 table.csv 表格第4行 [tasks[1].deadline]：任务 2：完成时限 2024-03-31 早于印发日期 2024-06-05（deadline.beforeIssue）',
      '已读取 2 项任务：3 个错误、0 条警告，启动前请修改',
      '',
    ]);
    const json = JSON.parse(out.stdout) as Record<string, unknown> & { tasks: Array<Record<string, unknown>> };
    // The shape other tools read: keep these keys.
    expect(Object.keys(json)).toEqual(['id', 'title', 'office', 'issued', 'year', 'duties', 'tasks', 'warnings']);
    expect(Object.keys(json.tasks[0]!)).toEqual([
      'id', 'label', 'section', 'content', 'requirement', 'units', 'leadUnits', 'responsibleUnits', 'cooperatingUnits',
      'deadline', 'deadlineText', 'due', 'provisional', 'duties',
    ]);
    expect(json.tasks.map((t) => [t.id, t.units, t.due])).toEqual([
      ['1', ['市司法局'], null],
      ['2', ['市司法局'], '2024-03-31'],
    ]);
  });

  it('refuses a bad --year', () => {
    expect(duban('import', 'test/fixtures/plans/numbered-without-units.txt', '--year', 'abc')).toMatchObject({ code: 1, stderr: '错误：--year 应为 2000–2100 之间的年份，收到“abc”\n' });
  });
});

describe('duban plan validate', { timeout: 180_000 }, () => {
  it('lists every problem with file, line, field and exits 1', () => {
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(
      file,
      [
        'id: 2024-broken',
        'title: 2024年测试要点',
        'issued: "2024-06-05"',
        'year: 2024',
        'tasks:',
        '  - { id: "1", content: 任务一, responsibleUnits: [市发展改革局], deadline: 12月底前 }',
        '  - { id: "1", content: 任务二, responsibleUnits: [市司法局], deadline: 3月底前 }',
        '',
      ].join('\n'),
    );
    const out = duban('validate', file, '--units', 'examples/units.yaml');
    expect(out.code).toBe(1);
    expect(out.stderr.split('\n')).toEqual([
      '错误 broken.yaml 第6行 [tasks[0].responsibleUnits[0]]：任务 1：单位“市发展改革局”不在单位名录中；最接近的名录名称：市发展和改革局（unit.unknown）',
      '错误 broken.yaml 第7行 [tasks[1].id]：任务编号“1”与第1个任务重复（task.duplicateId）',
      '错误 broken.yaml 第7行 [tasks[1].deadline]：任务 1：完成时限 2024-03-31 早于印发日期 2024-06-05（deadline.beforeIssue）',
      '共 3 个错误、0 条警告：计划不能启动',
      '',
    ]);
  });

  it('passes the example plan and previews it', () => {
    expect(duban('validate', 'examples/plan.yaml', '--units', 'examples/units.yaml')).toEqual({ code: 0, stdout: '', stderr: '没有错误（0 条警告）：计划可以启动\n' });
    const preview = duban('preview', 'examples/plan.yaml', '--units', 'examples/units.yaml');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('8.2        市政府各部门                   事件触发            —');
    expect(preview.stdout).toContain('合计：5 项任务；有完成日期 4 项，事件触发 1 项；暂定日期 0 项；涉及单位 41 个');
    expect(preview.stdout).toContain('计划级义务：发布后30日内报送（breakdownSubmission）→ 2024-07-05，每个涉及单位各一项，共 41 项');
  });
});
