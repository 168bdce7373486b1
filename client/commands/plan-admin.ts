/**
 * `duban plan list` (every plan started, with its progress) and `duban plan
 * cancel` (a plan started by mistake stops cleanly): the fan-out is stopped
 * first if it still runs, then every running duty of the plan — its tasks
 * and each unit's breakdown submission — is cancelled through its own
 * `cancel` Update, so its log says who cancelled it and why, and nothing
 * more is mailed.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Command } from 'commander';
import { stateLabel } from '../../contracts/labels';
import { cancelUpdate } from '../../contracts/messages';
import { overdueQuery, planDutiesQuery, planStartsQuery } from '../../contracts/queries';
import { UserFacingError } from '../errors';
import { cliStore } from '../store';
import { withTemporal } from '../temporal';
import { alignedTable, printJson, shanghaiTime } from './format';
import { knownPlans, requirePlan } from './names';
import { operatorName } from './task';

interface PlanSummary {
  planId: string;
  startedAt: string;
  total: number;
  open: number;
  done: number;
  cancelled: number;
  overdue: number;
}

async function summary(client: Client, planId: string): Promise<PlanSummary> {
  const count = async (query: string) => (await client.workflow.count(query)).count;
  let startedAt: Date | undefined;
  for await (const w of client.workflow.list({ query: planStartsQuery(planId) })) if (!startedAt || w.startTime < startedAt) startedAt = w.startTime;
  const [total, open, done, cancelled, overdue] = await Promise.all([
    count(planDutiesQuery(planId)),
    count(planDutiesQuery(planId, 'running')),
    count(planDutiesQuery(planId, 'done')),
    count(planDutiesQuery(planId, 'cancelled')),
    count(overdueQuery({ plan: planId })),
  ]);
  return { planId, startedAt: startedAt ? shanghaiTime(startedAt) : '', total, open, done, cancelled, overdue };
}

async function listPlans(flags: { json?: boolean }): Promise<void> {
  const plans = await withTemporal(async ({ client }) => Promise.all((await knownPlans(client)).map((p) => summary(client, p))));
  if (flags.json) {
    printJson(plans);
    return;
  }
  if (plans.length === 0) {
    console.log('还没有启动任何计划（duban plan start 计划文件 --units 名录）。');
    return;
  }
  const header = ['计划', '启动时间', '事项', stateLabel('open'), stateLabel('done'), stateLabel('cancelled'), '逾期'];
  const rows = plans.map((p) => [p.planId, p.startedAt, p.total, p.open, p.done, p.cancelled, p.overdue].map(String));
  console.log(alignedTable([header, ...rows]));
  console.log(`共 ${plans.length} 个计划`);
}

type CancelOutcome = 'cancelled' | 'closed';

/** Cancels one duty; one that closed meanwhile (done, cancelled, gone) counts as closed. */
async function cancelDuty(client: Client, workflowId: string, actor: { role: 'admin'; name: string }, reason: string): Promise<CancelOutcome> {
  try {
    await client.workflow.getHandle(workflowId).executeUpdate(cancelUpdate, { args: [{ actor, reason }] });
    return 'cancelled';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'closed';
    if (err instanceof WorkflowUpdateFailedError && (err.cause as { type?: string } | undefined)?.type === 'closed') return 'closed';
    // The workflow completed between the listing and the Update.
    if (/completed|already finished|not found/i.test((err as Error).message)) return 'closed';
    throw err;
  }
}

/** Runs `work` over `items`, `parallel` at a time. */
async function eachLimited<T>(items: T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, lane));
}

/** The ids of the duties a fan-out starts: its stored obligations list (`plan/<plan>/start/<store key>`). */
async function fannedOutIds(startWorkflowId: string): Promise<string[]> {
  const key = startWorkflowId.slice(startWorkflowId.lastIndexOf('/') + 1);
  try {
    return (await cliStore().plans.load(key)).map((o) => o.obligationId);
  } catch {
    return [];
  }
}

async function cancelPlan(planId: string, flags: { reason: string; as?: string; json?: boolean }): Promise<void> {
  const reason = flags.reason.trim();
  if (!reason) throw new UserFacingError('--reason 不能为空：撤销计划须写明理由。');
  const actor = { role: 'admin' as const, name: operatorName(flags.as) };
  const outcome = await withTemporal(async ({ client }) => {
    await requirePlan(client, planId);
    // A fan-out still running would start duties behind the cancellation: stop it first.
    const fanOuts: string[] = [];
    for await (const w of client.workflow.list({ query: planStartsQuery(planId, 'Running') })) fanOuts.push(w.workflowId);
    for (const id of fanOuts) await client.workflow.getHandle(id).terminate(`计划撤销：${reason}`).catch(() => undefined);

    const done = new Map<string, CancelOutcome>();
    const cancelAll = async (ids: string[]) =>
      eachLimited(ids.filter((id) => !done.has(id)), 16, async (id) => {
        done.set(id, await cancelDuty(client, id, actor, reason));
      });
    const running: string[] = [];
    for await (const w of client.workflow.list({ query: planDutiesQuery(planId, 'running') })) running.push(w.workflowId);
    await cancelAll(running);
    if (fanOuts.length > 0) await cancelLateStarts(client, fanOuts, done, cancelAll);
    const cancelled = [...done.values()].filter((o) => o === 'cancelled').length;
    return { planId, cancelled, alreadyClosed: done.size - cancelled, startsStopped: fanOuts.length };
  });
  if (flags.json) {
    printJson(outcome);
    return;
  }
  const stopped = outcome.startsStopped > 0 ? `；已停止正在进行的启动（${outcome.startsStopped} 个）` : '';
  console.log(`计划 ${planId} 已撤销：撤销 ${outcome.cancelled} 项进行中的事项${outcome.alreadyClosed > 0 ? `，${outcome.alreadyClosed} 项已结束未变` : ''}${stopped}。此后不再发送该计划的提醒。`);
}

/**
 * A stopped fan-out's last batch may still be starting duties on a worker
 * (the activity learns of the stop only at its next heartbeat). Its list is
 * known, so every duty of it is looked up by id until none has appeared for
 * three seconds, and each that has is cancelled.
 */
async function cancelLateStarts(client: Client, fanOuts: string[], done: Map<string, CancelOutcome>, cancelAll: (ids: string[]) => Promise<void>): Promise<void> {
  const expected = [...new Set((await Promise.all(fanOuts.map(fannedOutIds))).flat())];
  let quietSince = Date.now();
  while (Date.now() - quietSince < 3_000) {
    const missing = expected.filter((id) => !done.has(id));
    if (missing.length === 0) return;
    const appeared: string[] = [];
    await eachLimited(missing, 16, async (id) => {
      const status = await client.workflow.getHandle(id).describe().then((d) => d.status.name, () => undefined);
      if (status) appeared.push(id);
    });
    if (appeared.length > 0) {
      await cancelAll(appeared);
      quietSince = Date.now();
    } else {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export function registerPlanAdminCommands(plan: Command): void {
  plan.command('list').description('已启动的全部计划：事项数、进行中、已办结、已撤销、逾期').option('--json', '以 JSON 输出').action(listPlans);
  plan
    .command('cancel')
    .description('撤销整个计划（误启动时）：停止尚在进行的启动，撤销计划的全部进行中事项；此后不再发送提醒')
    .argument('<planId>', '计划编号')
    .requiredOption('--reason <text>', '理由')
    .option('--as <name>', '记入日志的办理人（默认本机用户名）')
    .option('--json', '输出 {"planId","cancelled","alreadyClosed","startsStopped"}')
    .action(cancelPlan);
}
