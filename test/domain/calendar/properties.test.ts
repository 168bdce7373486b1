import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar, dayNumber, formatDay, packageYears, shiftDays } from '../../../domain/calendar';
import { fixture2027 } from './fixture';

const calendar = createCalendar([...packageYears(), fixture2027()]);
const day = (d: string) => dayNumber(d);
// Any day of 2004–2027 (2027 from the fixture) and, separately, provisional years.
const covered = fc.integer({ min: day('2004-01-01'), max: day('2027-12-31') }).map(formatDay);
const anyDay = fc.integer({ min: day('2001-01-01'), max: day('2099-12-31') }).map(formatDay);
const n = fc.integer({ min: 1, max: 400 });

describe('working-day arithmetic (property)', () => {
  it('results are working days, strictly after the start', () => {
    fc.assert(
      fc.property(anyDay, n, (d, k) => {
        const r = calendar.addWorkingDays(d, k);
        expect(calendar.isWorkingDay(r.date)).toBe(true);
        expect(r.date > d).toBe(true);
      }),
    );
  });
  it('is monotone in n', () => {
    fc.assert(
      fc.property(anyDay, n, n, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const rl = calendar.addWorkingDays(d, lo).date;
        const rh = calendar.addWorkingDays(d, hi).date;
        expect(lo === hi ? rl === rh : rl < rh).toBe(true);
      }),
    );
  });
  it('adding n then m equals adding n + m', () => {
    fc.assert(
      fc.property(anyDay, n, n, (d, a, b) => {
        const twoSteps = calendar.addWorkingDays(calendar.addWorkingDays(d, a).date, b).date;
        expect(twoSteps).toBe(calendar.addWorkingDays(d, a + b).date);
      }),
    );
  });
  it('counts back exactly: working days between start and result equal n, and -n returns to a working start', () => {
    fc.assert(
      fc.property(anyDay, n, (d, k) => {
        const r = calendar.addWorkingDays(d, k).date;
        expect(calendar.workingDaysBetween(d, r).count).toBe(k);
        if (calendar.isWorkingDay(d)) expect(calendar.addWorkingDays(r, -k).date).toBe(d);
      }),
    );
  });
  it('is exact within covered years and provisional once a result reaches an uncovered one', () => {
    fc.assert(
      fc.property(covered, n, (d, k) => {
        const r = calendar.addWorkingDays(d, k);
        expect(r.provisional).toBe(r.date >= '2028-01-01');
      }),
    );
  });
});

describe('calendar-day periods (property)', () => {
  it('end on the first working day on or after start + n, skipping only rest days', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 400 }), (d, k) => {
        const r = calendar.addCalendarDays(d, k).date;
        const last = shiftDays(d, k);
        expect(calendar.isWorkingDay(r)).toBe(true);
        expect(r >= last).toBe(true);
        for (let x = last; x < r; x = shiftDays(x, 1)) expect(calendar.isWorkingDay(x)).toBe(false);
      }),
    );
  });
  it('are monotone in n', () => {
    fc.assert(
      fc.property(anyDay, n, (d, k) => {
        expect(calendar.addCalendarDays(d, k).date <= calendar.addCalendarDays(d, k + 1).date).toBe(true);
      }),
    );
  });
});
