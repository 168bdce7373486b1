import { describe, expect, it } from 'vitest';
import { createCalendar, packageYears } from '../../../domain/calendar';
import { scheduleRule } from '../../../domain/plan/schedule';
import type { Rule } from '../../../domain/rules';

const calendar = createCalendar(packageYears());
const plan2024 = { year: 2024, issued: '2024-06-05' };
const at = (rule: Rule, plan: { year: number; issued?: string } = plan2024) => {
  const s = scheduleRule(calendar, plan, rule);
  return { due: s.due?.date ?? null, provisional: s.due?.provisional ?? null, note: s.note ?? null, first: s.firstReminder ? `${s.firstReminder.date} ${s.firstReminder.step}` : null };
};

describe('due dates and first reminders for a plan', () => {
  it('"12月底前" in 2024 is due 2024-12-31, first notice a week before', () => {
    expect(at({ kind: 'monthEnd', month: 12 })).toEqual({ due: '2024-12-31', provisional: false, note: null, first: '2024-12-24 notice' });
  });

  it('the 30-day breakdown from 2024-06-05 is due 2024-07-05', () => {
    expect(at({ kind: 'calendarDays', days: 30, from: 'planIssued' })).toEqual({ due: '2024-07-05', provisional: false, note: null, first: '2024-06-28 notice' });
  });

  it('quarterly shows the first quarter end after the issue; the notice due on Sunday 06-23 goes on Friday', () => {
    expect(at({ kind: 'quarterly' })).toEqual({ due: '2024-06-30', provisional: false, note: null, first: '2024-06-21 notice' });
  });

  it('skips a reminder that would go before the plan was issued (seed 004, issued 2024-06-24, "6月底前")', () => {
    expect(at({ kind: 'monthEnd', month: 6 }, { year: 2024, issued: '2024-06-24' })).toEqual({ due: '2024-06-30', provisional: false, note: null, first: '2024-06-27 reminder' });
  });

  it('March 31 from a plan issued 2023-06-30 falls in 2024', () => {
    expect(at({ kind: 'fixedYearly', month: 3, day: 31 }, { year: 2023, issued: '2023-06-30' }).due).toBe('2024-03-31');
  });

  it('event-driven, open-ended and undated plans have no due date, with the reason', () => {
    expect(at({ kind: 'workingDays', days: 10, from: 'policyIssued' })).toMatchObject({ due: null, note: '事件触发' });
    expect(at({ kind: 'openEnded' })).toMatchObject({ due: null, note: '年底前复核' });
    expect(at({ kind: 'calendarDays', days: 30, from: 'planIssued' }, { year: 2024 })).toMatchObject({ due: null, note: '缺印发日期' });
    expect(scheduleRule(calendar, plan2024, undefined)).toEqual({ due: null, note: '无时限' });
  });

  it('marks a date in a year without a holiday notice as provisional', () => {
    expect(at({ kind: 'monthEnd', month: 6 }, { year: 2027, issued: '2027-01-04' })).toMatchObject({ due: '2027-06-30', provisional: true });
  });

  it('says when a period runs past the calendar instead of failing', () => {
    expect(at({ kind: 'calendarDays', days: 3000, from: 'planIssued' }, { year: 2100, issued: '2100-01-01' })).toMatchObject({ due: null, note: '超出日历范围' });
  });
});
