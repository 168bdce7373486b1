/**
 * The names people type, turned into the ids duban keeps, or refused with
 * the closest names: a unit by id, full name or alias (the current
 * directory); a plan by id; a rule by kind or label; a task short
 * (`--plan P 1.2`) or whole (`plan/P/task/1.2`). An unknown name is an
 * error, never an empty listing.
 */
import type { Client } from '@temporalio/client';
import { distance } from 'fastest-levenshtein';
import { ruleKinds, ruleLabel, ruleOf } from '../../contracts/labels';
import { planDutiesQuery, planStartsQuery, unitDutiesQuery } from '../../contracts/queries';
import { searchAttributes } from '../../contracts/wire';
import { obligationIds } from '../../domain/obligations';
import { safeIdSchema } from '../../domain/plan/model';
import { UserFacingError } from '../errors';
import { cliStore } from '../store';

/** The candidates closest to `wanted` by edit distance, best first. */
export function closestNames(wanted: string, candidates: Iterable<string>, count = 3): string[] {
  return [...new Set(candidates)]
    .map((c) => ({ c, d: distance(wanted, c) }))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, count)
    .map((x) => x.c);
}

/** `没有计划“2024-tengg”，是否是：2024-teng？` — or, with nothing to suggest, where to look. */
export function unknownName(what: string, wanted: string, candidates: Iterable<string>, whereToLook = ''): UserFacingError {
  const near = closestNames(wanted, candidates);
  if (near.length > 0) return new UserFacingError(`没有${what}“${wanted}”，是否是：${near.join('、')}？`);
  return new UserFacingError(`没有${what}“${wanted}”${whereToLook ? `（${whereToLook}）` : ''}。`);
}

export interface NamedUnit {
  id: string;
  name: string;
}

/**
 * A unit named by id, full name or alias in the current directory. With no
 * current directory (nothing started yet) the name is taken as an id if
 * some duty names it.
 */
export async function findUnit(client: Client, name: string): Promise<NamedUnit> {
  if ((await cliStore().directory.load()) !== undefined) {
    // Loaded here, not at the top: the directory readers are heavy and most commands name no unit.
    const { loadDirectory, resolveOneUnit } = await import('../directory');
    const unit = resolveOneUnit(await loadDirectory(), name);
    return { id: unit.id, name: unit.name };
  }
  const { count } = await client.workflow.count(unitDutiesQuery(name.trim()));
  if (count === 0) throw new UserFacingError(`没有单位“${name}”：还没有当前单位名录（duban plan start 或 duban directory update 之后可用全称或简称）。`);
  return { id: name.trim(), name: name.trim() };
}

/** The ids of every plan that was ever started (their fan-out workflows). */
export async function knownPlans(client: Client): Promise<string[]> {
  const plans = new Set<string>();
  for await (const w of client.workflow.list({ query: planStartsQuery() })) {
    const plan = w.typedSearchAttributes.get(searchAttributes.plan);
    if (plan) plans.add(plan);
  }
  return [...plans].sort();
}

/** Refuses a plan id no duty and no fan-out carries, naming the closest plan ids. */
export async function requirePlan(client: Client, planId: string): Promise<void> {
  // An id no plan can have (a quote, a backslash) is not sent to visibility, whose query language it would break.
  if (!safeIdSchema.safeParse(planId).success) throw unknownName('计划', planId, await knownPlans(client), 'duban plan list 列出全部计划');
  const [duties, starts] = await Promise.all([client.workflow.count(planDutiesQuery(planId)), client.workflow.count(planStartsQuery(planId))]);
  if (duties.count + starts.count > 0) return;
  throw unknownName('计划', planId, await knownPlans(client), 'duban plan list 列出全部计划');
}

/** `--rule` as kind or label → the kind; anything else is refused with the closest of both. */
export function findRule(name: string): string {
  const kind = ruleOf(name);
  if (kind) return kind;
  const names = ruleKinds().flatMap((k) => [k, ruleLabel(k)]);
  throw unknownName('规则', name, names);
}

/** `1.2` with `--plan P` → `plan/P/task/1.2`; a whole id (anything with a slash) as it is. */
export function taskWorkflowId(task: string, plan?: string): string {
  const wanted = task.trim();
  if (wanted.includes('/')) return wanted;
  if (!plan) throw new UserFacingError(`任务“${wanted}”：请用 --plan 指定计划（如 --plan 2024-teng ${wanted}），或写完整编号 plan/<计划>/task/${wanted}。`);
  return obligationIds.task(plan.trim(), wanted);
}

/** What a workflow id names: `plan/P/task/1.2` → plan P, task 1.2. */
export function planOfWorkflowId(workflowId: string): { planId?: string; taskId?: string } {
  const task = /^plan\/([^/]+)\/task\/(.+)$/.exec(workflowId);
  if (task) return { planId: task[1], taskId: task[2] };
  const breakdown = /^breakdown\/([^/]+)\/unit\//.exec(workflowId);
  return breakdown ? { planId: breakdown[1] } : {};
}

/** An id that names no workflow: the closest tasks of its plan, or the closest plans when the plan is unknown too. */
export async function unknownTask(client: Client, workflowId: string): Promise<UserFacingError> {
  const { planId, taskId } = planOfWorkflowId(workflowId);
  if (!planId) return new UserFacingError(`找不到督办事项“${workflowId}”（任务编号形如 plan/<计划>/task/<任务>，或 --plan <计划> <任务>）。`);
  const ids: string[] = [];
  for await (const w of client.workflow.list({ query: planDutiesQuery(planId) })) ids.push(w.workflowId);
  if (ids.length === 0) return unknownName('计划', planId, await knownPlans(client), 'duban plan list 列出全部计划');
  if (taskId === undefined) return unknownName('督办事项', workflowId, ids);
  const tasks = ids.map((id) => planOfWorkflowId(id).taskId).filter((t): t is string => t !== undefined);
  return unknownName(`计划 ${planId} 的任务`, taskId, tasks, `duban plan status ${planId}`);
}
