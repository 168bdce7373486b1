/**
 * What a started plan owes, as obligations: one per task (its units, its
 * deadline rule) and one per unit for each plan-level duty (the 30-day
 * breakdown submission). Each obligation's id is its business key and
 * becomes the workflow id, so starting the same plan twice is harmless.
 */
import type { Plan, Task } from './plan/model';
import { planTiming } from './plan/schedule';
import type { Unit } from './plan/units';
import type { Validation } from './plan/validate';
import { namedUnits } from './plan/validate';
import type { Rule } from './rules';

/** What an obligation is, for search attributes and mail. */
export type ObligationKind =
  | 'planTask'
  | 'breakdownSubmission'
  | 'feedbackDisclosure'
  | 'commentPublication'
  | 'smeArrearsDisclosure'
  // Its own workflow (workflows/request-reply.ts); named here because its reminders are obligation mail.
  | 'requestReply';

/** Where a unit's mail goes: taken from the unit directory when the obligation starts, replaced when the admin updates the directory. */
export interface UnitContact {
  id: string;
  name: string;
  contact: string[];
  head: string[];
  supervisor: string[];
  /** 分管领导, told from the red card on; the supervisor's office where the directory names no one. */
  leadership: string[];
}

export interface ObligationSpec {
  /** Business key, also the workflow id. */
  obligationId: string;
  kind: ObligationKind;
  planId?: string;
  taskId?: string;
  title: string;
  rule: Rule;
  /** The date the rule counts from (YYYY-MM-DD) and the plan year. */
  anchorDate: string;
  planYear: number;
  units: UnitContact[];
  /** A plan task's whole wording (the title is cut for subjects): shown by `task show`, the task page and the digest. */
  content?: string;
  /** How steps reach people: 'digest', one mail per recipient per working morning; absent, a mail per step (as before digests). */
  delivery?: Delivery;
}

export type Delivery = 'digest';

export const obligationIds = {
  task: (planId: string, taskId: string) => `plan/${planId}/task/${taskId}`,
  breakdown: (planId: string, unitId: string) => `breakdown/${planId}/unit/${unitId}`,
  planStart: (planId: string, storeKey: string) => `plan/${planId}/start/${storeKey}`,
};

export function unitContact(unit: Unit & { leadership?: { email: string } }): UnitContact {
  return {
    id: unit.id,
    name: unit.name,
    contact: unit.contacts.map((c) => c.email),
    head: [unit.head.email],
    supervisor: [unit.supervisor.email],
    leadership: [(unit.leadership ?? unit.supervisor).email],
  };
}

function taskTitle(task: Task): string {
  const text = task.content.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * The obligations of a validated plan, tasks first. Needs a plan that
 * validated without errors (every task has units and a deadline).
 */
export function planObligations(plan: Plan, validation: Validation): ObligationSpec[] {
  if (!validation.ok) throw new Error('planObligations needs a plan that validated without errors');
  const tasks: ObligationSpec[] = validation.resolved.map(({ task, units }) => ({
    obligationId: obligationIds.task(plan.id, task.id),
    kind: 'planTask',
    planId: plan.id,
    taskId: task.id,
    title: taskTitle(task),
    ...planTiming(plan, task.deadline!),
    units: units.map(unitContact),
  }));
  const everyone = namedUnits(validation);
  const duties: ObligationSpec[] = plan.duties
    .filter((d) => d.duty === 'breakdownSubmission')
    .flatMap((duty) =>
      everyone.map((unit) => ({
        obligationId: obligationIds.breakdown(plan.id, unit.id),
        kind: 'breakdownSubmission' as const,
        planId: plan.id,
        title: `报送《${plan.title}》任务分解（工作台账）`,
        ...planTiming(plan, duty.rule),
        units: [unitContact(unit)],
      })),
    );
  return [...tasks, ...duties];
}

/** What a plan file would change in a plan started before under the same id (`changesFromStarted`). */
export interface PlanChanges {
  /** Already started with other wording, units or deadline: starting again would leave them as they were. */
  changed: ObligationSpec[];
  /** Not started yet: starting the plan again starts them. */
  added: ObligationSpec[];
  /** Started before and missing from this file: they keep running. */
  removed: ObligationSpec[];
}

/**
 * Compares the obligations of a plan file with every version of the same
 * plan id started before. Only what the plan says counts (wording, units,
 * rule and its anchor): contacts come from the directory, which may change
 * between two starts of the same plan.
 */
export function changesFromStarted(started: ObligationSpec[][], now: ObligationSpec[]): PlanChanges {
  const substance = (o: ObligationSpec) => JSON.stringify([o.title, o.content ?? '', o.rule, o.anchorDate, o.units.map((u) => u.id)]);
  const before = new Map<string, ObligationSpec[]>();
  for (const version of started) for (const o of version) before.set(o.obligationId, [...(before.get(o.obligationId) ?? []), o]);
  const current = new Set(now.map((o) => o.obligationId));
  const changed: ObligationSpec[] = [];
  const added: ObligationSpec[] = [];
  for (const o of now) {
    const earlier = before.get(o.obligationId) ?? [];
    if (earlier.length === 0) added.push(o);
    else if (earlier.some((e) => substance(e) !== substance(o))) changed.push(o);
  }
  return { changed, added, removed: [...before].filter(([id]) => !current.has(id)).map(([, versions]) => versions.at(-1)!) };
}

/** How a plan's obligation is named to staff: its task, or its title. */
export function obligationLabel(o: ObligationSpec): string {
  return o.kind === 'planTask' && o.taskId ? `任务 ${o.taskId}` : o.title;
}

/**
 * The refusal when a plan id was started before with other content, in
 * Chinese; undefined when nothing already started would differ. `how` says
 * how the caller gives a plan its own id (a flag, a form field).
 */
export function planIdConflict(planId: string, changes: PlanChanges, how: string): string | undefined {
  if (changes.changed.length === 0) return undefined;
  const names = changes.changed.slice(0, 5).map(obligationLabel).join('、') + (changes.changed.length > 5 ? ` 等 ${changes.changed.length} 项` : '');
  return `计划编号 ${planId} 此前已启动过，而这份文件中 ${names} 的内容、责任单位或时限与已启动的不同；已在运行的任务不会随文件改变。若是另一份计划，请${how}另起编号；若要更正已启动的任务，请先撤销它们（duban task cancel / duban plan cancel）再以新编号启动。`;
}
