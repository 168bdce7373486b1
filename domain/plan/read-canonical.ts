/**
 * The canonical plan: YAML (or JSON) in the shape of `planSchema`, written by
 * `duban plan import` and reviewed or edited by the admin. Being edited by
 * hand, it is forgiving where that costs nothing: a deadline may be written as
 * the phrase ("6月底前") instead of a rule, units as one string ("市司法局、
 * 市财政局"), a numeric id (`id: 7`) as the number it means.
 */
import { parseDeadlineCell } from './deadline-phrases';
import type { ReadOptions, ReadResult } from './draft';
import { derivePlanId } from './draft';
import type { PlanIssue } from './issues';
import { issue, PlanReadError } from './issues';
import { fieldLimitIssues, MAX_TASKS, tooManyTasks } from './limits';
import { planSchema } from './model';
import { splitUnitCell } from './unit-names';
import type { Path } from './yaml-source';
import { parseZh } from '../parse-zh';
import { parseYamlSource, schemaIssues } from './yaml-source';

export interface CanonicalResult extends ReadResult {
  /** Line of a value in the file, for validation messages. */
  locate(path: Path): number | undefined;
}

const UNIT_FIELDS = { leadUnits: 'lead', responsibleUnits: 'responsible', cooperatingUnits: 'cooperating' } as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Turns the hand-written conveniences into the schema's form, reporting what cannot be. */
function normalizeTask(task: Record<string, unknown>, i: number, file: string, locate: (p: Path) => number | undefined, problems: PlanIssue[]): void {
  if (typeof task.id === 'number') task.id = String(task.id);
  if (typeof task.deadline === 'string') {
    const reading = parseDeadlineCell(task.deadline);
    task.deadlineText ??= task.deadline;
    if (reading.rule) task.deadline = reading.rule;
    else {
      delete task.deadline;
      for (const p of reading.problems) problems.push(issue(p.code, 'error', { file, line: locate(['tasks', i, 'deadline']), field: `tasks[${i}].deadline` }, p.message));
    }
  }
  for (const [field, role] of Object.entries(UNIT_FIELDS)) {
    if (typeof task[field] === 'string') task[field] = splitUnitCell(task[field], role)[role];
  }
}

/**
 * The tasks a canonical file holds, counted before the YAML parser builds a
 * node per value (20 s and a gigabyte for 100,000 tasks): JSON exactly, YAML
 * by the `id:` keys every task must have (less the plan's own).
 */
function countTasksBeforeParsing(text: string): { count: number; exact: boolean } {
  if (/^\s*\{/.test(text)) {
    try {
      const value: unknown = JSON.parse(text);
      if (isRecord(value) && Array.isArray(value.tasks)) return { count: value.tasks.length, exact: true };
    } catch {
      // Not strict JSON: YAML reads it below and says where it is wrong.
    }
  }
  const ids = text.match(/(?:^|[{,])[ \t-]*["']?id["']?[ \t]*:/gm)?.length ?? 0;
  return { count: Math.max(0, ids - 1), exact: false };
}

export function readCanonical(text: string, opts: ReadOptions): CanonicalResult {
  const file = opts.file;
  const before = countTasksBeforeParsing(text);
  if (before.count > MAX_TASKS) throw tooManyTasks(before.count, file, !before.exact);
  const { value, locate } = parseYamlSource(text, file);
  if (!isRecord(value)) {
    throw new PlanReadError([issue('plan.notAPlan', 'error', { file, line: 1 }, '文件内容不是计划：顶层应为包含 title、year、tasks 等字段的对象')]);
  }
  const problems: PlanIssue[] = [];
  if (Array.isArray(value.tasks) && value.tasks.length > MAX_TASKS) throw tooManyTasks(value.tasks.length, file);
  if (Array.isArray(value.tasks)) value.tasks.forEach((t, i) => isRecord(t) && normalizeTask(t, i, file, locate, problems));
  if (value.year === undefined && opts.year !== undefined) value.year = opts.year;
  if (value.issued === undefined && opts.issued !== undefined) value.issued = opts.issued;
  if (value.id === undefined && typeof value.year === 'number' && typeof value.title === 'string') value.id = opts.planId ?? derivePlanId(value.year, value.title);
  const parsed = parseZh(planSchema, value);
  if (!parsed.success) throw new PlanReadError([...problems, ...schemaIssues(parsed.error, file, locate, 'plan.schema')]);
  return { plan: parsed.data, warnings: [...problems, ...fieldLimitIssues(parsed.data.tasks, file, locate)], locate };
}
