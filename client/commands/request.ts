/**
 * `duban request …`: the later steps of a request for disclosure, each an
 * Update of its requestReply workflow (started by `duban event
 * request-received`). The workflow validates every step against the law
 * (补正 once and within 7 working days, one extension of at most 20 working
 * days, …) and refuses with a Chinese message; nothing here counts a date.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Command } from 'commander';
import { shanghaiDate } from '../../domain/calendar';
import type { RequestReplyView } from '../../domain/request-reply';
import {
  amendmentReceivedUpdate,
  askAmendmentUpdate,
  endConsultationUpdate,
  extendReplyUpdate,
  replyUpdate,
  requestReplyQuery,
  startConsultationUpdate,
} from '../../contracts/messages';
import { cardLabel, requestPhaseLabel, stateLabel } from '../../contracts/labels';
import { publishedObligation, requestsQuery } from '../../contracts/queries';
import { searchAttributes } from '../../contracts/wire';
import { UserFacingError } from '../errors';
import { withTemporal } from '../temporal';
import { alignedTable, printJson, shanghaiTime } from './format';
import { findUnit } from './names';

function printView(view: RequestReplyView, json?: boolean): void {
  if (json) {
    printJson(view);
    return;
  }
  const due = view.deadline ? `答复截止 ${view.deadline.date}${view.deadline.provisional ? '（暂定）' : ''}` : '';
  console.log(`${view.title}${view.applicant ? `（申请人：${view.applicant}）` : ''}\n编号：${view.requestId}  办理单位：${view.unit.name}  状态：${requestPhaseLabel(view.phase)}  ${due}`);
  const log = [...view.log].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const e of log) console.log(`  ${shanghaiTime(e.at)}  ${e.message}${e.recipients ? `  → ${e.recipients.join('、')}` : ''}`);
}

/** Refusals and unknown ids become one Chinese line; anything else is a bug and keeps its stack. */
function explain(requestId: string, err: unknown): never {
  if (err instanceof WorkflowUpdateFailedError) throw new UserFacingError(err.cause?.message ?? err.message);
  if (err instanceof WorkflowNotFoundError) throw new UserFacingError(`找不到申请 ${requestId}（用 duban event request-received 登记的编号）`);
  throw err;
}

function withRequest<T>(requestId: string, act: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
  return withTemporal(async (temporal) => {
    const handle = temporal.client.workflow.getHandle(requestId);
    // An obligation's id copied from `duban overdue` (which lists both): it has its own command.
    const type = await handle.describe().then((d) => d.type, () => undefined);
    if (type !== undefined && type !== 'requestReply') throw new UserFacingError(`${requestId} 不是依申请公开事项，请用 duban task show ${requestId} 查看。`);
    return act(handle).catch((err: unknown) => explain(requestId, err));
  });
}

function stepCommand<I, F>(
  group: Command,
  name: string,
  description: string,
  update: UpdateDefinition<RequestReplyView, [I]>,
  toInput: (flags: F) => I,
  options: (c: Command) => Command,
): void {
  options(group.command(name).description(description).argument('<requestId>', '申请编号（request/…）'))
    .option('--json', '以 JSON 输出申请的状态')
    .action(async (requestId: string, flags: F & { json?: boolean }) => {
      const input = toInput(flags);
      const view = await withRequest(requestId, (h) => h.executeUpdate(update, { args: [input] }));
      printView(view, flags.json);
    });
}

const today = () => shanghaiDate(Date.now());
const dateOption = (c: Command, what: string) => c.option('--date <date>', `${what}（YYYY-MM-DD，默认今天）`);

interface RequestRow {
  requestId: string;
  unitId: string;
  unit: string;
  due: string;
  state: string;
  card: string;
}

async function listRequests(flags: { unit?: string; open?: boolean; json?: boolean }): Promise<void> {
  const rows = await withTemporal(async ({ client }) => {
    const unit = flags.unit === undefined ? undefined : await findUnit(client, flags.unit);
    const out: RequestRow[] = [];
    for await (const w of client.workflow.list({ query: requestsQuery({ unitId: unit?.id, open: flags.open }) })) {
      const [unitId, u] = Object.entries(publishedObligation(w).units)[0] ?? ['', undefined];
      const state = w.status.name === 'RUNNING' ? 'open' : (w.typedSearchAttributes.get(searchAttributes.state) ?? 'done');
      out.push({ requestId: w.workflowId, unitId, unit: u?.name ?? unitId, due: u?.due ?? '', state, card: u?.card ?? '' });
    }
    return out.sort((a, b) => a.due.localeCompare(b.due) || a.requestId.localeCompare(b.requestId));
  });
  if (flags.json) {
    printJson(rows);
    return;
  }
  if (rows.length === 0) {
    console.log(flags.open ? '没有办理中的依申请公开事项。' : '没有依申请公开事项。');
    return;
  }
  const body = rows.map((r) => [r.due, stateLabel(r.state), cardLabel(r.card) || '—', r.unit, r.requestId]);
  console.log(alignedTable([['答复截止', '状态', '督办等级', '办理单位', '申请编号'], ...body]));
  console.log(`共 ${rows.length} 件`);
}

export function registerRequestCommands(request: Command): void {
  request
    .command('list')
    .description('依申请公开事项：办理单位、答复截止日期、状态')
    .option('--unit <unit>', '只看某个单位（编号、全称或简称）')
    .option('--open', '只看办理中的')
    .option('--json', '以 JSON 输出')
    .action(listRequests);

  stepCommand(request, 'ask-amendment', '一次性告知申请人补正（收到申请之日起7个工作日内）', askAmendmentUpdate, (f: { date?: string; note: string }) => ({ date: f.date ?? today(), note: f.note }), (c) =>
    dateOption(c, '告知补正日期').requiredOption('--note <text>', '需要补正的内容'),
  );
  stepCommand(request, 'amended', '收到补正后的申请：答复期限自该日重新计算', amendmentReceivedUpdate, (f: { date?: string }) => ({ date: f.date ?? today() }), (c) =>
    dateOption(c, '收到补正日期'),
  );
  stepCommand(request, 'consult', '开始征求第三方或其他机关意见（不计入答复期限）', startConsultationUpdate, (f: { date?: string; party: string }) => ({ date: f.date ?? today(), party: f.party }), (c) =>
    dateOption(c, '发出征求意见日期').requiredOption('--party <name>', '征求意见的第三方或机关'),
  );
  stepCommand(request, 'consulted', '征求意见结束：恢复计算答复期限', endConsultationUpdate, (f: { date?: string }) => ({ date: f.date ?? today() }), (c) => dateOption(c, '征求意见结束日期'));
  stepCommand(
    request,
    'extend',
    '经政府信息公开工作机构负责人同意，延长答复期限（只能一次，不超过20个工作日）',
    extendReplyUpdate,
    (f: { days: string; approvedBy: string }) => {
      if (!/^\d+$/.test(f.days)) throw new UserFacingError(`--days 应为 1–20 的整数，收到“${f.days}”`);
      return { workingDays: Number(f.days), approvedBy: f.approvedBy };
    },
    (c) => c.requiredOption('--days <n>', '延长的工作日数').requiredOption('--approved-by <name>', '批准的负责人'),
  );
  stepCommand(request, 'reply', '登记答复（附答复书文号或送达记录）', replyUpdate, (f: { date?: string; evidence: string[] }) => ({ date: f.date ?? today(), evidence: f.evidence }), (c) =>
    dateOption(c, '答复日期').requiredOption('--evidence <text...>', '答复书文号、公开网址或送达记录'),
  );

  request
    .command('show')
    .description('申请的状态、期限和全部记录')
    .argument('<requestId>', '申请编号（request/…）')
    .option('--json', 'JSON')
    .action(async (requestId: string, flags: { json?: boolean }) => printView(await withRequest(requestId, (h) => h.query(requestReplyQuery)), flags.json));
}
