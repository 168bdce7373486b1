import { describe, expect, it } from 'vitest';
import { createCalendar, packageYears } from '../../domain/calendar';
import { defaultEscalationPolicy, escalationPolicySchema, escalationSteps, nextEscalationStep } from '../../domain/escalation';
import { fixture2027 } from './calendar/fixture';

const calendar = createCalendar(packageYears());
const brief = (steps: ReturnType<typeof escalationSteps>) => steps.map((s) => `${s.at} ${s.step}`);

describe('the default ladder', () => {
  it('for Friday 2026-10-16: notices at 09:00 on working days, cards when the overdue working days have ended', () => {
    expect(brief(escalationSteps(calendar, { date: '2026-10-16' }, defaultEscalationPolicy, { limit: 8 }))).toEqual([
      '2026-10-09T09:00:00.000+08:00 notice',
      '2026-10-13T09:00:00.000+08:00 reminder',
      '2026-10-15T09:00:00.000+08:00 urgent',
      '2026-10-16T09:00:00.000+08:00 dueToday',
      '2026-10-20T00:00:00.000+08:00 yellowCard', // Monday 10-19, the 1st working day overdue, has ended
      '2026-10-24T00:00:00.000+08:00 redCard', // the 5th, Friday 10-23, has ended
      '2026-11-02T09:00:00.000+08:00 redCardWeekly', // Saturday 10-31 → Monday
      '2026-11-09T09:00:00.000+08:00 redCardWeekly',
    ]);
  });
  it('names the audience of each step as docs/domain.md does', () => {
    const steps = escalationSteps(calendar, { date: '2026-10-16' }, defaultEscalationPolicy, { limit: 7 });
    expect(Object.fromEntries(steps.map((s) => [s.step, s.audience]))).toEqual({
      notice: ['contact'],
      reminder: ['contact', 'head'],
      urgent: ['contact', 'head'],
      dueToday: ['contact', 'head'],
      yellowCard: ['contact', 'head', 'supervisor'],
      redCard: ['contact', 'head', 'supervisor', 'leadership'],
      redCardWeekly: ['contact', 'head', 'supervisor', 'leadership'],
    });
    expect(steps.map((s) => s.delivery)).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled', 'immediate', 'immediate', 'scheduled']);
  });
  it('moves "before" steps that land on a holiday to the previous working day and folds them into one mail', () => {
    // Due Thursday 2026-10-08, right after National Day: 7 and 3 days before are holidays → Wednesday 09-30, the same morning as "urgent".
    const steps = escalationSteps(calendar, '2026-10-08T23:59:59.999+08:00', defaultEscalationPolicy, { limit: 4 });
    expect(brief(steps)).toEqual([
      '2026-09-30T09:00:00.000+08:00 urgent',
      '2026-10-08T09:00:00.000+08:00 dueToday',
      '2026-10-10T00:00:00.000+08:00 yellowCard', // Friday 10-09 ended; the 调休 Saturday is a working day
      '2026-10-15T00:00:00.000+08:00 redCard', // 10-09, 10-10, 10-12, 10-13, 10-14
    ]);
    expect(steps[0]!.merged).toEqual(['notice', 'reminder']);
  });
  it('sends "due today" for a Sunday fixed date on the Friday before', () => {
    // 2024-03-31 is a Sunday.
    const steps = escalationSteps(calendar, { date: '2024-03-31' }, defaultEscalationPolicy, { limit: 4 });
    expect(brief(steps)).toEqual([
      '2024-03-22T09:00:00.000+08:00 notice', // 7 days before is Sunday 03-24 → Friday
      '2024-03-28T09:00:00.000+08:00 reminder',
      '2024-03-29T09:00:00.000+08:00 dueToday', // also the last working day before: "urgent" folded in
      '2024-04-02T00:00:00.000+08:00 yellowCard',
    ]);
    expect(steps[2]!.merged).toEqual(['urgent']);
  });
  it('counts the 调休 Saturday 2026-02-14 and skips 春节 for the cards', () => {
    expect(brief(escalationSteps(calendar, { date: '2026-02-13' }, defaultEscalationPolicy, { after: '2026-02-13T12:00:00+08:00', limit: 3 }))).toEqual([
      '2026-02-15T00:00:00.000+08:00 yellowCard',
      '2026-02-28T00:00:00.000+08:00 redCard', // 02-14, 02-24 … 02-27
      '2026-03-09T09:00:00.000+08:00 redCardWeekly', // 03-07 is a Saturday
    ]);
  });
});

describe('asking for steps over time', () => {
  it('gives the steps after an instant and up to a horizon', () => {
    const steps = escalationSteps(calendar, { date: '2026-10-16' }, defaultEscalationPolicy, {
      after: '2026-10-16T09:00:00.000+08:00',
      until: '2026-11-30T00:00:00.000+08:00',
    });
    expect(steps.map((s) => s.date)).toEqual(['2026-10-20', '2026-10-24', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(steps.map((s) => s.repetition)).toEqual([0, 0, 1, 2, 3, 4]);
  });
  it('the next step after an instant, far into the weekly repetition', () => {
    expect(nextEscalationStep(calendar, { date: '2026-10-16' }, '2026-12-20T00:00:00+08:00')).toMatchObject({
      at: '2026-12-21T09:00:00.000+08:00',
      step: 'redCardWeekly',
      repetition: 8,
    });
  });
  it('marks steps provisional when the due day is, or when they cross into 2027', () => {
    const steps = escalationSteps(calendar, { date: '2026-12-31' }, defaultEscalationPolicy, { limit: 6 });
    expect(steps.map((s) => [s.step, s.provisional])).toEqual([
      ['notice', false],
      ['reminder', false],
      ['urgent', false],
      ['dueToday', false],
      ['yellowCard', true],
      ['redCard', true],
    ]);
    const loaded = createCalendar([...packageYears(), fixture2027()]);
    const exact = escalationSteps(loaded, { date: '2026-12-31' }, defaultEscalationPolicy, { limit: 6 });
    expect(exact.every((s) => !s.provisional)).toBe(true);
    expect(exact[4]!.at).toBe('2027-01-05T00:00:00.000+08:00'); // 元旦 2027-01-01…03 (fixture), Monday 01-04 ended
    expect(steps[4]!.at).toBe('2027-01-02T00:00:00.000+08:00'); // weekends only: Friday 01-01 counted
  });
});

describe('a due day in a year without a notice', () => {
  it('makes every step provisional, even those placed in 2026', () => {
    const steps = escalationSteps(calendar, '2027-01-05T23:59:59.999+08:00', defaultEscalationPolicy, { limit: 2 });
    expect(steps.map((s) => [s.at, s.step, s.provisional])).toEqual([
      ['2026-12-29T09:00:00.000+08:00', 'notice', true],
      ['2027-01-01T09:00:00.000+08:00', 'reminder', true], // Saturday 01-02 → Friday 01-01, a working day only for want of a notice
    ]);
  });
});

describe('a configured policy', () => {
  it('can send every step at 08:30 and escalate by calendar days, scheduled', () => {
    const policy = escalationPolicySchema.parse({
      mailTime: '08:30',
      rungs: [
        { step: 'reminder', when: { relation: 'before', days: 2, unit: 'workingDays' }, audience: ['contact'] },
        { step: 'overdue', when: { relation: 'overdue', days: 3, unit: 'calendarDays' }, audience: ['contact', 'supervisor'] },
      ],
    });
    expect(brief(escalationSteps(calendar, { date: '2026-10-16' }, policy))).toEqual([
      '2026-10-14T08:30:00.000+08:00 reminder',
      '2026-10-20T08:30:00.000+08:00 overdue', // 10-19 ends the 3 days; next working morning
    ]);
  });
  it('rejects a policy without rungs or with an unknown audience', () => {
    expect(escalationPolicySchema.safeParse({ rungs: [] }).success).toBe(false);
    expect(
      escalationPolicySchema.safeParse({ rungs: [{ step: 'x', when: { relation: 'dueDay' }, audience: ['mayor'] }] }).success,
    ).toBe(false);
  });
});
