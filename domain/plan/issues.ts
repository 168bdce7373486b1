/**
 * Problems found while reading or validating a plan. Each carries a stable
 * code (for tools and tests), where it is (file, line or row, field) and a
 * Chinese message for the clerk who has to fix the document.
 */
import type { Place } from './model';

export type Severity = 'error' | 'warning';

export interface PlanIssue {
  code: string;
  severity: Severity;
  place: Place;
  message: string;
}

/**
 * The one error type the readers throw: the input cannot become a plan at
 * all (empty, binary, no recognisable columns…). Anything less is a warning
 * in the reader's result, never a throw.
 */
export class PlanReadError extends Error {
  override name = 'PlanReadError';
  /**
   * `cause`: a library's own failure (exceljs, fflate, pdf.js), in English.
   * Kept for logs only: the issues say in Chinese what is wrong and what to do.
   */
  constructor(
    readonly issues: PlanIssue[],
    options?: { cause?: unknown },
  ) {
    super(issues.map(formatIssue).join('\n'), options);
  }
}

export function issue(code: string, severity: Severity, place: Place, message: string): PlanIssue {
  return { code, severity, place, message };
}

/** `plan.yaml 第12行 [tasks[3].responsibleUnits]：…` — one line per problem, as the CLI prints it. */
export function formatIssue(i: PlanIssue): string {
  const where: string[] = [];
  if (i.place.file) where.push(i.place.file);
  if (i.place.line !== undefined) where.push(`第${i.place.line}行`);
  if (i.place.row !== undefined) where.push(`表格第${i.place.row}行`);
  if (i.place.field) where.push(`[${i.place.field}]`);
  const label = i.severity === 'error' ? '错误' : '警告';
  return `${label} ${where.join(' ')}：${i.message}（${i.code}）`;
}
