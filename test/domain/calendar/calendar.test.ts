import { describe, expect, it } from 'vitest';
import { createCalendar, packageYears } from '../../../domain/calendar';
import { fixture2027 } from './fixture';

const calendar = createCalendar(packageYears());
const addWorking = (date: string, n: number) => calendar.addWorkingDays(date, n);
const exact = (date: string) => ({ date, provisional: false });

describe('the package data', () => {
  it('covers 2004–2026, read from the data itself', () => {
    expect(calendar.coveredYears[0]).toBe(2004);
    expect(calendar.coveredYears.at(-1)).toBe(2026);
    expect(calendar.coveredYears).toHaveLength(23);
    expect(calendar.isCovered(2027)).toBe(false);
  });
});

describe('working days across every holiday period of 2024', () => {
  it('元旦: the working day after Friday 2023-12-29 is 2024-01-02', () => {
    expect(addWorking('2023-12-29', 1)).toEqual(exact('2024-01-02'));
  });
  it('春节: 2024-02-10…17 off; Sunday 02-04 and Sunday 02-18 are 调休 working days', () => {
    expect(addWorking('2024-02-09', 1)).toEqual(exact('2024-02-18'));
    expect(addWorking('2024-02-02', 1)).toEqual(exact('2024-02-04'));
    expect(calendar.dayInfo('2024-02-18')).toMatchObject({ workday: true, reason: 'adjustedWorkday', holiday: '春节' });
  });
  it('清明: 2024-04-04…06 off, Sunday 04-07 worked', () => {
    expect(addWorking('2024-04-03', 1)).toEqual(exact('2024-04-07'));
  });
  it('劳动节: 2024-05-01…05 off, Sunday 04-28 and Saturday 05-11 worked', () => {
    expect(addWorking('2024-04-26', 1)).toEqual(exact('2024-04-28'));
    expect(addWorking('2024-04-30', 1)).toEqual(exact('2024-05-06'));
    expect(addWorking('2024-05-10', 1)).toEqual(exact('2024-05-11'));
  });
  it('端午: Monday 2024-06-10 off', () => {
    expect(addWorking('2024-06-07', 1)).toEqual(exact('2024-06-11'));
  });
  it('中秋: 2024-09-15…17 off, Saturday 09-14 worked', () => {
    expect(addWorking('2024-09-13', 1)).toEqual(exact('2024-09-14'));
    expect(addWorking('2024-09-14', 1)).toEqual(exact('2024-09-18'));
  });
  it('国庆: 2024-10-01…07 off, Sunday 09-29 and Saturday 10-12 worked', () => {
    expect(addWorking('2024-09-27', 2)).toEqual(exact('2024-09-30'));
    expect(addWorking('2024-09-30', 1)).toEqual(exact('2024-10-08'));
    expect(addWorking('2024-10-11', 1)).toEqual(exact('2024-10-12'));
  });
});

describe('working days across every holiday period of 2025', () => {
  it('元旦 across the year boundary: after 2024-12-31 comes 2025-01-02', () => {
    expect(addWorking('2024-12-31', 1)).toEqual(exact('2025-01-02'));
  });
  it('春节: 2025-01-28…02-04 off, Sunday 01-26 and Saturday 02-08 worked', () => {
    expect(addWorking('2025-01-24', 1)).toEqual(exact('2025-01-26'));
    expect(addWorking('2025-01-27', 1)).toEqual(exact('2025-02-05'));
    expect(addWorking('2025-02-07', 1)).toEqual(exact('2025-02-08'));
  });
  it('清明: 2025-04-04…06 off', () => {
    expect(addWorking('2025-04-03', 1)).toEqual(exact('2025-04-07'));
  });
  it('劳动节: 2025-05-01…05 off, Sunday 04-27 worked', () => {
    expect(addWorking('2025-04-25', 1)).toEqual(exact('2025-04-27'));
    expect(addWorking('2025-04-30', 1)).toEqual(exact('2025-05-06'));
  });
  it('端午: 2025-05-31…06-02 off', () => {
    expect(addWorking('2025-05-30', 1)).toEqual(exact('2025-06-03'));
  });
  it('国庆 and 中秋 together: 2025-10-01…08 off, Sunday 09-28 and Saturday 10-11 worked', () => {
    expect(addWorking('2025-09-26', 1)).toEqual(exact('2025-09-28'));
    expect(addWorking('2025-09-30', 1)).toEqual(exact('2025-10-09'));
    expect(addWorking('2025-10-10', 1)).toEqual(exact('2025-10-11'));
    expect(calendar.dayInfo('2025-10-06')).toMatchObject({ workday: false, reason: 'holiday', holiday: '中秋' });
  });
});

describe('working days across every holiday period of 2026', () => {
  it('元旦: 2026-01-01…03 off, Sunday 01-04 worked, across the year boundary', () => {
    expect(addWorking('2025-12-31', 1)).toEqual(exact('2026-01-04'));
  });
  it('春节: 2026-02-15…23 off, Saturdays 02-14 and 02-28 worked', () => {
    expect(addWorking('2026-02-13', 1)).toEqual(exact('2026-02-14'));
    expect(addWorking('2026-02-14', 1)).toEqual(exact('2026-02-24'));
    expect(addWorking('2026-02-27', 1)).toEqual(exact('2026-02-28'));
  });
  it('清明: 2026-04-04…06 off', () => {
    expect(addWorking('2026-04-03', 1)).toEqual(exact('2026-04-07'));
  });
  it('劳动节: 2026-05-01…05 off, Saturday 05-09 worked', () => {
    expect(addWorking('2026-04-30', 1)).toEqual(exact('2026-05-06'));
    expect(addWorking('2026-05-08', 1)).toEqual(exact('2026-05-09'));
  });
  it('端午: 2026-06-19…21 off', () => {
    expect(addWorking('2026-06-18', 1)).toEqual(exact('2026-06-22'));
  });
  it('中秋: 2026-09-25…27 off, Sunday 09-20 worked', () => {
    expect(addWorking('2026-09-18', 1)).toEqual(exact('2026-09-20'));
    expect(addWorking('2026-09-24', 1)).toEqual(exact('2026-09-28'));
  });
  it('10 working days across National Day end on 2026-10-16', () => {
    expect(addWorking('2026-09-28', 10)).toEqual(exact('2026-10-16'));
  });
});

describe('calendar-day periods, procedural-law counting', () => {
  it('7 days from 2024-09-28 end on 2024-10-08: 10-05 is a holiday, the period runs to the next working day', () => {
    expect(calendar.addCalendarDays('2024-09-28', 7)).toEqual(exact('2024-10-08'));
  });
  it('a period ending in 春节 ends on the 调休 Sunday 2024-02-18', () => {
    expect(calendar.addCalendarDays('2024-01-12', 30)).toEqual(exact('2024-02-18'));
  });
  it('a period ending on an ordinary Saturday ends on Monday', () => {
    expect(calendar.addCalendarDays('2026-03-01', 6)).toEqual(exact('2026-03-09'));
  });
  it('a period ending on a working day stays there; the start day is not counted', () => {
    expect(calendar.addCalendarDays('2024-03-20', 30)).toEqual(exact('2024-04-19'));
    expect(calendar.addCalendarDays('2026-09-30', 10)).toEqual(exact('2026-10-10'));
  });
  it('7 days from 2025-09-24 run past the 8-day National Day holiday to 2025-10-09', () => {
    expect(calendar.addCalendarDays('2025-09-24', 7)).toEqual(exact('2025-10-09'));
  });
  it('across the year boundary into 元旦 2026, ending on the 调休 Sunday 2026-01-04', () => {
    expect(calendar.addCalendarDays('2025-12-25', 7)).toEqual(exact('2026-01-04'));
  });
});

describe('leap day', () => {
  it('2024-02-29 exists and is a working Thursday', () => {
    expect(calendar.dayInfo('2024-02-29')).toMatchObject({ weekday: 4, workday: true, reason: 'workday' });
    expect(calendar.addCalendarDays('2024-01-30', 30)).toEqual(exact('2024-02-29'));
    expect(addWorking('2024-02-28', 1)).toEqual(exact('2024-02-29'));
    expect(addWorking('2024-02-29', 1)).toEqual(exact('2024-03-01'));
  });
  it('2025-02-29 does not exist', () => {
    expect(() => calendar.dayInfo('2025-02-29')).toThrow(/valid date/);
  });
});

describe('day kinds and neighbours', () => {
  it('tells 调休上班, 节假日 and 周末 apart in October 2026', () => {
    expect(calendar.dayInfo('2026-10-10')).toEqual({ date: '2026-10-10', weekday: 6, workday: true, reason: 'adjustedWorkday', holiday: '国庆节', provisional: false });
    expect(calendar.dayInfo('2026-10-03')).toEqual({ date: '2026-10-03', weekday: 6, workday: false, reason: 'holiday', holiday: '国庆节', provisional: false });
    expect(calendar.dayInfo('2026-10-11')).toEqual({ date: '2026-10-11', weekday: 0, workday: false, reason: 'weekend', provisional: false });
    expect(calendar.dayInfo('2026-10-09')).toEqual({ date: '2026-10-09', weekday: 5, workday: true, reason: 'workday', provisional: false });
  });
  it('finds the working days around National Day 2026', () => {
    expect(calendar.nextWorkingDay('2026-10-01')).toEqual(exact('2026-10-08'));
    expect(calendar.previousWorkingDay('2026-10-08')).toEqual(exact('2026-09-30'));
    expect(calendar.nextWorkingDay('2026-10-09', { includeSelf: true })).toEqual(exact('2026-10-09'));
    expect(calendar.nextWorkingDay('2026-10-09')).toEqual(exact('2026-10-10'));
  });
  it('counts working days between dates, the first not counted', () => {
    expect(calendar.workingDaysBetween('2026-09-28', '2026-10-16')).toEqual({ count: 10, provisional: false });
    expect(calendar.workingDaysBetween('2026-10-16', '2026-09-28')).toEqual({ count: 0, provisional: false });
  });
  it('subtracts working days: 3 working days before 2026-10-08 is 2026-09-28', () => {
    expect(addWorking('2026-10-08', -3)).toEqual(exact('2026-09-28'));
    expect(addWorking('2026-10-08', -1)).toEqual(exact('2026-09-30'));
  });
});

describe('provisional years (no notice loaded)', () => {
  it('10 working days from 2026-12-28 reach 2027-01-11 counting weekends only, marked provisional', () => {
    expect(addWorking('2026-12-28', 10)).toEqual({ date: '2027-01-11', provisional: true });
  });
  it('a period that stays in 2026 is exact even close to the boundary', () => {
    expect(addWorking('2026-12-14', 10)).toEqual(exact('2026-12-28'));
    expect(calendar.addCalendarDays('2026-12-20', 7)).toEqual(exact('2026-12-28'));
  });
  it('a 2027 day is an ordinary weekday, provisionally', () => {
    expect(calendar.dayInfo('2027-01-01')).toMatchObject({ workday: true, reason: 'workday', provisional: true });
    expect(calendar.uncoveredYears('2026-12-28', '2027-01-11')).toEqual([2027]);
  });
  it('any date returned in 2027 is provisional, even when nothing was counted', () => {
    expect(addWorking('2027-03-01', 0)).toEqual({ date: '2027-03-01', provisional: true });
    expect(calendar.nextWorkingDay('2027-01-01', { includeSelf: true })).toEqual({ date: '2027-01-01', provisional: true });
  });
  it('years before 2004 are provisional too', () => {
    expect(addWorking('2003-12-30', 1)).toEqual({ date: '2003-12-31', provisional: true });
  });
});

describe('loading a 2027 year (the fictional test fixture)', () => {
  const with2027 = createCalendar([...packageYears(), fixture2027()]);
  it('turns the provisional 2027-01-11 into the exact 2027-01-12 (元旦 2027-01-01…03)', () => {
    expect(with2027.addWorkingDays('2026-12-28', 10)).toEqual(exact('2027-01-12'));
    expect(with2027.dayInfo('2027-01-01')).toMatchObject({ workday: false, reason: 'holiday', holiday: '元旦', provisional: false });
    expect(with2027.coveredYears.at(-1)).toBe(2027);
  });
  it('counts its 调休 Saturday 2027-02-20 as a working day', () => {
    expect(with2027.addWorkingDays('2027-02-19', 1)).toEqual(exact('2027-02-20'));
  });
  it('an imported year wins over the package for the same year', () => {
    const amended = { ...fixture2027(), year: 2026, holidays: [{ date: '2026-12-31', name: '测试' }], workdays: [] };
    const cal = createCalendar([...packageYears(), amended]);
    expect(cal.isWorkingDay('2026-12-31')).toBe(false);
    expect(cal.isWorkingDay('2026-10-05')).toBe(true); // the whole year is replaced, not merged
  });
});
