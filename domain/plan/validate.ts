/**
 * Can this plan start? Every problem at once, each at its place, so the admin
 * fixes the file in one pass: task ids, deadlines (missing, impossible, before
 * the plan was issued), units (missing, unknown — with the closest directory
 * names —, vague groups), formula-looking text.
 */
import { daysInMonth, yearOf } from '../calendar/dates';
import type { NamedDayRule } from '../deadlines';
import { isOwed, ruleDays } from '../deadlines';
import type { PlanIssue } from './issues';
import { issue } from './issues';
import type { Place, Plan, Task } from './model';
import { looksLikeFormula } from './model';
import { planTiming } from './schedule';
import type { Unit, UnitIndex } from './units';
import type { Path } from './yaml-source';
import { fieldName } from './yaml-source';

export interface ValidateOptions {
  file: string;
  /** Line of a value in the plan file, when it is the canonical YAML. */
  locate?: (path: Path) => number | undefined;
}

const UNIT_FIELDS = ['leadUnits', 'responsibleUnits', 'cooperatingUnits'] as const;

export interface ResolvedTask {
  task: Task;
  /** Directory units the task's names stand for, each once. */
  units: Unit[];
}

export interface Validation {
  issues: PlanIssue[];
  /** True when no issue is an error: the plan can start. */
  ok: boolean;
  resolved: ResolvedTask[];
}

/** Without a directory, units are not resolved: what can be checked without one still is (import without --units). */
export function validatePlan(plan: Plan, directory: UnitIndex | undefined, opts: ValidateOptions): Validation {
  const issues: PlanIssue[] = [];
  const where = (path: Path, task?: Task): Place => {
    const line = opts.locate?.(path);
    const field = fieldName(path);
    if (line !== undefined) return { file: opts.file, line, field };
    return { ...(task?.source ?? {}), file: task?.source?.file ?? opts.file, field };
  };
  const seen = new Map<string, number>();
  const resolved: ResolvedTask[] = [];

  plan.tasks.forEach((task, i) => {
    const name = task.label ?? task.id;
    const at = (...rest: Path) => where(['tasks', i, ...rest], task);
    const first = seen.get(task.id);
    if (first !== undefined) issues.push(issue('task.duplicateId', 'error', at('id'), `任务编号“${task.id}”与第${first + 1}个任务重复`));
    else seen.set(task.id, i);

    const rule = task.deadline;
    if (!rule) {
      issues.push(issue('deadline.missing', 'error', at('deadline'), `任务 ${name}：没有完成时限${task.deadlineText ? `（“${task.deadlineText}”无法识别）` : ''}`));
    } else if (rule.kind === 'fixedYearly' && rule.day > daysInMonth(2024, rule.month)) {
      issues.push(issue('deadline.invalidDate', 'error', at('deadline'), `任务 ${name}：日期 ${rule.month}月${rule.day}日 不存在`));
    } else if (rule.kind !== 'calendarDays' && rule.kind !== 'workingDays') {
      issues.push(...namedDayIssues(plan, rule, name, at('deadline')));
    }

    const units = new Map<string, Unit>();
    let named = 0;
    for (const field of UNIT_FIELDS) {
      task[field].forEach((unitName, j) => {
        named += 1;
        if (!directory) return;
        const r = directory.resolve(unitName);
        if (r.kind === 'unknown') {
          const hint = r.suggestions.length > 0 ? `；最接近的名录名称：${r.suggestions.join('、')}` : '；名录中也没有相近的名称，请核对单位名录';
          const formula = looksLikeFormula(unitName) ? '（像公式，不会计算）' : '';
          issues.push(issue('unit.unknown', 'error', at(field, j), `任务 ${name}：单位“${unitName}”${formula}不在单位名录中${hint}`));
          return;
        }
        if (r.units.length === 0) issues.push(issue('unit.emptyGroup', 'error', at(field, j), `任务 ${name}：分组“${unitName}”在名录中没有成员`));
        if (r.kind === 'group' && r.group.vague) {
          issues.push(issue('unit.vague', 'warning', at(field, j), `任务 ${name}：“${unitName}”范围不确定，已按“${r.group.name}”全部 ${r.units.length} 个单位展开，请核对`));
        }
        for (const u of r.units) units.set(u.id, u);
      });
    }
    if (named === 0) issues.push(issue('units.missing', 'error', at('responsibleUnits'), `任务 ${name}：没有责任单位`));

    for (const field of ['content', 'requirement'] as const) {
      const text = task[field];
      if (text && looksLikeFormula(text)) issues.push(issue('cell.formula', 'warning', at(field), `任务 ${name}：内容像公式（${text.slice(0, 40)}），不会计算，请改为实际文字`));
    }
    resolved.push({ task, units: [...units.values()] });
  });

  plan.duties.forEach((duty, i) => {
    const rule = duty.rule;
    if ((rule.kind === 'calendarDays' || rule.kind === 'workingDays') && rule.from === 'planIssued' && !plan.issued) {
      issues.push(issue('plan.issuedMissing', 'error', where(['duties', i]), `“${duty.text}”从印发日期起算，但计划没有印发日期（issued）`));
    }
  });

  return { issues, ok: !issues.some((x) => x.severity === 'error'), resolved };
}

/**
 * A dated deadline against its plan, on the days the started obligation will
 * keep: a year written in the document stands, so a day before the plan's
 * issue is an error rather than next year's; a yearly date already past at
 * the issue moves to next year only with a warning that says so.
 */
function namedDayIssues(plan: Plan, rule: NamedDayRule, name: string, place: Place): PlanIssue[] {
  const found: PlanIssue[] = [];
  const { anchorDate, planYear } = planTiming(plan, rule);
  const anchor = { planYear, eventDate: anchorDate };
  const days = ruleDays(rule, anchor);
  const written = rule.kind === 'fixedDate' || rule.kind === 'monthEnd' ? rule.year : undefined;
  if (written !== undefined && written !== plan.year) found.push(issue('deadline.otherYear', 'warning', place, `任务 ${name}：完成时限在 ${written} 年，计划年度是 ${plan.year} 年`));
  const last = days[days.length - 1]!.date;
  if (!days.some((d) => isOwed(d.date, anchor))) {
    const since = plan.issued ? `印发日期 ${plan.issued}` : `计划年度 ${plan.year} 年`;
    found.push(issue('deadline.beforeIssue', 'error', place, `任务 ${name}：完成时限 ${last} 早于${since}`));
  } else if (rule.kind === 'fixedYearly' && yearOf(last) > yearOf(anchorDate)) {
    found.push(
      issue('deadline.nextYear', 'warning', place, `任务 ${name}：“${rule.month}月${rule.day}日前”在 ${anchorDate} 时已过，按次年 ${last} 计；如指当年，请写明年份`),
    );
  }
  return found;
}

/** Every directory unit named anywhere in the plan: who owes the plan-level duties. */
export function namedUnits(validation: Validation): Unit[] {
  const all = new Map<string, Unit>();
  for (const r of validation.resolved) for (const u of r.units) all.set(u.id, u);
  return [...all.values()];
}
