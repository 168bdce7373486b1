import { describe, expect, it } from 'vitest';
import { createCalendar, packageYears } from '../../domain/calendar';
import {
  CalendarInputError,
  evaluateRule,
  requestReplyDeadlines,
  statutoryDeadline,
  statutoryDuties,
  workingDaysLate,
} from '../../domain/deadlines';
import { ruleSchema, statutoryDutySchema } from '../../domain/rules';
import { fixture2027 } from './calendar/fixture';

const calendar = createCalendar(packageYears());
const dates = (r: { dues: Array<{ date: string }> }) => r.dues.map((d) => d.date);

describe('rules from an anchor', () => {
  it('10 working days from a policy issued 2026-09-28 are due by the end of 2026-10-16', () => {
    expect(evaluateRule(calendar, { kind: 'workingDays', days: 10, from: 'policyIssued' }, { planYear: 2026, eventDate: '2026-09-28' })).toEqual({
      dues: [{ date: '2026-10-16', instant: '2026-10-16T23:59:59.999+08:00', provisional: false, label: '10个工作日内' }],
      reviewOnly: false,
    });
  });
  it('7 calendar days from a comment period closing 2024-09-28 run to 2024-10-08', () => {
    const r = evaluateRule(calendar, { kind: 'calendarDays', days: 7, from: 'commentClosed' }, { planYear: 2024, eventDate: '2024-09-28' });
    expect(r.dues[0]).toMatchObject({ date: '2024-10-08', instant: '2024-10-08T23:59:59.999+08:00', provisional: false });
  });
  it('relative rules need the event date', () => {
    expect(() => evaluateRule(calendar, { kind: 'calendarDays', days: 30, from: 'planIssued' }, { planYear: 2024 })).toThrow(CalendarInputError);
  });
  it('"6月底前" is June 30 of the plan year; "2021年底前" names its own year', () => {
    expect(dates(evaluateRule(calendar, { kind: 'monthEnd', month: 6 }, { planYear: 2024 }))).toEqual(['2024-06-30']);
    expect(dates(evaluateRule(calendar, { kind: 'monthEnd', month: 12, year: 2021 }, { planYear: 2021 }))).toEqual(['2021-12-31']);
    expect(dates(evaluateRule(calendar, { kind: 'monthEnd', month: 2 }, { planYear: 2024 }))).toEqual(['2024-02-29']);
  });
  it('a fixed date stands even on a rest day: 6月底前 in 2024 is Sunday 2024-06-30', () => {
    expect(evaluateRule(calendar, { kind: 'monthEnd', month: 6 }, { planYear: 2024 }).dues[0]).toEqual({
      date: '2024-06-30',
      instant: '2024-06-30T23:59:59.999+08:00',
      provisional: false,
      label: '6月底前',
    });
  });
  it('quarterly duties are due at each quarter end of the plan year', () => {
    const r = evaluateRule(calendar, { kind: 'quarterly' }, { planYear: 2025 });
    expect(dates(r)).toEqual(['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31']);
    expect(r.dues.map((d) => d.label)).toEqual(['第一季度', '第二季度', '第三季度', '第四季度']);
  });
  it('"每年至少4次" is a count due by December 31; "长期坚持" is a year-end review', () => {
    expect(evaluateRule(calendar, { kind: 'atLeastTimes', times: 4 }, { planYear: 2024 })).toMatchObject({ dues: [{ date: '2024-12-31' }], requiredCount: 4, reviewOnly: false });
    expect(evaluateRule(calendar, { kind: 'openEnded' }, { planYear: 2024 })).toMatchObject({ dues: [{ date: '2024-12-31', label: '年底前复核' }], reviewOnly: true });
  });
  it('a fixed yearly date that has passed falls in the next year', () => {
    const rule = { kind: 'fixedYearly', month: 3, day: 31 } as const;
    expect(dates(evaluateRule(calendar, rule, { planYear: 2023 }))).toEqual(['2023-03-31']);
    expect(dates(evaluateRule(calendar, rule, { planYear: 2023, eventDate: '2023-03-31' }))).toEqual(['2023-03-31']);
    expect(dates(evaluateRule(calendar, rule, { planYear: 2023, eventDate: '2023-04-01' }))).toEqual(['2024-03-31']);
  });
  it('a due day in 2027 is provisional until a 2027 notice is loaded', () => {
    const rule = { kind: 'workingDays', days: 10, from: 'policyIssued' } as const;
    expect(evaluateRule(calendar, rule, { planYear: 2026, eventDate: '2026-12-28' }).dues[0]).toMatchObject({ date: '2027-01-11', provisional: true });
    expect(evaluateRule(calendar, { kind: 'fixedYearly', month: 1, day: 31 }, { planYear: 2027 }).dues[0]).toMatchObject({ date: '2027-01-31', provisional: true });
    const loaded = createCalendar([...packageYears(), fixture2027()]);
    expect(evaluateRule(loaded, rule, { planYear: 2026, eventDate: '2026-12-28' }).dues[0]).toMatchObject({ date: '2027-01-12', provisional: false });
    expect(evaluateRule(loaded, { kind: 'fixedYearly', month: 1, day: 31 }, { planYear: 2027 }).dues[0]).toMatchObject({ date: '2027-01-31', provisional: false });
  });
});

describe('statutory duties by name', () => {
  it('has a valid rule for every duty of the contract', () => {
    for (const duty of statutoryDutySchema.options) {
      expect(statutoryDuties[duty].duty).toBe(duty);
      expect(ruleSchema.parse(statutoryDuties[duty].rule)).toEqual(statutoryDuties[duty].rule);
    }
  });
  it('breakdown: 30 days from a plan issued 2024-01-12 end on the 调休 Sunday 2024-02-18 (02-11 is in 春节)', () => {
    expect(dates(statutoryDeadline(calendar, 'breakdownSubmission', { planYear: 2024, eventDate: '2024-01-12' }))).toEqual(['2024-02-18']);
  });
  it('feedback: 10 working days from 2025-09-26 end on 2025-10-16 (国庆+中秋, 调休 09-28 and 10-11)', () => {
    expect(dates(statutoryDeadline(calendar, 'feedbackDisclosure', { planYear: 2025, eventDate: '2025-09-26' }))).toEqual(['2025-10-16']);
  });
  it('comment publication: 7 days from 2025-09-24 end on 2025-10-09', () => {
    expect(dates(statutoryDeadline(calendar, 'commentPublication', { planYear: 2025, eventDate: '2025-09-24' }))).toEqual(['2025-10-09']);
  });
  it('SME arrears by March 31, annual reports by January 31 and March 31', () => {
    expect(dates(statutoryDeadline(calendar, 'smeArrearsDisclosure', { planYear: 2025 }))).toEqual(['2025-03-31']);
    expect(dates(statutoryDeadline(calendar, 'annualReportDepartment', { planYear: 2026 }))).toEqual(['2026-01-31']);
    expect(dates(statutoryDeadline(calendar, 'annualReportGovernment', { planYear: 2026 }))).toEqual(['2026-03-31']);
  });
  it('proactive disclosure: 20 working days from 2024-04-26 end on 2024-05-27', () => {
    expect(dates(statutoryDeadline(calendar, 'proactiveDisclosure', { planYear: 2024, eventDate: '2024-04-26' }))).toEqual(['2024-05-27']);
  });
});

describe('the request-reply clock', () => {
  it('20 working days from receipt on 2026-09-28 end on 2026-10-30; 补正 must be asked by 2026-10-13', () => {
    const r = requestReplyDeadlines(calendar, { receivedOn: '2026-09-28' });
    expect(r.replyDue).toMatchObject({ date: '2026-10-30', instant: '2026-10-30T23:59:59.999+08:00', provisional: false });
    expect(r.amendmentNoticeDue.date).toBe('2026-10-13');
    expect(r.extendedReplyDue).toBeUndefined();
  });
  it('one extension of 20 working days moves the reply to 2026-11-27', () => {
    expect(requestReplyDeadlines(calendar, { receivedOn: '2026-09-28', extensionWorkingDays: 20 }).extendedReplyDue?.date).toBe('2026-11-27');
  });
  it('refuses an extension beyond 20 working days', () => {
    expect(() => requestReplyDeadlines(calendar, { receivedOn: '2026-09-28', extensionWorkingDays: 21 })).toThrow(CalendarInputError);
  });
  it('补正 restarts the clock from receipt of the amended request', () => {
    const r = requestReplyDeadlines(calendar, { receivedOn: '2026-09-21', amendedReceivedOn: '2026-09-28' });
    expect(r.replyDue.date).toBe('2026-10-30');
    expect(r.amendmentNoticeDue.date).toBe('2026-10-08'); // 7 working days from 09-21, across 中秋 and 国庆
  });
  it('consultation time is not counted: 6 working days paused (10-10 Saturday among them) move the reply to 2026-11-09', () => {
    const r = requestReplyDeadlines(calendar, { receivedOn: '2026-09-28', pauses: [{ from: '2026-10-09', to: '2026-10-16' }] });
    expect(r.replyDue.date).toBe('2026-11-09');
    expect(r.pausedWorkingDays).toBe(6);
  });
  it('overlapping pauses count each day once, and a pause after the due day changes nothing', () => {
    const overlapping = requestReplyDeadlines(calendar, {
      receivedOn: '2026-09-28',
      pauses: [
        { from: '2026-10-09', to: '2026-10-16' },
        { from: '2026-10-12', to: '2026-10-14' },
      ],
    });
    expect(overlapping.replyDue.date).toBe('2026-11-09');
    expect(requestReplyDeadlines(calendar, { receivedOn: '2026-09-28', pauses: [{ from: '2026-12-01', to: '2026-12-10' }] }).replyDue.date).toBe('2026-10-30');
  });
});

describe('working days late', () => {
  it('a report on Monday for a Friday deadline is 1 working day late; on Saturday, 0', () => {
    const due = '2026-10-16T23:59:59.999+08:00';
    expect(workingDaysLate(calendar, due, '2026-10-19T10:00:00+08:00')).toBe(1);
    expect(workingDaysLate(calendar, due, '2026-10-17T10:00:00+08:00')).toBe(0);
    expect(workingDaysLate(calendar, due, '2026-10-16T15:59:59.000Z')).toBe(0);
    expect(workingDaysLate(calendar, due, '2026-10-16T16:00:00.000Z')).toBe(0);
  });
});
