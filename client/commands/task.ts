/**
 * `duban task …`: one duty seen and acted on. `show` prints the whole task
 * text, each unit's state with its evidence, notes, returns, extensions and
 * waiver, and the log in time order; the actions (report, review, extend,
 * decide, waive, cancel) are the obligation workflow's Updates, sent as the
 * operator on this machine (`--as NAME`, default the OS user) in the role the
 * command implies. The workflow validates and refuses in Chinese; the refusal
 * is printed as one line.
 */
import { userInfo } from 'node:os';
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Command } from 'commander';
import type { Actor, Role, UnitObligation } from '../../domain/accountability';
import { isIsoDate } from '../../domain/calendar';
import { cardLabel, roleLabel, ruleLabel, stateLabel, unitStatusLabel } from '../../contracts/labels';
import {
  cancelUpdate,
  decideExtensionUpdate,
  obligationQuery,
  reportUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  waiveUpdate,
} from '../../contracts/messages';
import type { ObligationView } from '../../contracts/obligation';
import { dutyText, sendDutyUpdate, UpdateRefused } from '../duty-updates';
import { UserFacingError } from '../errors';
import { withTemporal } from '../temporal';
import { printJson, shanghaiTime } from './format';
import { findUnit, taskWorkflowId, unknownTask } from './names';

interface TaskFlags {
  plan?: string;
  as?: string;
  json?: boolean;
}

/** The operator's name for the log: `--as`, else the account running the command. */
export function operatorName(as?: string): string {
  const name = as?.trim();
  if (name) return name;
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'operator';
  }
}

/** A refusal from the workflow (an ApplicationFailure whose type is the domain's code) as one Chinese line. */
export function refusal(err: unknown): never {
  // sendDutyUpdate (client/duty-updates.ts, shared with the web) gives the workflow's Chinese reason.
  if (err instanceof UpdateRefused) throw new UserFacingError(`未办理：${err.message}`);
  throw err;
}

/** The duty's state; an id that names nothing is refused with the closest tasks or plans. */
export async function queryTask(client: Client, workflowId: string): Promise<{ handle: WorkflowHandle; view: ObligationView }> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    return { handle, view: await handle.query(obligationQuery) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw await unknownTask(client, workflowId);
    // `duban overdue` lists requests beside obligations; their state is a different shape with its own command.
    const type = await handle.describe().then((d) => d.type, () => undefined);
    if (type === 'requestReply') throw new UserFacingError(`${workflowId} 是依申请公开事项，请用 duban request show ${workflowId} 查看。`);
    throw new UserFacingError(`无法读取督办事项 ${workflowId}：${(err as Error).message}`);
  }
}

/** The unit of this duty named by id, full name or alias; one the duty does not concern is refused with the duty's own units. */
async function unitOfTask(client: Client, view: ObligationView, name: string): Promise<UnitObligation> {
  const wanted = name.trim();
  const direct = view.units.find((u) => u.unitId === wanted || u.unitName === wanted);
  if (direct) return direct;
  const unit = await findUnit(client, wanted);
  const found = view.units.find((u) => u.unitId === unit.id);
  if (found) return found;
  throw new UserFacingError(`“${unit.name}”不承担此项任务（${view.obligationId}）；此项任务的单位：${view.units.map((u) => u.unitName).join('、')}。`);
}

/** The text the task was started with (the plan's whole wording); the short title for duties that carry none. */
function taskText(client: Client, workflowId: string, view: ObligationView): Promise<string> {
  return dutyText(client, workflowId, view.title);
}

function unitLines(u: ObligationView['units'][number]): string[] {
  const card = cardLabel(u.card);
  const lines = [`${u.unitName}（${u.unitId}）：${unitStatusLabel(u.status)}，截止 ${u.deadline.date}${u.deadline.provisional ? '（暂定）' : ''}${card ? `，${card}` : ''}`];
  // Reports and returns in the order they happened: report, 退回, report again…
  const exchanges = [
    ...u.reports.map((r) => ({
      at: r.at,
      line: `  报告 ${shanghaiTime(r.at)}（${r.late ? `逾期 ${r.workingDaysLate} 个工作日` : '按期'}）：佐证 ${r.evidence.join('；')}${r.note ? `；说明：${r.note}` : ''}`,
    })),
    ...u.returns.map((r) => ({ at: r.at, line: `  退回 ${shanghaiTime(r.at)}（${r.by}）：${r.reason}` })),
  ];
  for (const e of exchanges.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))) lines.push(e.line);
  for (const e of u.extensions) {
    const decision = e.decision
      ? `；${e.decision.approved ? '已批准' : '未批准'}（${e.decision.by}，${shanghaiTime(e.decision.at)}${e.decision.comment ? `，${e.decision.comment}` : ''}）`
      : '；待审批';
    lines.push(`  延期申请 ${shanghaiTime(e.at)}：至 ${e.newDate}，理由：${e.reason}，进展：${e.progress}${decision}`);
  }
  if (u.waived) lines.push(`  免除 ${shanghaiTime(u.waived.at)}（${u.waived.by}）：${u.waived.reason}`);
  return lines;
}

/** The whole duty as staff read it. */
export function taskShowText(view: ObligationView, text: string): string {
  const lines = [text, ''];
  const rounds = view.rounds > 1 ? `  第 ${view.round + 1}/${view.rounds} 期` : '';
  lines.push(`编号：${view.obligationId}  类别：${ruleLabel(view.kind === 'planTask' ? view.rule.kind : view.kind)}  状态：${stateLabel(view.state)}${rounds}`);
  lines.push('单位：');
  for (const u of view.units) lines.push(...unitLines(u).map((l) => `  ${l}`));
  lines.push('记录：');
  const log = [...view.log].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const e of log) lines.push(`  ${shanghaiTime(e.at)}  ${e.message}${e.actor ? `（经办：${e.actor}）` : ''}${e.recipients ? `  → ${e.recipients.join('、')}` : ''}`);
  return lines.join('\n');
}

async function showTask(task: string, flags: TaskFlags): Promise<void> {
  await withTemporal(async ({ client }) => {
    const workflowId = taskWorkflowId(task, flags.plan);
    const { view } = await queryTask(client, workflowId);
    const text = await taskText(client, workflowId, view);
    if (flags.json) printJson({ ...view, text });
    else console.log(taskShowText(view, text));
  });
}

/** What an action prints: the unit's new standing, or the duty's state for a cancel. */
function printOutcome(view: ObligationView, unitId: string | undefined, done: string, json?: boolean): void {
  const unit = view.units.find((u) => u.unitId === unitId);
  if (json) {
    printJson({
      workflowId: view.obligationId,
      state: view.state,
      ...(unit ? { unitId: unit.unitId, status: unit.status, due: unit.deadline.date } : {}),
    });
    return;
  }
  const standing = unit ? `${unit.unitName}：${unitStatusLabel(unit.status)}，截止 ${unit.deadline.date}${unit.deadline.provisional ? '（暂定）' : ''}` : `状态：${stateLabel(view.state)}`;
  console.log(`${done}。${view.obligationId}  ${standing}`);
}

/**
 * One action on one duty: find it, name its unit, send the Update as the
 * operator in `role`, print the outcome. `input` builds the Update's
 * argument from the actor and the unit's id.
 */
async function act<I>(
  task: string,
  flags: TaskFlags & { unit?: string },
  role: Role,
  update: UpdateDefinition<ObligationView, [I]>,
  input: (actor: Actor, unitId: string) => I,
  done: string,
): Promise<void> {
  await withTemporal(async ({ client }) => {
    const { handle, view } = await queryTask(client, taskWorkflowId(task, flags.plan));
    // A closed duty takes no Update; say why instead of the server's words.
    if (view.state !== 'open') throw new UserFacingError(`未办理：此项任务${stateLabel(view.state)}（${view.obligationId}），不能再办理。`);
    const unit = flags.unit === undefined ? undefined : await unitOfTask(client, view, flags.unit);
    const actor: Actor = { role, name: operatorName(flags.as), ...(role === 'unit' && unit ? { unitId: unit.unitId } : {}) };
    const after = await sendDutyUpdate(handle, update, input(actor, unit?.unitId ?? '')).catch(refusal);
    printOutcome(after, unit?.unitId, `${done}（${roleLabel(role)} ${actor.name}）`, flags.json);
  });
}

function exactlyOne(a: [string, unknown], b: [string, unknown]): void {
  if (Boolean(a[1]) === Boolean(b[1])) throw new UserFacingError(`请在 --${a[0]} 和 --${b[0]} 中选择一个。`);
}

const requiredText = (value: string | undefined, option: string, what: string): string => {
  if (!value?.trim()) throw new UserFacingError(`${option} 不能为空：${what}。`);
  return value.trim();
};

export function registerTaskCommands(task: Command): void {
  const taskCommand = (name: string, description: string) =>
    task
      .command(name)
      .description(description)
      .argument('<task>', '任务编号：完整编号 plan/<计划>/task/<任务>，或与 --plan 一起写任务号（如 1.2）')
      .option('--plan <planId>', '计划编号（任务号写短时）')
      .option('--json', '以 JSON 输出');
  const actionCommand = (name: string, description: string) => taskCommand(name, description).option('--as <name>', '记入日志的办理人（默认本机用户名）');
  const unitOption = (c: Command) => c.requiredOption('--unit <unit>', '单位（编号、全称或简称）');

  taskCommand('show', '任务全文、各单位办理情况（佐证、说明、退回、延期、免除）和全部记录').action(showTask);

  unitOption(actionCommand('report', '责任单位报告完成情况（须附佐证材料）'))
    .requiredOption('--evidence <url...>', '佐证材料：公开网址或文号，可写多个')
    .option('--note <text>', '说明')
    .action((t: string, f: TaskFlags & { unit: string; evidence: string[]; note?: string }) =>
      act(t, f, 'unit', reportUpdate, (actor, unitId) => ({ actor, unitId, evidence: f.evidence, ...(f.note?.trim() ? { note: f.note.trim() } : {}) }), '已报告完成情况'),
    );

  unitOption(actionCommand('review', '督查人员审核完成情况：通过，或退回（须写理由，单位会收到退回通知）'))
    .option('--accept', '审核通过')
    .option('--return', '退回')
    .option('--reason <text>', '退回理由')
    .action((t: string, f: TaskFlags & { unit: string; accept?: boolean; return?: boolean; reason?: string }) => {
      exactlyOne(['accept', f.accept], ['return', f.return]);
      const reason = f.return ? requiredText(f.reason, '--reason', '退回须写明理由') : undefined;
      return act(t, f, 'supervisor', reviewUpdate, (actor, unitId) => ({ actor, unitId, decision: f.accept ? 'accept' : 'return', ...(reason ? { reason } : {}) }), f.accept ? '已审核通过' : '已退回');
    });

  unitOption(actionCommand('extend', '责任单位在截止日期前申请延期（写明新日期、理由和目前进展）'))
    .requiredOption('--to <date>', '延期至（YYYY-MM-DD）')
    .requiredOption('--reason <text>', '理由')
    .requiredOption('--progress <text>', '目前进展')
    .action((t: string, f: TaskFlags & { unit: string; to: string; reason: string; progress: string }) => {
      if (!isIsoDate(f.to.trim())) throw new UserFacingError(`--to 应为有效日期（YYYY-MM-DD），收到“${f.to}”。`);
      const reason = requiredText(f.reason, '--reason', '请写明延期理由');
      const progress = requiredText(f.progress, '--progress', '请写明目前进展');
      return act(t, f, 'unit', requestExtensionUpdate, (actor, unitId) => ({ actor, unitId, newDate: f.to.trim(), reason, progress }), '已申请延期');
    });

  unitOption(actionCommand('decide', '督查人员审批延期申请：批准（截止日期改为申请的日期）或不批准'))
    .option('--approve', '批准')
    .option('--refuse', '不批准')
    .option('--comment <text>', '意见')
    .action((t: string, f: TaskFlags & { unit: string; approve?: boolean; refuse?: boolean; comment?: string }) => {
      exactlyOne(['approve', f.approve], ['refuse', f.refuse]);
      const comment = f.comment?.trim();
      return act(t, f, 'supervisor', decideExtensionUpdate, (actor, unitId) => ({ actor, unitId, approved: Boolean(f.approve), ...(comment ? { comment } : {}) }), f.approve ? '已批准延期' : '已不予批准延期');
    });

  unitOption(actionCommand('waive', '政务公开办免除某单位的此项任务（须写理由；不再催办）'))
    .requiredOption('--reason <text>', '理由')
    .action((t: string, f: TaskFlags & { unit: string; reason: string }) => {
      const reason = requiredText(f.reason, '--reason', '免除须写明理由');
      return act(t, f, 'admin', waiveUpdate, (actor, unitId) => ({ actor, unitId, reason }), '已免除');
    });

  actionCommand('cancel', '政务公开办撤销此项任务（须写理由；不再催办任何单位）')
    .requiredOption('--reason <text>', '理由')
    .action((t: string, f: TaskFlags & { reason: string }) => {
      const reason = requiredText(f.reason, '--reason', '撤销须写明理由');
      return act(t, f, 'admin', cancelUpdate, (actor) => ({ actor, reason }), '已撤销');
    });
}
