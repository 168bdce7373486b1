/**
 * The visibility queries duban asks, one builder per question, shared by
 * the CLI, the web pages and the bench. Values are quoted here and nowhere
 * else. "Duties" are every workflow that owes something to someone and
 * publishes it in the same search attributes and memo: obligations and
 * requests for disclosure (依申请). The unit words (owing, overdue) are
 * those of contracts/labels.ts.
 */
import type { TypedSearchAttributes } from '@temporalio/common';
import type { PublishedObligation } from '../domain/standing';
import type { PublishedUnitRow } from './obligation';
import { searchAttributes } from './wire';

/** The workflow types (their functions' names, workflows/index.ts) that owe something; a new kind of duty is added here. */
export const DUTY_WORKFLOW_TYPES = ['obligation', 'requestReply'] as const;

/** The workflow that fans a plan out into obligations. */
export const PLAN_START_WORKFLOW_TYPE = 'planStart';

/**
 * A string literal of the visibility query language: `it's` → `'it\'s'`.
 * (The dev server's SQLite store matches a quote escaped so; it matches no
 * value holding a backslash, and fails on a `"` compared with a keyword list.
 * duban's ids hold neither: domain/plan/model.ts `safeIdSchema`.)
 */
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const dutyTypes = `WorkflowType IN (${DUTY_WORKFLOW_TYPES.map(literal).join(', ')})`;
const running = `ExecutionStatus = 'Running'`;
const equals = (key: { name: string }, value: string) => `${key.name} = ${literal(value)}`;

/** Everything still owing, obligations and requests: what a calendar or directory change must reach. */
export function runningDutiesQuery(): string {
  return `${dutyTypes} AND ${running}`;
}

/** Every duty of a plan, open or closed: the plan's progress. `state` (DubanState) narrows it: `done`, `cancelled`; `running` = still running. */
export function planDutiesQuery(planId: string, state?: 'open' | 'done' | 'cancelled' | 'running'): string {
  const clauses = [dutyTypes, equals(searchAttributes.plan, planId)];
  if (state === 'running') clauses.push(running);
  else if (state) clauses.push(equals(searchAttributes.state, state));
  return clauses.join(' AND ');
}

/** Running duties with an overdue unit; optionally of one plan, one rule, or one unit (by id). */
export function overdueQuery(filter: { plan?: string; rule?: string; unitId?: string } = {}): string {
  const clauses = [runningDutiesQuery(), `${searchAttributes.overdueUnits.name} IS NOT NULL`];
  if (filter.plan) clauses.push(equals(searchAttributes.plan, filter.plan));
  if (filter.rule) clauses.push(equals(searchAttributes.rule, filter.rule));
  if (filter.unitId) clauses.push(equals(searchAttributes.overdueUnits, filter.unitId));
  return clauses.join(' AND ');
}

/** Running duties in which a unit is owing: what it still has to report. */
export function owedByUnitQuery(unitId: string): string {
  return `${runningDutiesQuery()} AND ${equals(searchAttributes.pendingUnits, unitId)}`;
}

/** A plan's fan-out workflows (every plan's when `planId` is left out), optionally only those in one execution status (`Completed`). */
export function planStartsQuery(planId?: string, status?: 'Running' | 'Completed'): string {
  const clauses = [`WorkflowType = ${literal(PLAN_START_WORKFLOW_TYPE)}`];
  if (planId !== undefined) clauses.push(equals(searchAttributes.plan, planId));
  if (status) clauses.push(`ExecutionStatus = ${literal(status)}`);
  return clauses.join(' AND ');
}

/** Requests for disclosure (依申请), optionally of one unit (by id) and only those still running. */
export function requestsQuery(filter: { unitId?: string; open?: boolean } = {}): string {
  const clauses = [`WorkflowType = ${literal('requestReply')}`];
  if (filter.unitId) clauses.push(equals(searchAttributes.units, filter.unitId));
  if (filter.open) clauses.push(running);
  return clauses.join(' AND ');
}

/** Every duty a unit takes part in, open or closed: whether a unit id has ever been seen. */
export function unitDutiesQuery(unitId: string): string {
  return `${dutyTypes} AND ${equals(searchAttributes.units, unitId)}`;
}

/** What a listing returns for one workflow (the client's WorkflowExecutionInfo), as far as reading a duty needs. */
export interface ListedWorkflow {
  workflowId: string;
  memo?: Record<string, unknown>;
  typedSearchAttributes: TypedSearchAttributes;
}

/** A listed duty as its search attributes and memo publish it: read from one listing, never by querying each workflow. */
export function publishedObligation(w: ListedWorkflow): PublishedObligation {
  const rows = ((w.memo?.units as PublishedUnitRow[] | undefined) ?? []).filter(Array.isArray);
  const taskId = w.workflowId.match(/\/task\/(.+)$/)?.[1];
  return {
    workflowId: w.workflowId,
    planId: w.typedSearchAttributes.get(searchAttributes.plan),
    taskId,
    rule: w.typedSearchAttributes.get(searchAttributes.rule) ?? '',
    overdueUnitIds: w.typedSearchAttributes.get(searchAttributes.overdueUnits) ?? [],
    units: Object.fromEntries(rows.map(([id, name, due, card]) => [id, { name, due, card }])),
  };
}
