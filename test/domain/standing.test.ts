import { describe, expect, it } from 'vitest';
import { createCalendar, packageYears } from '../../domain/calendar';
import { overdueRows, type PublishedObligation } from '../../domain/standing';

const calendar = createCalendar(packageYears());

function published(workflowId: string, taskId: string, units: Record<string, string>, overdue: string[]): PublishedObligation {
  return {
    workflowId,
    planId: 'p',
    taskId,
    rule: 'monthEnd',
    overdueUnitIds: overdue,
    units: Object.fromEntries(Object.entries(units).map(([id, due]) => [id, { name: `${id}名`, due, card: 'yellow' }])),
  };
}

describe('overdue standing', () => {
  const obligations = [
    published('w1', '1', { a: '2024-09-30', b: '2024-09-30' }, ['a']),
    published('w2', '2', { c: '2024-09-27', a: '2024-10-08' }, ['c', 'a']),
  ];

  it('counts working days overdue across National Day, worst first', () => {
    const rows = overdueRows(obligations, '2024-10-09', calendar);
    expect(rows.map((r) => [r.taskId, r.unitId, r.due, r.workingDaysOverdue])).toEqual([
      // 09-29 (Sun, 调休上班), 09-30, 10-08, 10-09
      ['2', 'c', '2024-09-27', 4],
      ['1', 'a', '2024-09-30', 2],
      ['2', 'a', '2024-10-08', 1],
    ]);
    expect(rows.every((r) => r.provisional === false)).toBe(true);
  });

  it('filters by unit (id or name) and by minimum days', () => {
    expect(overdueRows(obligations, '2024-10-09', calendar, { unit: 'a' }).map((r) => r.workflowId)).toEqual(['w1', 'w2']);
    expect(overdueRows(obligations, '2024-10-09', calendar, { unit: 'c名' }).map((r) => r.workflowId)).toEqual(['w2']);
    expect(overdueRows(obligations, '2024-10-09', calendar, { minDays: 2 }).map((r) => r.unitId)).toEqual(['c', 'a']);
  });
});
