/**
 * The working-day calendar of mainland China, built from holiday years.
 *
 * `createCalendar(years)` lays every day of 2000–2105 into typed arrays once
 * (≈38k days, well under a millisecond): the kind of each day, a prefix count
 * of working days, the list of working days and a prefix count of days in
 * years without official data. Every question after that is a few array
 * reads, which is what lets a worker recompute thousands of deadlines when a
 * holiday notice is loaded.
 *
 * Provisional results: a year no loaded notice covers is counted with
 * weekends only, and every date the calendar returns says whether a day it
 * depended on lies in such a year.
 */
import { dayNumber, daysFromCivil, formatDay, weekdayOfDay, type DatedResult, type IsoDate } from './dates';
import { FIRST_YEAR, LAST_YEAR, type CalendarYear } from './year';

/** Why a day is or is not a working day. */
export type DayReason =
  | 'workday' // an ordinary weekday
  | 'weekend' // Saturday or Sunday, not declared a working day
  | 'holiday' // declared a day off by the notice (节假日)
  | 'adjustedWorkday'; // a weekend day declared a working day (调休上班)

export interface DayInfo {
  date: IsoDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  workday: boolean;
  reason: DayReason;
  /** The holiday a 节假日 belongs to, or the one a 调休上班 day makes up for. */
  holiday?: string;
  /** The day's year has no loaded notice: weekends only. */
  provisional: boolean;
}

export class CalendarRangeError extends RangeError {
  override name = 'CalendarRangeError';
}

const RANGE_START = daysFromCivil(FIRST_YEAR, 1, 1);
// Room after the last plan year, so that a period started in 2100 can end.
const RANGE_END = daysFromCivil(LAST_YEAR + 5, 12, 31);
const LENGTH = RANGE_END - RANGE_START + 1;

const KIND_WORKDAY = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_ADJUSTED = 3;
const REASONS: DayReason[] = ['workday', 'weekend', 'holiday', 'adjustedWorkday'];

export interface Calendar {
  /** Years with official data, ascending. */
  readonly coveredYears: readonly number[];
  /** The data each covered year was built from (the winning version). */
  readonly years: readonly CalendarYear[];
  isCovered(year: number): boolean;
  /** Years without official data among the days from..to (inclusive), for messages. */
  uncoveredYears(from: IsoDate, to: IsoDate): number[];
  /** What kind of day it is: dayInfo('2026-10-10') → { workday: true, reason: 'adjustedWorkday', holiday: '国庆节', … }. */
  dayInfo(date: IsoDate): DayInfo;
  /** isWorkingDay('2026-10-10') === true (调休上班), isWorkingDay('2026-10-05') === false. */
  isWorkingDay(date: IsoDate): boolean;
  /**
   * N working days after a date, the date itself not counted (n may be
   * negative: N working days before; 0 returns the date).
   * addWorkingDays('2026-09-28', 10) → { date: '2026-10-16', provisional: false }.
   */
  addWorkingDays(date: IsoDate, n: number): DatedResult;
  /**
   * N calendar days after a date, procedural-law counting: the start day is
   * not counted, and a period whose last day is a rest day or holiday ends on
   * the next working day. n ≥ 0.
   * addCalendarDays('2024-09-28', 7) → { date: '2024-10-08', provisional: false }.
   */
  addCalendarDays(date: IsoDate, n: number): DatedResult;
  /**
   * The first working day after the date (or the date itself, with includeSelf).
   * nextWorkingDay('2026-10-01') → { date: '2026-10-08', provisional: false }.
   */
  nextWorkingDay(date: IsoDate, options?: { includeSelf?: boolean }): DatedResult;
  /**
   * The last working day before the date (or the date itself, with includeSelf).
   * previousWorkingDay('2026-10-08') → { date: '2026-09-30', provisional: false }.
   */
  previousWorkingDay(date: IsoDate, options?: { includeSelf?: boolean }): DatedResult;
  /**
   * Working days d with from < d ≤ to (0 when to ≤ from).
   * workingDaysBetween('2026-09-30', '2026-10-09') → { count: 2, provisional: false } (10-08, 10-09).
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): { count: number; provisional: boolean };
}

/** Which data wins for a year: an imported year over the package's, a later version over an earlier one. */
function precedence(y: CalendarYear): number {
  return (y.source.kind === 'imported' ? 1_000_000 : 0) + y.version;
}

/** Picks, for each year, the entry that should be used (see `precedence`). */
export function effectiveYears(years: readonly CalendarYear[]): CalendarYear[] {
  const best = new Map<number, CalendarYear>();
  for (const y of years) {
    const current = best.get(y.year);
    if (!current || precedence(y) > precedence(current)) best.set(y.year, y);
  }
  return [...best.values()].sort((a, b) => a.year - b.year);
}

/**
 * Builds a calendar from holiday years (plain data, e.g. `packageYears()` plus
 * the store's imported years; several entries for one year are resolved by
 * `effectiveYears`). The same data always gives the same calendar, so an
 * activity can hand the years to a workflow and both compute alike.
 *
 * createCalendar(packageYears()).addWorkingDays('2026-09-28', 10).date === '2026-10-16'
 */
export function createCalendar(years: readonly CalendarYear[]): Calendar {
  const used = effectiveYears(years);
  const covered = new Set(used.map((y) => y.year));

  const kind = new Uint8Array(LENGTH);
  const names = new Map<number, string>();
  for (let i = 0; i < LENGTH; i++) {
    const wd = weekdayOfDay(RANGE_START + i);
    kind[i] = wd === 0 || wd === 6 ? KIND_WEEKEND : KIND_WORKDAY;
  }
  // In year order, so that a later notice wins on a day two notices both mention.
  for (const y of used) {
    for (const h of y.holidays) {
      const i = dayNumber(h.date) - RANGE_START;
      kind[i] = KIND_HOLIDAY;
      names.set(i, h.name);
    }
    for (const w of y.workdays) {
      const i = dayNumber(w.date) - RANGE_START;
      kind[i] = KIND_ADJUSTED;
      names.set(i, w.name);
    }
  }

  // work[j]: working days among indices [0, j); unc[j]: provisional days among [0, j).
  const work = new Int32Array(LENGTH + 1);
  const unc = new Int32Array(LENGTH + 1);
  const workList: number[] = [];
  let year = FIRST_YEAR;
  let nextYearStart = daysFromCivil(year + 1, 1, 1) - RANGE_START;
  let yearCovered = covered.has(year);
  for (let i = 0; i < LENGTH; i++) {
    if (i === nextYearStart) {
      year++;
      nextYearStart = daysFromCivil(year + 1, 1, 1) - RANGE_START;
      yearCovered = covered.has(year);
    }
    const k = kind[i]!;
    const isWork = k === KIND_WORKDAY || k === KIND_ADJUSTED;
    if (isWork) workList.push(i);
    work[i + 1] = work[i]! + (isWork ? 1 : 0);
    unc[i + 1] = unc[i]! + (yearCovered ? 0 : 1);
  }
  const working = Int32Array.from(workList);
  const labels: Array<string | undefined> = new Array(LENGTH);

  const index = (date: IsoDate): number => {
    const i = dayNumber(date) - RANGE_START;
    if (i < 0 || i >= LENGTH) throw new CalendarRangeError(`Date outside the calendar (${FIRST_YEAR}–${LAST_YEAR + 5}): ${date}`);
    return i;
  };
  const label = (i: number): IsoDate => labels[i] ?? (labels[i] = formatDay(RANGE_START + i));
  const isWork = (i: number) => kind[i] === KIND_WORKDAY || kind[i] === KIND_ADJUSTED;
  // Provisional days among indices a..b inclusive.
  const anyUncovered = (a: number, b: number) => b >= a && unc[b + 1]! - unc[a]! > 0;
  const nthWorking = (k: number, date: IsoDate): number => {
    const i = working[k];
    if (i === undefined) throw new CalendarRangeError(`Result outside the calendar (${FIRST_YEAR}–${LAST_YEAR + 5}) from ${date}`);
    return i;
  };
  const next = (i: number, date: IsoDate) => nthWorking(work[i + 1]!, date);
  const previous = (i: number, date: IsoDate) => nthWorking(work[i]! - 1, date);

  return {
    coveredYears: [...covered].sort((a, b) => a - b),
    years: used,
    isCovered: (y) => covered.has(y),
    uncoveredYears(from, to) {
      const out: number[] = [];
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!covered.has(y)) out.push(y);
      return out;
    },
    dayInfo(date) {
      const i = index(date);
      const k = kind[i]!;
      const info: DayInfo = {
        date: label(i),
        weekday: weekdayOfDay(RANGE_START + i),
        workday: isWork(i),
        reason: REASONS[k]!,
        provisional: anyUncovered(i, i),
      };
      const holiday = names.get(i);
      if (holiday !== undefined) info.holiday = holiday;
      return info;
    },
    isWorkingDay: (date) => isWork(index(date)),
    addWorkingDays(date, n) {
      if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number: ${n}`);
      const i = index(date);
      if (n === 0) return { date: label(i), provisional: anyUncovered(i, i) };
      if (n > 0) {
        const r = nthWorking(work[i + 1]! + n - 1, date);
        return { date: label(r), provisional: anyUncovered(i + 1, r) };
      }
      const k = work[i]! + n;
      if (k < 0) throw new CalendarRangeError(`Result outside the calendar (${FIRST_YEAR}–${LAST_YEAR + 5}) from ${date}`);
      const r = nthWorking(k, date);
      return { date: label(r), provisional: anyUncovered(r, i - 1) };
    },
    addCalendarDays(date, n) {
      if (!Number.isInteger(n) || n < 0) throw new RangeError(`Calendar days must be a whole number ≥ 0: ${n}`);
      const t = index(date) + n;
      if (t >= LENGTH) throw new CalendarRangeError(`Result outside the calendar from ${date}`);
      // Only the last day and the rest days after it decide the result.
      const r = isWork(t) ? t : next(t, date);
      return { date: label(r), provisional: anyUncovered(t, r) };
    },
    nextWorkingDay(date, options) {
      const i = index(date);
      const self = options?.includeSelf === true;
      const r = self && isWork(i) ? i : next(i, date);
      return { date: label(r), provisional: anyUncovered(self ? i : i + 1, r) };
    },
    previousWorkingDay(date, options) {
      const i = index(date);
      const self = options?.includeSelf === true;
      const r = self && isWork(i) ? i : previous(i, date);
      return { date: label(r), provisional: anyUncovered(r, self ? i : i - 1) };
    },
    workingDaysBetween(from, to) {
      const a = index(from);
      const b = index(to);
      if (b <= a) return { count: 0, provisional: false };
      return { count: work[b + 1]! - work[a + 1]!, provisional: anyUncovered(a + 1, b) };
    },
  };
}
