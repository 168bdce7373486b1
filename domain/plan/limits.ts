/**
 * How large a plan may be, set well above what a real one reaches so that
 * only a wrong or hostile file meets them, and said in every refusal:
 *
 * - a file: 20 MB (the largest real 任务分解表 we have seen is under 1 MB);
 * - tasks: 10,000 (a province's 工作要点 has tens to a few hundred, a
 *   breakdown table a few thousand rows; `npm run bench plan` reads 5,000);
 * - one task's text (工作任务, 具体要求): 10,000 characters (real ones are
 *   under 1,000; longer is several items run together);
 * - the text a YAML plan or directory holds once its aliases (`*a`) are
 *   expanded: no more than the largest file, so a small file cannot unfold
 *   into gigabytes when it is written back out.
 */
import type { PlanIssue } from './issues';
import { issue, PlanReadError } from './issues';
import type { Task } from './model';
import type { Path } from './yaml-source';

export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_TASKS = 10_000;
export const MAX_FIELD_CHARS = 10_000;
export const MAX_EXPANDED_CHARS = MAX_PLAN_FILE_BYTES;

export function tooManyTasks(count: number, file: string, about = false): PlanReadError {
  return new PlanReadError([
    issue(
      'plan.tooManyTasks',
      'error',
      { file, field: 'tasks' },
      `计划有${about ? '约 ' : ' '}${count} 项任务，超过上限 ${MAX_TASKS} 项：一份工作要点或任务分解表不会有这么多，请确认选对了文件，或按单位、按年度拆分`,
    ),
  ]);
}

/** An over-long 工作任务 or 具体要求, one error each, at its place. */
export function fieldLimitIssues(tasks: readonly Task[], file: string, locate?: (p: Path) => number | undefined): PlanIssue[] {
  const problems: PlanIssue[] = [];
  tasks.forEach((t, i) => {
    for (const field of ['content', 'requirement'] as const) {
      const length = t[field]?.length ?? 0;
      if (length <= MAX_FIELD_CHARS) continue;
      const line = locate?.(['tasks', i, field]);
      const place = line !== undefined ? { file, line, field: `tasks[${i}].${field}` } : { ...t.source, file, field };
      const what = field === 'content' ? '工作任务' : '具体要求';
      problems.push(
        issue('task.tooLong', 'error', place, `任务 ${t.label ?? t.id}：${what}有 ${length} 字，超过上限 ${MAX_FIELD_CHARS} 字，像是几项任务连在了一起：请核对原文后拆分`),
      );
    }
  });
  return problems;
}

/**
 * The characters a parsed value spells out, every shared (aliased) part
 * counted each time it is used, as writing it back out would: one per node,
 * plus its key and its text. Counting stops once past `budget`, so a value
 * that unfolds into gigabytes (or a cycle) costs no more than the budget.
 *
 * @example expandedChars({ a: 'xx', b: ['xx', 'xx'] }, 100) // 13: five nodes, two keys, six characters
 */
export function expandedChars(value: unknown, budget: number): number {
  let total = 1;
  const stack: unknown[] = [value];
  while (stack.length > 0 && total <= budget) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length;
    else if (Array.isArray(v)) {
      // Counted as they are pushed, so the stack never holds more than the budget.
      total += v.length;
      if (total <= budget) for (const x of v) stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      total += entries.length;
      if (total <= budget) {
        for (const [k, x] of entries) {
          total += k.length;
          stack.push(x);
        }
      }
    }
  }
  return total;
}
