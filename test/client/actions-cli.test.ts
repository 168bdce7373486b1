/**
 * On the dev server, through the `duban` command only: a plan started, a
 * unit reports with evidence, the supervisor returns it with a reason (the
 * unit is mailed the 退回), the unit reports again, the supervisor accepts;
 * an extension asked and approved shows its new deadline in `task show`; a
 * task waived; the plan cancelled, after which nothing is mailed. Run on the
 * project's own fixture plan always, and on seed 004 where the real
 * documents are. Then the exports (BOM, XLSX read back, formula-looking
 * names kept as text), the names people type, and a closed pipe.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { projectRoot } from '../../config/env';
import type { ObligationInput } from '../../contracts/obligation';
import { startPlanStart } from '../../contracts/start';
import { shanghaiDate, shiftDays, yearOf } from '../../domain/calendar';
import { runDuban, type CliResult } from '../helpers/cli';
import { eventually } from '../helpers/eventually';
import { haveSeeds } from '../helpers/real-documents';
import { devServerWorld } from '../helpers/world';
import { seedPath } from '../domain/plan/seeds';

const QUEUE = 'actions';
/** The unit and duty words of contracts/labels.ts in English: none may reach staff. */
const ENGLISH_STATUS = /\b(pending|reported|accepted|waived|returned|open|done|cancelled|overdue|yellow|red|blue|none|monthEnd|quarterly|calendarDays|planTask|breakdownSubmission)\b/;
const FORMULA_NAME = '=HYPERLINK("http://evil.test","点我")';

interface Cycle {
  planFile: string;
  planId: string;
  /** Reported, returned, reported again, accepted. */
  report: { task: string; unit: string; unitId: string; email: string };
  /** Asked and approved. */
  extend: { task: string; unit: string; to: string };
  waive: { task: string; unit: string };
}

interface TaskJson {
  obligationId: string;
  state: string;
  text: string;
  units: Array<{ unitId: string; status: string; deadline: { date: string } }>;
  log: Array<{ at: string; message: string }>;
}

describe('every action through the duban command', { timeout: 600_000 }, () => {
  const world = devServerWorld(QUEUE);
  let cliEnv: Record<string, string>;
  let unitsFile: string;
  const nextYear = yearOf(shanghaiDate(Date.now())) + 1;

  const duban = (...args: string[]): Promise<CliResult> => runDuban(args, cliEnv);
  /** Runs a command that must succeed quietly and returns its stdout. */
  const ok = async (...args: string[]): Promise<string> => {
    const out = await duban(...args);
    expect(out.stderr, `duban ${args.join(' ')}`).toBe('');
    expect(out.code).toBe(0);
    return out.stdout;
  };
  /** Runs a command that must be refused with one Chinese line and no stack. */
  const refused = async (...args: string[]): Promise<string> => {
    const out = await duban(...args);
    expect(out.code, out.stdout).toBe(1);
    const message = out.stderr.trim();
    expect(message).toMatch(/^错误：/);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toMatch(/\bat .*\(|Error:/);
    return message;
  };
  const taskJson = async (task: string, plan: string) => JSON.parse(await ok('task', 'show', '--plan', plan, task, '--json')) as TaskJson;

  beforeAll(() => {
    const { env, testWorker } = world;
    cliEnv = { TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: QUEUE, DUBAN_DATA_DIR: testWorker.dataDir };
    // The example directory, the fixture plan's two units it lacks, and a unit whose name a spreadsheet would evaluate.
    const directory = parse(readFileSync(path.join(projectRoot, 'examples/units.yaml'), 'utf8')) as { units: Array<Record<string, unknown>> };
    const unit = (id: string, name: string, aliases: string[]) => ({
      id,
      name,
      aliases,
      contacts: [{ email: `${id}.contact@duban.test` }],
      head: { email: `${id}.head@duban.test` },
      supervisor: { email: 'ducha@duban.test' },
    });
    directory.units.find((u) => u.id === 'slj')!.aliases = ['市水务'];
    directory.units.push(unit('tjj', '市统计局', ['市统计']), unit('dsj', '市大数据中心', []), unit('sjj', FORMULA_NAME, ['审计测试单位']));
    unitsFile = path.join(testWorker.dataDir, 'directory.yaml');
    writeFileSync(unitsFile, stringify(directory));
  });

  /** A plan file moved to next year (issued on its first Monday-ish working day), so every deadline lies ahead and extensions may be asked. */
  async function planForNextYear(source: string, id: string): Promise<string> {
    const imported = path.join(world.testWorker.dataDir, `${id}.imported.yaml`);
    const read = await duban('plan', 'import', source, '--units', unitsFile, '-o', imported);
    expect(read.code, read.stderr).toBe(0);
    const plan = parse(readFileSync(imported, 'utf8')) as Record<string, unknown>;
    const file = path.join(world.testWorker.dataDir, `${id}.yaml`);
    writeFileSync(file, stringify({ ...plan, id, issued: `${nextYear}-01-04`, year: nextYear }));
    return file;
  }

  async function runCycle(c: Cycle): Promise<void> {
    const { env, mail } = world;
    const started = JSON.parse(await ok('plan', 'start', c.planFile, '--units', unitsFile, '--json')) as { planId: string; started: number; alreadyRunning: number };
    expect(started).toMatchObject({ planId: c.planId, alreadyRunning: 0 });
    const plan = parse(readFileSync(c.planFile, 'utf8')) as { tasks: Array<{ id: string; content: string }> };

    // Reported by the unit (named by alias, acting as 张三), returned by the supervisor, reported again, accepted.
    const r = c.report;
    const first = JSON.parse(await ok('task', 'report', '--plan', c.planId, r.task, '--unit', r.unit, '--evidence', 'https://gov.example/a', '--note', '已在官网公开', '--as', '张三', '--json'));
    expect(first).toMatchObject({ unitId: r.unitId, status: 'reported', state: 'open' });
    const whole = `plan/${c.planId}/task/${r.task}`;
    const returned = await ok('task', 'review', whole, '--unit', r.unitId, '--return', '--reason', '佐证链接无法打开', '--as', '李督查');
    expect(returned).toContain('已退回（督查人员 李督查）');
    const returnMail = await eventually('the 退回 mail to the unit', () => mail.received.find((m) => m.envelopeTo.includes(r.email) && m.parsed.subject?.includes('退回')));
    expect(returnMail!.parsed.text).toContain('佐证链接无法打开');
    await ok('task', 'report', '--plan', c.planId, r.task, '--unit', r.unit, '--evidence', 'https://gov.example/b', '--as', '张三');
    const accepted = JSON.parse(await ok('task', 'review', '--plan', c.planId, r.task, '--unit', r.unit, '--accept', '--as', '李督查', '--json'));
    expect(accepted).toMatchObject({ unitId: r.unitId, status: 'accepted' });
    expect(await refused('task', 'review', '--plan', c.planId, r.task, '--unit', r.unitId, '--accept')).toMatch(/^错误：未办理：/);

    const shown = await ok('task', 'show', '--plan', c.planId, r.task);
    const wholeText = plan.tasks.find((t) => t.id === r.task)!.content;
    expect(shown.startsWith(wholeText)).toBe(true);
    expect(shown).toContain('佐证 https://gov.example/a；说明：已在官网公开');
    expect(shown).toContain('佐证 https://gov.example/b');
    expect(shown).toMatch(/退回 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（李督查）：佐证链接无法打开/);
    // In the order they happened: the first report, its return, the report that answered it.
    const order = ['佐证 https://gov.example/a', '（李督查）：佐证链接无法打开', '佐证 https://gov.example/b'].map((s) => shown.indexOf(s));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(shown).not.toMatch(ENGLISH_STATUS);
    expect(shown).not.toMatch(/\d{2}:\d{2}(:\d{2})?(\.\d+)?Z|T\d{2}:\d{2}/);
    const logTimes = [...shown.split('记录：')[1]!.matchAll(/^ {2}(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/gm)].map((m) => m[1]!);
    expect(logTimes.length).toBeGreaterThanOrEqual(5);
    expect([...logTimes].sort()).toEqual(logTimes);
    // The log's instants are Shanghai time: the first entry is today's (or, just after midnight UTC, yesterday's) Shanghai date.
    expect(logTimes[0]!.slice(0, 10)).toBe(shanghaiDate(Date.now()));

    // An extension asked by the unit and approved: task show has the new deadline.
    const e = c.extend;
    const before = await taskJson(e.task, c.planId);
    await ok('task', 'extend', '--plan', c.planId, e.task, '--unit', e.unit, '--to', e.to, '--reason', '需会同有关部门核实数据', '--progress', '已完成初稿');
    const decided = JSON.parse(await ok('task', 'decide', '--plan', c.planId, e.task, '--unit', e.unit, '--approve', '--comment', '同意', '--json')) as { unitId: string; due: string };
    const after = await taskJson(e.task, c.planId);
    const newDue = after.units.find((u) => u.unitId === decided.unitId)!.deadline.date;
    expect(newDue >= e.to).toBe(true);
    expect(newDue).not.toBe(before.units.find((u) => u.unitId === decided.unitId)!.deadline.date);
    expect(decided.due).toBe(newDue);
    const extendedText = await ok('task', 'show', '--plan', c.planId, e.task);
    expect(extendedText).toMatch(new RegExp(`截止 ${newDue}`));
    expect(extendedText).toContain(`延期申请`);
    expect(extendedText).toContain('已批准');

    // A unit waived by the admin.
    const waived = JSON.parse(await ok('task', 'waive', '--plan', c.planId, c.waive.task, '--unit', c.waive.unit, '--reason', '职能已划转', '--json'));
    expect(waived).toMatchObject({ status: 'waived' });

    // The plan is listed, then cancelled: every duty closes, and no mail goes after.
    const listed = JSON.parse(await ok('plan', 'list', '--json')) as Array<{ planId: string; total: number; open: number }>;
    expect(listed.find((p) => p.planId === c.planId)).toMatchObject({ total: started.started });
    const cancelled = JSON.parse(await ok('plan', 'cancel', c.planId, '--reason', '误启动', '--json')) as { cancelled: number; alreadyClosed: number };
    expect(cancelled.cancelled).toBeGreaterThan(0);
    const running = `DubanPlan = '${c.planId}' AND ExecutionStatus = 'Running'`;
    await eventually(`every workflow of ${c.planId} to close`, async () => (await env.client.workflow.count(running)).count, (n) => n === 0);
    const mailsAtCancel = mail.received.length;
    expect(await refused('task', 'report', '--plan', c.planId, e.task, '--unit', e.unit, '--evidence', 'x')).toContain('已撤销');
    const cancelledText = await ok('task', 'show', '--plan', c.planId, e.task);
    expect(cancelledText).toContain('任务已撤销：误启动');
    expect(mail.received.length).toBe(mailsAtCancel);
  }

  it("runs the year on the project's own fixture plan, by the names people use", async () => {
    const planId = `fixture-${Date.now().toString(36)}`;
    const planFile = await planForNextYear(path.join(projectRoot, 'test/fixtures/plans/numbered-with-units.txt'), planId);
    await runCycle({
      planFile,
      planId,
      report: { task: '1.1', unit: '市水务', unitId: 'slj', email: 'slj.contact@duban.test' },
      extend: { task: '1.2', unit: '市农业农村局', to: `${nextYear}-04-15` },
      waive: { task: '2.2', unit: 'dsj' },
    });
  });

  it.skipIf(!haveSeeds)('runs the same year on seed 004', async () => {
    const planId = `seed004-${Date.now().toString(36)}`;
    const planFile = await planForNextYear(seedPath('004'), planId);
    await runCycle({
      planFile,
      planId,
      report: { task: '1', unit: '市发改委', unitId: 'fgj', email: 'fgj.contact@duban.test' },
      extend: { task: `breakdown/${planId}/unit/swj`, unit: '市商务和投资促进局', to: `${nextYear}-02-22` },
      waive: { task: '5', unit: '市商务局' },
    });
  });

  it('exports the overdue list: CSV with a BOM, XLSX read back, formula-looking names as text; names and suggestions everywhere', async () => {
    const { env } = world;
    const today = shanghaiDate(Date.now());
    const issued = shiftDays(today, -60);
    const planId = `exports-${Date.now().toString(36)}`;
    const planFile = path.join(world.testWorker.dataDir, `${planId}.yaml`);
    writeFileSync(
      planFile,
      stringify({
        id: planId,
        title: '导出测试计划',
        issued,
        year: yearOf(issued),
        duties: [],
        tasks: [
          { id: 'a', content: '早已逾期的任务', responsibleUnits: ['市发展和改革局', '审计测试单位'], deadline: { kind: 'calendarDays', days: 10, from: 'planIssued' } },
          { id: 'b', content: '近期逾期的任务', responsibleUnits: ['市商务局'], deadline: { kind: 'calendarDays', days: 40, from: 'planIssued' } },
        ],
      }),
    );
    await ok('plan', 'start', planFile, '--units', unitsFile, '--json');
    const query = `DubanPlan = '${planId}' AND DubanOverdueUnits IS NOT NULL AND ExecutionStatus = 'Running'`;
    await eventually('both overdue tasks in visibility', async () => (await env.client.workflow.count(query)).count, (n) => n >= 2);
    // The cards are published by the same workflow task that publishes overdue units; wait for the red one on task a.
    const rows = await eventually(
      'the overdue rows with their cards',
      async () => JSON.parse(await ok('overdue', '--plan', planId, '--format', 'json')) as Array<{ unitId: string; card: string; taskId: string; workingDaysOverdue: number }>,
      (r) => r.length === 3 && r.every((x) => x.card !== 'none' && x.card !== ''),
    );
    expect(rows.map((r) => [r.taskId, r.unitId]).sort()).toEqual([
      ['a', 'fgj'],
      ['a', 'sjj'],
      ['b', 'swj'],
    ]);

    const csv = await duban('overdue', '--plan', planId, '--format', 'csv');
    expect(csv.stdout.startsWith('\uFEFF计划,任务,单位,规则,截止日期,逾期工作日,暂定,督办等级,流程编号\n')).toBe(true);
    const cells = parseCsv(csv.stdout, { bom: true }) as string[][];
    expect(cells.find((row) => row[2]!.includes('HYPERLINK'))![2]).toBe(`'${FORMULA_NAME}`);
    expect(cells[1]![3]).toBe('按日计算的期限');
    expect(csv.stdout).not.toMatch(ENGLISH_STATUS);

    const xlsxFile = path.join(world.testWorker.dataDir, 'overdue.xlsx');
    const written = await duban('overdue', '--plan', planId, '--format', 'xlsx', '-o', xlsxFile);
    expect([written.code, written.stderr.trim()]).toEqual([0, `已写入 ${xlsxFile}`]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxFile);
    const sheet = workbook.getWorksheet('逾期事项')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '计划', '任务', '单位', '规则', '截止日期', '逾期工作日', '暂定', '督办等级', '流程编号']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(3).width).toBe(28);
    const formulaRow = [2, 3, 4].find((r) => String(sheet.getRow(r).getCell(3).value).includes('HYPERLINK'))!;
    const formulaCell = sheet.getRow(formulaRow).getCell(3);
    expect([formulaCell.type, formulaCell.value]).toEqual([ExcelJS.ValueType.String, FORMULA_NAME]);
    expect(sheet.getRow(2).getCell(6).value).toBe(rows[0]!.workingDaysOverdue);
    const fills = { 红牌: 'FFF8CBAD', 黄牌: 'FFFFF2CC' } as Record<string, string>;
    for (const r of [2, 3, 4]) {
      const card = sheet.getRow(r).getCell(8).value as string;
      expect((sheet.getRow(r).getCell(1).fill as { fgColor?: { argb?: string } }).fgColor?.argb, `row ${r} ${card}`).toBe(fills[card]);
    }

    // The table: Chinese words only, and the names people type.
    const table = await ok('overdue', '--plan', planId);
    expect(table).not.toMatch(ENGLISH_STATUS);
    expect(table).toContain('共 3 个单位次逾期');
    const byAlias = JSON.parse(await ok('overdue', '--plan', planId, '--unit', '市发改委', '--format', 'json')) as unknown[];
    const byName = JSON.parse(await ok('overdue', '--plan', planId, '--unit', '市发展和改革局', '--format', 'json')) as unknown[];
    expect([byAlias.length, byName.length]).toEqual([1, 1]);
    const byRuleLabel = JSON.parse(await ok('overdue', '--plan', planId, '--rule', '按日计算的期限', '--format', 'json')) as unknown[];
    expect(byRuleLabel).toHaveLength(3);
    const unitShow = await ok('unit', 'show', '市发改委');
    expect(unitShow.split('\n')[0]).toMatch(/^市发展和改革局（fgj）：待办 \d+ 项，其中逾期 \d+ 项$/);
    expect(unitShow).toContain('早已逾期的任务');
    expect(unitShow).not.toMatch(ENGLISH_STATUS);

    // Unknown names: refused with the closest, never an empty list.
    expect(await refused('overdue', '--plan', `${planId}x`)).toMatch(new RegExp(`^错误：没有计划“${planId}x”，是否是：(.+、)?${planId}[、？]`));
    expect(await refused('overdue', '--unit', '市发改')).toContain('是否是：');
    expect(await refused('overdue', '--rule', '月低前')).toContain('月底前');
    expect(await refused('unit', 'show', '市统计剧')).toContain('市统计局');
    expect(await refused('task', 'show', '--plan', planId, 'c')).toBe(`错误：没有计划 ${planId} 的任务“c”，是否是：a、b？`);
    expect(await refused('task', 'report', '--plan', planId, 'a', '--unit', '市商务局', '--evidence', 'x')).toContain('“市商务局”不承担此项任务');
    expect(await refused('task', 'show', 'a')).toContain('请用 --plan 指定计划');

    expect(await refused('plan', 'status', `${planId}\\`)).toMatch(new RegExp(`^错误：没有计划“${planId}\\\\”，是否是：`));
    expect(await refused('request', 'show', `plan/${planId}/task/a`)).toBe(`错误：plan/${planId}/task/a 不是依申请公开事项，请用 duban task show plan/${planId}/task/a 查看。`);

    // Requests by the unit's other name.
    const received = JSON.parse(await ok('event', 'request-received', '--unit', '市商务局', '--title', '招商协议', '--date', today, '--applicant', '王某', '--units', unitsFile, '--json')) as { workflowId: string };
    await eventually('the request in visibility', async () => (await env.client.workflow.count(`WorkflowId = '${received.workflowId}'`)).count, (n) => n === 1);
    const requests = JSON.parse(await ok('request', 'list', '--unit', '市商务和投资促进局', '--open', '--json')) as Array<{ requestId: string; unit: string; state: string }>;
    expect(requests).toEqual([expect.objectContaining({ requestId: received.workflowId, unit: '市商务局', state: 'open' })]);
    expect(await ok('request', 'list')).not.toMatch(ENGLISH_STATUS);

    // Cancelled: cards stop.
    await ok('plan', 'cancel', planId, '--reason', '测试结束');
    await eventually(`every workflow of ${planId} to close`, async () => (await env.client.workflow.count(`DubanPlan = '${planId}' AND ExecutionStatus = 'Running'`)).count, (n) => n === 0);
    expect(JSON.parse(await ok('overdue', '--plan', planId, '--format', 'json'))).toEqual([]);
  });

  it('a plan id started before is not started again with other wording; a task added to it starts', async () => {
    const planId = `versions-${Date.now().toString(36)}`;
    const planFile = path.join(world.testWorker.dataDir, `${planId}.yaml`);
    const task = (id: string, content: string) => ({ id, content, responsibleUnits: ['市商务局'], deadline: { kind: 'calendarDays', days: 300, from: 'planIssued' } });
    const write = (tasks: unknown[]) => writeFileSync(planFile, stringify({ id: planId, title: '版本测试计划', issued: `${nextYear}-01-04`, year: nextYear, duties: [], tasks }));
    write([task('a', '公开财政预决算'), task('b', '公开重大项目')]);
    expect(JSON.parse(await ok('plan', 'start', planFile, '--units', unitsFile, '--json'))).toMatchObject({ started: 2, alreadyRunning: 0 });

    write([task('a', '公开财政预决算和部门预算'), task('b', '公开重大项目')]);
    expect(await refused('plan', 'start', planFile, '--units', unitsFile)).toBe(
      `错误：计划编号 ${planId} 此前已启动过，而这份文件中 任务 a 的内容、责任单位或时限与已启动的不同；已在运行的任务不会随文件改变。` +
        '若是另一份计划，请用 --id 另起编号；若要更正已启动的任务，请先撤销它们（duban task cancel / duban plan cancel）再以新编号启动。',
    );
    expect((await taskJson('a', planId)).text).toBe('公开财政预决算');

    write([task('a', '公开财政预决算'), task('b', '公开重大项目'), task('c', '公开新增事项')]);
    expect(JSON.parse(await ok('plan', 'start', planFile, '--units', unitsFile, '--json'))).toMatchObject({ started: 1, alreadyRunning: 2 });
  });

  it('plan cancel stops a fan-out that is still running', async () => {
    const { env, testWorker } = world;
    const planId = `stuck-${Date.now().toString(36)}`;
    const unit = { id: 'fgj', name: '市发展和改革局', contact: ['fgj.contact@duban.test'], head: [], supervisor: [], leadership: [] };
    const duty = (taskId: string): ObligationInput => ({
      obligationId: `plan/${planId}/task/${taskId}`,
      kind: 'planTask',
      planId,
      taskId,
      title: taskId,
      rule: { kind: 'monthEnd', month: 12 },
      anchorDate: `${nextYear}-01-04`,
      planYear: nextYear,
      units: [unit],
    });
    const storeKey = await testWorker.deps.store.plans.save(planId, [duty('1'), duty('2')]);
    // A queue no worker polls: the fan-out stays running and has started nothing.
    const fanOut = await startPlanStart(env.client, 'nobody-polls', { planId, storeKey, total: 2 });
    expect(JSON.parse(await ok('plan', 'cancel', planId, '--reason', '误启动', '--json'))).toEqual({ planId, cancelled: 0, alreadyClosed: 0, startsStopped: 1 });
    expect((await fanOut.describe()).status.name).toBe('TERMINATED');
  });

  it('ends quietly when the reader of its output goes away (| head)', async () => {
    for (const args of [['--help'], ['plan', 'list'], ['calendar', 'deadline', '--from', '2026-09-28', '--working-days', '10']]) {
      const out = await closedPipe(args, cliEnv);
      expect([out.code, out.stderr], args.join(' ')).toEqual([0, '']);
    }
  });
});

/** Runs duban with its stdout's reading end closed before it writes anything: each write meets EPIPE. */
function closedPipe(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/duban.js'), ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}
