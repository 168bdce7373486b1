/**
 * What supervisors ask: `duban overdue` (who is overdue now, worst first,
 * from Temporal visibility — never by querying each workflow), `duban task
 * show` (one obligation's state and log) and `duban unit show` (everything
 * one unit owes).
 */
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { shanghaiDate } from '../../domain/calendar';
import { overdueRows, type OverdueRow, type PublishedObligation } from '../../domain/standing';
import { cardLabel, ruleLabel, stateLabel, unitStatusLabel } from '../../contracts/labels';
import { obligationQuery } from '../../contracts/messages';
import { overdueQuery, owedByUnitQuery, publishedObligation } from '../../contracts/queries';
import { UserFacingError } from '../errors';
import { cliStore } from '../store';
import { withTemporal } from '../temporal';

function formatRows(rows: OverdueRow[], format: string): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  const header = ['任务', '单位', '规则', '截止日期', '逾期工作日', '督办等级', '流程编号'];
  const body = rows.map((r) => [
    r.taskId ?? '',
    r.unit,
    ruleLabel(r.rule),
    r.due,
    `${r.workingDaysOverdue}${r.provisional ? '（暂定）' : ''}`,
    cardLabel(r.card),
    r.workflowId,
  ]);
  if (format === 'csv') return stringify([header, ...body], { bom: false }).trimEnd();
  if (rows.length === 0) return '目前没有逾期事项。';
  return [header, ...body].map((cells) => cells.join('\t')).join('\n') + `\n共 ${rows.length} 个单位次逾期`;
}

async function listOverdue(opts: { plan?: string; unit?: string; rule?: string; minDays?: string; format: string }): Promise<void> {
  if (!['table', 'csv', 'json'].includes(opts.format)) throw new UserFacingError(`--format 只能是 table、csv 或 json，收到“${opts.format}”`);
  const minDays = opts.minDays === undefined ? undefined : Number(opts.minDays);
  if (minDays !== undefined && (!Number.isInteger(minDays) || minDays < 0)) throw new UserFacingError(`--min-days 应为非负整数，收到“${opts.minDays}”`);
  const obligations: PublishedObligation[] = [];
  await withTemporal(async (temporal) => {
    // --unit may be a name as well as an id: overdueRows filters by either.
    for await (const w of temporal.client.workflow.list({ query: overdueQuery({ plan: opts.plan, rule: opts.rule }) })) obligations.push(publishedObligation(w));
  });
  const calendar = await cliStore().calendar.loadCalendar();
  const rows = overdueRows(obligations, shanghaiDate(Date.now()), calendar, { unit: opts.unit, minDays });
  console.log(formatRows(rows, opts.format));
}

async function showTask(workflowId: string, opts: { json?: boolean }): Promise<void> {
  const view = await withTemporal((temporal) => {
    const handle = temporal.client.workflow.getHandle(workflowId);
    return handle.query(obligationQuery).catch(async (err: Error) => {
      // `duban overdue` lists requests beside obligations; their state is a different shape with its own command.
      const type = await handle.describe().then((d) => d.type, () => undefined);
      if (type === 'requestReply') throw new UserFacingError(`${workflowId} 是依申请公开事项，请用 duban request show ${workflowId} 查看。`);
      throw new UserFacingError(`找不到督办事项 ${workflowId}：${err.message}`);
    });
  });
  if (opts.json) {
    console.log(JSON.stringify(view, null, 2));
    return;
  }
  console.log(`${view.title}\n编号：${view.obligationId}  状态：${stateLabel(view.state)}`);
  for (const u of view.units) {
    const late = u.reports.find((r) => r.late);
    const card = cardLabel(u.card);
    console.log(`  ${u.unitName}（${u.unitId}）：${unitStatusLabel(u.status)}，截止 ${u.deadline.date}${u.deadline.provisional ? '（暂定）' : ''}${card ? `，${card}` : ''}${late ? `，逾期 ${late.workingDaysLate} 个工作日完成` : ''}`);
  }
  console.log('记录：');
  for (const e of view.log) console.log(`  ${shanghaiDate(e.at)} ${e.at.slice(11, 16)}Z  ${e.message}${e.recipients ? `  → ${e.recipients.join(', ')}` : ''}`);
}

async function showUnit(unitId: string, opts: { json?: boolean }): Promise<void> {
  const owed: Array<{ workflowId: string; taskId?: string; rule: string; due: string; overdue: boolean; card: string }> = [];
  await withTemporal(async (temporal) => {
    for await (const w of temporal.client.workflow.list({ query: owedByUnitQuery(unitId) })) {
      const o = publishedObligation(w);
      const unit = o.units[unitId];
      owed.push({ workflowId: o.workflowId, taskId: o.taskId, rule: o.rule, due: unit?.due ?? '', overdue: o.overdueUnitIds.includes(unitId), card: unit?.card ?? '' });
    }
  });
  owed.sort((a, b) => a.due.localeCompare(b.due));
  if (opts.json) {
    console.log(JSON.stringify(owed, null, 2));
    return;
  }
  if (owed.length === 0) {
    console.log(`单位 ${unitId} 目前没有待办事项。`);
    return;
  }
  for (const o of owed) console.log(`${o.due}  ${o.overdue ? '逾期' : '待办'}  ${ruleLabel(o.rule)}  ${o.workflowId}`);
  console.log(`共 ${owed.length} 项待办，其中逾期 ${owed.filter((o) => o.overdue).length} 项`);
}

export function registerStandingCommands(program: Command): void {
  program
    .command('overdue')
    .description('列出目前逾期的事项，最严重的在前（来自 Temporal 可见性查询）')
    .option('--plan <planId>', '只看某个计划')
    .option('--unit <unit>', '只看某个单位（编号或全称）')
    .option('--rule <rule>', '只看某类规则（monthEnd、breakdownSubmission …）')
    .option('--min-days <n>', '至少逾期几个工作日')
    .option('--format <format>', 'table、csv 或 json', 'table')
    .action(listOverdue);

  program.command('task').description('督办事项').command('show').argument('<workflowId>', '如 plan/2024-teng/task/7').option('--json', 'JSON').action(showTask);
  program.command('unit').description('单位').command('show').argument('<unitId>', '单位编号').option('--json', 'JSON').action(showUnit);
}
