/**
 * What every reader shares: the options a caller may give (year, issue date,
 * plan id when the document lacks them), the result shape, and assembling the
 * final plan from what a reader found: metadata, tasks, plan-level duties.
 */
import type { PlanIssue } from './issues';
import { issue, PlanReadError } from './issues';
import { fieldLimitIssues, MAX_TASKS, tooManyTasks } from './limits';
import type { Plan, PlanDuty, Task } from './model';
import { isIsoDate } from '../calendar/dates';
import { safeIdSchema } from './model';
import type { UnitDictionary } from './unit-names';

export interface ReadOptions {
  /** Shown in every problem's place; the reader never opens it. */
  file: string;
  /** Plan year when the document does not state one (`--year`). */
  year?: number;
  /** Issue date YYYY-MM-DD when the document does not state one (`--issued`). */
  issued?: string;
  /** Plan id to use instead of the derived one (`--id`). */
  planId?: string;
  /** The directory's unit names (`--units`): evidence for unit names the document does not mark. */
  units?: UnitDictionary;
}

export interface ReadResult {
  plan: Plan;
  /** Everything the reader was unsure of; severity `error` ones must be fixed before starting. */
  warnings: PlanIssue[];
}

export interface PlanMeta {
  title?: string;
  office?: string;
  issued?: string;
  year?: number;
  /** The earliest year the text names, when neither title nor date gives one. */
  yearInText?: number;
}

/** FNV-1a: a short, stable, dependency-free fingerprint for derived ids. */
function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(7, '0').slice(0, 7);
}

/**
 * A plan id that is the same every time the same document is imported:
 * `2024-1x9k2ab` (year + fingerprint of title and office). Admins may rename
 * it in the canonical YAML (e.g. `2024-tengzhou`) before starting.
 */
export function derivePlanId(year: number, title: string, office = ''): string {
  return `${year}-${fingerprint(`${title}|${office}`)}`;
}

/**
 * Makes task ids unique: a repeated number gets `-2`, `-3`, and a warning,
 * because a document that numbers two items alike needs a human look.
 */
export function uniqueTaskIds(tasks: Task[], file: string, warnings: PlanIssue[]): Task[] {
  const seen = new Map<string, number>();
  return tasks.map((t) => {
    const n = (seen.get(t.id) ?? 0) + 1;
    seen.set(t.id, n);
    if (n === 1) return t;
    const id = `${t.id}-${n}`;
    warnings.push(
      issue('task.duplicateNumber', 'warning', { file, ...t.source, field: 'id' }, `任务编号“${t.label ?? t.id}”重复，第${n}个改记为“${id}”，请核对`),
    );
    return { ...t, id };
  });
}

/** A written date before the plan's issue (or its year) is most likely a typo ("2011年底前" in a 2020 plan). */
function warnBeforeIssue(tasks: Task[], from: string, file: string, warnings: PlanIssue[]): void {
  for (const t of tasks) {
    const d = t.deadline;
    if (!d || (d.kind !== 'fixedDate' && d.kind !== 'monthEnd') || d.year === undefined) continue;
    const day = d.kind === 'fixedDate' ? d.day : 31;
    const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (iso < from) {
      warnings.push(issue('deadline.beforeIssue', 'warning', { file, ...t.source, field: 'deadline' }, `任务 ${t.label ?? t.id}：完成时限“${t.deadlineText ?? iso}”早于计划印发（${from}），可能是笔误，请核对`));
    }
  }
}

/** Puts a reader's findings together; fails only when no year can be known at all. */
export function assemblePlan(meta: PlanMeta, tasks: Task[], duties: PlanDuty[], opts: ReadOptions, warnings: PlanIssue[]): ReadResult {
  const file = opts.file;
  if (tasks.length === 0) {
    throw new PlanReadError([issue('plan.noTasks', 'error', { file }, '没有找到任何任务：请确认文件是工作要点或任务分解表')]);
  }
  if (tasks.length > MAX_TASKS) throw tooManyTasks(tasks.length, file);
  warnings.push(...fieldLimitIssues(tasks, file));
  let issued = meta.issued;
  if (opts.issued !== undefined) {
    if (!isIsoDate(opts.issued)) {
      throw new PlanReadError([issue('plan.issuedInvalid', 'error', { file, field: 'issued' }, `印发日期“${opts.issued}”无效，应为 YYYY-MM-DD 的真实日期`)]);
    }
    issued = opts.issued;
  } else if (issued === undefined) {
    warnings.push(issue('plan.issuedMissing', 'warning', { file, field: 'issued' }, '文中未找到印发日期，请用 --issued YYYY-MM-DD 指定（30日内报送等期限从印发日起算）'));
  }
  const year = opts.year ?? meta.year ?? (issued ? Number(issued.slice(0, 4)) : meta.yearInText);
  if (year === undefined || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new PlanReadError([issue('plan.yearMissing', 'error', { file, field: 'year' }, '无法确定计划年度：文中没有年份，请用 --year 指定')]);
  }
  if (meta.year === undefined && opts.year === undefined) {
    const from = issued ? '印发日期' : '正文中最早出现的年份';
    warnings.push(issue('plan.yearAssumed', 'warning', { file, field: 'year' }, `标题中未写年度，按${from}取 ${year} 年，请用 --year 核对`));
  }
  if (issued || meta.year !== undefined || opts.year !== undefined) warnBeforeIssue(tasks, issued ?? `${year}-01-01`, file, warnings);
  const title = meta.title ?? `${year}年政务公开工作要点`;
  if (meta.title === undefined) {
    warnings.push(issue('plan.titleMissing', 'warning', { file, field: 'title' }, `未找到文件标题，暂用“${title}”`));
  }
  let id = opts.planId ?? derivePlanId(year, title, meta.office);
  if (!safeIdSchema.safeParse(id).success) {
    warnings.push(issue('plan.idInvalid', 'warning', { file, field: 'id' }, `计划编号“${id}”含不允许的字符，已改用自动编号`));
    id = derivePlanId(year, title, meta.office);
  }
  const plan: Plan = {
    id,
    title,
    ...(meta.office ? { office: meta.office } : {}),
    ...(issued ? { issued } : {}),
    year,
    tasks: uniqueTaskIds(tasks, file, warnings),
    duties,
  };
  return { plan, warnings };
}
