/**
 * What supervisors ask: `duban overdue` (who is overdue now, worst first,
 * from Temporal visibility — never by querying each workflow; as a table,
 * CSV, XLSX or JSON) and `duban unit show` (everything one unit owes, with
 * the task titles). Units, plans and rules are taken by the names people
 * use; an unknown one is refused with the closest names, never answered with
 * an empty list.
 */
import { writeFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { shanghaiDate } from '../../domain/calendar';
import { safeIdSchema } from '../../domain/plan/model';
import { overdueRows, type OverdueRow, type PublishedObligation } from '../../domain/standing';
import { cardLabel, ruleLabel } from '../../contracts/labels';
import { obligationQuery, requestReplyQuery } from '../../contracts/messages';
import { overdueQuery, owedByUnitQuery, publishedObligation } from '../../contracts/queries';
import { UserFacingError } from '../errors';
import { cliStore } from '../store';
import { withTemporal } from '../temporal';
import { csvBytes, xlsxBytes, type Sheet } from './export';
import { alignedTable, printJson } from './format';
import { findRule, findUnit, requirePlan } from './names';

const FORMATS = ['table', 'csv', 'xlsx', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** Card colours of the XLSX export (ARGB): yellow and red as the cards, blue for one near its deadline. */
const CARD_FILLS: Record<string, string> = { yellow: 'FFFFF2CC', red: 'FFF8CBAD', blue: 'FFDDEBF7' };

function overdueSheet(rows: OverdueRow[]): Sheet {
  return {
    name: '逾期事项',
    columns: [
      { header: '计划', width: 16 },
      { header: '任务', width: 10 },
      { header: '单位', width: 28 },
      { header: '规则', width: 22 },
      { header: '截止日期', width: 12 },
      { header: '逾期工作日', width: 12 },
      { header: '暂定', width: 6 },
      { header: '督办等级', width: 10 },
      { header: '流程编号', width: 36 },
    ],
    rows: rows.map((r) => [r.planId ?? '', r.taskId ?? '', r.unit, ruleLabel(r.rule), r.due, r.workingDaysOverdue, r.provisional ? '暂定' : '', cardLabel(r.card), r.workflowId]),
    fill: (i) => CARD_FILLS[rows[i]!.card],
  };
}

function overdueTable(rows: OverdueRow[]): string {
  if (rows.length === 0) return '目前没有逾期事项。';
  const header = ['任务', '单位', '规则', '截止日期', '逾期工作日', '督办等级', '流程编号'];
  const body = rows.map((r) => [
    r.taskId ?? '',
    r.unit,
    ruleLabel(r.rule),
    r.due,
    `${r.workingDaysOverdue}${r.provisional ? '（暂定）' : ''}`,
    cardLabel(r.card) || '—',
    r.workflowId,
  ]);
  return `${alignedTable([header, ...body])}\n共 ${rows.length} 个单位次逾期`;
}

/** Bytes to a file (`-o`) or to stdout; a workbook is not written to a terminal. */
function writeOut(bytes: Buffer, output: string | undefined, format: Format): void {
  if (output) {
    writeFileSync(output, bytes);
    console.error(`已写入 ${output}`);
    return;
  }
  if (format === 'xlsx' && process.stdout.isTTY) throw new UserFacingError('XLSX 不能直接显示在终端：请用 -o 文件名.xlsx 指定输出文件。');
  process.stdout.write(bytes);
}

interface OverdueFlags {
  plan?: string;
  unit?: string;
  rule?: string;
  minDays?: string;
  format: string;
  output?: string;
}

async function listOverdue(opts: OverdueFlags): Promise<void> {
  const format = opts.format as Format;
  if (!FORMATS.includes(format)) throw new UserFacingError(`--format 只能是 ${FORMATS.join('、')}，收到“${opts.format}”`);
  const minDays = opts.minDays === undefined ? undefined : Number(opts.minDays);
  if (minDays !== undefined && (!Number.isInteger(minDays) || minDays < 0)) throw new UserFacingError(`--min-days 应为非负整数，收到“${opts.minDays}”`);
  const rule = opts.rule === undefined ? undefined : findRule(opts.rule);
  const obligations: PublishedObligation[] = [];
  const unitId = await withTemporal(async ({ client }) => {
    const unit = opts.unit === undefined ? undefined : await findUnit(client, opts.unit);
    if (opts.plan !== undefined && !safeIdSchema.safeParse(opts.plan).success) await requirePlan(client, opts.plan);
    for await (const w of client.workflow.list({ query: overdueQuery({ plan: opts.plan, rule, unitId: unit?.id }) })) obligations.push(publishedObligation(w));
    // Nothing listed for a plan nobody started is a typo, not good news.
    if (obligations.length === 0 && opts.plan !== undefined) await requirePlan(client, opts.plan);
    return unit?.id;
  });
  const calendar = await cliStore().calendar.loadCalendar();
  const rows = overdueRows(obligations, shanghaiDate(Date.now()), calendar, { unit: unitId, minDays });
  if (format === 'json') printJson(rows);
  else if (format === 'table') console.log(overdueTable(rows));
  else writeOut(format === 'csv' ? csvBytes(overdueSheet(rows)) : await xlsxBytes(overdueSheet(rows)), opts.output, format);
}

interface OwedRow {
  workflowId: string;
  taskId?: string;
  title: string;
  rule: string;
  due: string;
  overdue: boolean;
  card: string;
}

/** Titles by asking each duty (a unit owes tens, not thousands); a duty that cannot answer keeps its id. */
async function titles(client: Client, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const handle = client.workflow.getHandle(id);
      const title = await (id.startsWith('request/') ? handle.query(requestReplyQuery) : handle.query(obligationQuery)).then((v) => v.title, () => undefined);
      if (title) out.set(id, title);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, ids.length) }, lane));
  return out;
}

async function showUnit(name: string, opts: { json?: boolean }): Promise<void> {
  const { unit, owed } = await withTemporal(async ({ client }) => {
    const unit = await findUnit(client, name);
    const found: Array<Omit<OwedRow, 'title'>> = [];
    for await (const w of client.workflow.list({ query: owedByUnitQuery(unit.id) })) {
      const o = publishedObligation(w);
      const u = o.units[unit.id];
      found.push({ workflowId: o.workflowId, taskId: o.taskId, rule: o.rule, due: u?.due ?? '', overdue: o.overdueUnitIds.includes(unit.id), card: u?.card ?? '' });
    }
    const named = await titles(client, found.map((o) => o.workflowId));
    return { unit, owed: found.map((o): OwedRow => ({ ...o, title: named.get(o.workflowId) ?? o.workflowId })) };
  });
  owed.sort((a, b) => a.due.localeCompare(b.due) || a.workflowId.localeCompare(b.workflowId, 'zh', { numeric: true }));
  if (opts.json) {
    // The array it always printed, each row now with its title.
    printJson(owed);
    return;
  }
  const overdue = owed.filter((o) => o.overdue).length;
  console.log(`${unit.name}（${unit.id}）：待办 ${owed.length} 项，其中逾期 ${overdue} 项`);
  if (owed.length === 0) return;
  // The id before the title so the columns line up; the id is what `duban task show` takes.
  const header = ['截止日期', '状态', '督办等级', '规则', '流程编号', '任务'];
  const body = owed.map((o) => [o.due, o.overdue ? '逾期' : '待办', cardLabel(o.card) || '—', ruleLabel(o.rule), o.workflowId, o.title]);
  console.log(alignedTable([header, ...body]));
}

export function registerOverdueCommand(overdue: Command): void {
  overdue
    .option('--plan <planId>', '只看某个计划')
    .option('--unit <unit>', '只看某个单位（编号、全称或简称）')
    .option('--rule <rule>', '只看某类规则（如 月底前、任务分解报送，或 monthEnd）')
    .option('--min-days <n>', '至少逾期几个工作日')
    .option('--format <format>', 'table、csv、xlsx 或 json', 'table')
    .option('-o, --output <file>', '写入文件（csv、xlsx）')
    .action(listOverdue);
}

export function registerUnitCommands(unit: Command): void {
  unit.command('show').description('单位目前的全部待办事项（逾期在前标出）').argument('<unit>', '单位编号、全称或简称').option('--json', '以 JSON 输出').action(showUnit);
}
