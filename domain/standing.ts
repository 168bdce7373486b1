/**
 * Who is overdue, worst first: the supervisor's list, computed from what
 * Temporal visibility returns for running obligations (search attributes and
 * the per-unit memo), never by querying each workflow.
 */
import type { Calendar } from './calendar';

/** What one obligation workflow publishes about its units (its memo). */
export interface PublishedUnit {
  name: string;
  due: string;
  card: string;
}

export interface PublishedObligation {
  workflowId: string;
  planId?: string;
  taskId?: string;
  rule: string;
  overdueUnitIds: string[];
  units: Record<string, PublishedUnit>;
}

export interface OverdueRow {
  workflowId: string;
  planId?: string;
  taskId?: string;
  unit: string;
  unitId: string;
  rule: string;
  /** YYYY-MM-DD */
  due: string;
  workingDaysOverdue: number;
  card: string;
  /** The count crossed a year without a loaded holiday notice. */
  provisional: boolean;
}

/**
 * Rows for every overdue unit, worst first (most working days overdue, then
 * earliest due, then task id). `today` is the Asia/Shanghai date.
 * Example: due 2024-09-30, today 2024-10-09 → 2 working days overdue (10-08, 10-09).
 */
export function overdueRows(
  obligations: PublishedObligation[],
  today: string,
  calendar: Calendar,
  filter: { unit?: string; minDays?: number } = {},
): OverdueRow[] {
  const rows: OverdueRow[] = [];
  for (const o of obligations) {
    for (const unitId of o.overdueUnitIds) {
      const unit = o.units[unitId];
      if (!unit) continue;
      if (filter.unit && filter.unit !== unitId && filter.unit !== unit.name) continue;
      const { count, provisional } = calendar.workingDaysBetween(unit.due, today);
      if (filter.minDays !== undefined && count < filter.minDays) continue;
      rows.push({
        workflowId: o.workflowId,
        planId: o.planId,
        taskId: o.taskId,
        unit: unit.name,
        unitId,
        rule: o.rule,
        due: unit.due,
        workingDaysOverdue: count,
        card: unit.card,
        provisional,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      b.workingDaysOverdue - a.workingDaysOverdue ||
      a.due.localeCompare(b.due) ||
      (a.taskId ?? '').localeCompare(b.taskId ?? '', 'zh', { numeric: true }) ||
      a.unit.localeCompare(b.unit, 'zh'),
  );
}
