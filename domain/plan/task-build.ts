/**
 * One task from what a reader found in one item or row: reads its deadline
 * (a 完成时限 cell, or the text itself), its statutory duties, and says so in
 * a warning whenever something had to be assumed.
 */
import type { Rule } from '../rules';
import { findDeadlineInText, findDuties, parseDeadlineCell } from './deadline-phrases';
import type { PlanIssue } from './issues';
import { issue } from './issues';
import type { Place, Task } from './model';
import type { UnitDictionary, UnitRoles } from './unit-names';

export interface TaskInput {
  id: string;
  label?: string;
  section: string[];
  content: string;
  requirement?: string;
  roles: UnitRoles;
  /** The 完成时限 cell when the source is a table; undefined for prose. */
  deadlineCell?: string;
  source: Place;
}

export interface TaskContext {
  file: string;
  /** Units the notice addresses, for documents that name none per item (seeds 001, 002). */
  defaultUnits?: string[];
  /** The deadline the document sets for items that state none (year-end, seed 000). */
  defaultDeadline?: { rule: Rule; why: string };
  /** The directory's unit names, when the admin gave one (`--units`). */
  units?: UnitDictionary;
}

export function buildTask(input: TaskInput, ctx: TaskContext, warnings: PlanIssue[]): Task {
  const place = (field: string): Place => ({ file: ctx.file, ...input.source, field });
  const text = [input.content, input.requirement ?? ''].join('\n');
  const reading = input.deadlineCell !== undefined ? parseDeadlineCell(input.deadlineCell) : findDeadlineInText(text);
  for (const p of reading.problems) {
    const severity = p.code === 'deadline.ambiguous' ? 'warning' : 'error';
    warnings.push(issue(p.code, severity, place('deadline'), `任务 ${input.label ?? input.id}：${p.message}`));
  }
  let deadline = reading.rule;
  let deadlineText = reading.text;
  if (!deadline && reading.problems.length === 0) {
    if (ctx.defaultDeadline) {
      deadline = ctx.defaultDeadline.rule;
      deadlineText = undefined;
      warnings.push(issue('deadline.defaulted', 'warning', place('deadline'), `任务 ${input.label ?? input.id}：未写明完成时限，${ctx.defaultDeadline.why}`));
    } else {
      warnings.push(issue('deadline.missing', 'warning', place('deadline'), `任务 ${input.label ?? input.id}：未写明完成时限`));
    }
  }
  const roles = input.roles;
  if (roles.lead.length + roles.responsible.length + roles.cooperating.length === 0) {
    if (ctx.defaultUnits && ctx.defaultUnits.length > 0) {
      roles.responsible = [...ctx.defaultUnits];
      warnings.push(
        issue('units.defaulted', 'warning', place('responsibleUnits'), `任务 ${input.label ?? input.id}：未写明责任单位，按通知主送单位（${ctx.defaultUnits.join('、')}）`),
      );
    } else {
      warnings.push(issue('units.missing', 'warning', place('responsibleUnits'), `任务 ${input.label ?? input.id}：未写明责任单位`));
    }
  }
  return {
    id: input.id,
    ...(input.label !== undefined ? { label: input.label } : {}),
    section: input.section,
    content: input.content,
    ...(input.requirement ? { requirement: input.requirement } : {}),
    leadUnits: roles.lead,
    responsibleUnits: roles.responsible,
    cooperatingUnits: roles.cooperating,
    ...(deadline ? { deadline } : {}),
    ...(deadlineText ? { deadlineText } : {}),
    duties: findDuties(text),
    source: { file: ctx.file, ...input.source },
  };
}

/** Year-end: what a plan means by an item that states no date (docs/domain.md, Plan tasks). */
export const YEAR_END: { rule: Rule; why: string } = {
  rule: { kind: 'monthEnd', month: 12 },
  why: '按年底（12月31日）前完成',
};
