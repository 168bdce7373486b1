import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  dayNumber,
  daysFromCivil,
  endOfDay,
  formatDay,
  instantAt,
  isIsoDate,
  lastDayOfMonth,
  shanghaiDate,
  shiftDays,
  startOfDay,
  toEpochMs,
  toInstant,
  weekdayOf,
} from '../../../domain/calendar';

describe('civil dates', () => {
  it('round-trips every day of 2000–2105 through day numbers', () => {
    for (let d = daysFromCivil(2000, 1, 1); d <= daysFromCivil(2105, 12, 31); d++) {
      expect(dayNumber(formatDay(d))).toBe(d);
    }
    expect(civilFromDays(daysFromCivil(2024, 2, 29))).toEqual([2024, 2, 29]);
  });
  it('knows leap years: 2024-02-29 and 2000-02-29 exist, 2100-02-29 and 2025-02-29 do not', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(shiftDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('accepts only YYYY-MM-DD', () => {
    for (const bad of ['2024-2-29', '2024/02/29', '2024-02-29T00:00', '20240229', '2024-13-01', '2024-00-10', '']) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });
  it('knows the weekday: 2026-10-10 is a Saturday, 2024-02-29 a Thursday', () => {
    expect(weekdayOf('2026-10-10')).toBe(6);
    expect(weekdayOf('2024-02-29')).toBe(4);
  });
});

describe('instants in Asia/Shanghai', () => {
  it('"by day D" is the end of D at +08:00', () => {
    expect(endOfDay('2026-10-16')).toBe('2026-10-16T23:59:59.999+08:00');
    expect(toEpochMs(endOfDay('2026-10-16'))).toBe(Date.parse('2026-10-16T15:59:59.999Z'));
    expect(startOfDay('2026-10-20')).toBe('2026-10-20T00:00:00.000+08:00');
    expect(instantAt('2026-10-19', '09:00')).toBe('2026-10-19T09:00:00.000+08:00');
  });
  it('takes the Shanghai day of an instant, not the UTC one (the classic off-by-one)', () => {
    expect(shanghaiDate('2026-10-15T16:30:00Z')).toBe('2026-10-16');
    expect(shanghaiDate('2026-10-15T15:59:59.999Z')).toBe('2026-10-15');
    expect(shanghaiDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(shanghaiDate(Date.parse('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });
  it('writes any instant with +08:00', () => {
    expect(toInstant('2026-10-16T15:59:59.999Z')).toBe('2026-10-16T23:59:59.999+08:00');
    expect(toInstant(0)).toBe('1970-01-01T08:00:00.000+08:00');
  });
  it('refuses what is not an instant or a time of day', () => {
    expect(() => toEpochMs('next Friday')).toThrow(/Not an instant/);
    expect(() => instantAt('2026-10-19', '9am')).toThrow(/Not a time/);
  });
});
