/**
 * Civil dates and instants in Asia/Shanghai.
 *
 * Conventions used across duban's date API:
 * - a **date** is a civil day in Asia/Shanghai, written 'YYYY-MM-DD';
 * - an **instant** is an ISO 8601 string with the +08:00 offset, e.g.
 *   '2026-10-16T23:59:59.999+08:00' (what `Date.parse` and Temporal's
 *   timers take directly); functions that accept an instant also take epoch ms.
 *
 * Day arithmetic works on integer day numbers (days since 1970-01-01), not on
 * dayjs objects: it is the hot path of every deadline. dayjs with the
 * timezone plugin is used where an instant meets a civil day, so the offset
 * comes from the time-zone database rather than from a constant.
 * Nothing here reads the clock.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TIME_ZONE = 'Asia/Shanghai';

/** A civil day in Asia/Shanghai, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** An instant, ISO 8601 with offset, e.g. '2026-10-16T23:59:59.999+08:00'. */
export type Instant = string;

/** A date (or instant) that depends on holiday data, with whether that data was official. */
export interface DatedResult {
  date: IsoDate;
  /** True when a day the result depends on lies in a year with no holiday notice loaded: recompute when it is. */
  provisional: boolean;
}

export class InvalidDateError extends Error {
  override name = 'InvalidDateError';
  constructor(readonly input: unknown) {
    super(`Not a valid date (YYYY-MM-DD): ${JSON.stringify(input)}`);
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[m - 1]!;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). daysFromCivil(2024, 2, 29) === 19782. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of daysFromCivil: civilFromDays(19782) → [2024, 2, 29]. */
export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const ZERO = 48;
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - ZERO;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Parses 'YYYY-MM-DD' to a day number, strictly (no time, real calendar day). dayNumber('1970-01-02') === 1. */
export function dayNumber(date: IsoDate): number {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') throw new InvalidDateError(date);
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const m = digit(date, 5) * 10 + digit(date, 6);
  const d = digit(date, 8) * 10 + digit(date, 9);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) throw new InvalidDateError(date);
  return daysFromCivil(y, m, d);
}

/** True for a real calendar day written 'YYYY-MM-DD' ('2024-02-29' yes, '2025-02-29' no). */
export function isIsoDate(value: unknown): value is IsoDate {
  try {
    dayNumber(value as string);
    return true;
  } catch {
    return false;
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** formatDay(20377) → '2025-10-16'. */
export function formatDay(day: number): IsoDate {
  const [y, m, d] = civilFromDays(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** 0 = Sunday … 6 = Saturday. weekdayOf('2026-10-10') === 6. */
export function weekdayOf(date: IsoDate): number {
  return weekdayOfDay(dayNumber(date));
}

export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Plain calendar shift, no holiday rule: shiftDays('2024-03-01', -1) → '2024-02-29'. */
export function shiftDays(date: IsoDate, days: number): IsoDate {
  return formatDay(dayNumber(date) + days);
}

/** The year of a date: yearOf('2027-01-15') === 2027. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** The last day of a month: lastDayOfMonth(2024, 2) → '2024-02-29'. */
export function lastDayOfMonth(year: number, month: number): IsoDate {
  return `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`;
}

/**
 * The UTC offset of Asia/Shanghai on a day, in minutes, from the time-zone
 * database through dayjs, cached per day: +480 for every day since 1991, but
 * read rather than assumed, and formatting instants stays off Intl's slow path.
 */
const offsetCache = new Map<number, number>();
function offsetMinutes(day: number): number {
  let offset = offsetCache.get(day);
  if (offset === undefined) {
    offset = dayjs.tz(`${formatDay(day)}T12:00:00`, TIME_ZONE).utcOffset();
    offsetCache.set(day, offset);
  }
  return offset;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
const MS_PER_DAY = 86_400_000;

/**
 * The instant at a wall-clock time of a day in Asia/Shanghai.
 * instantAt('2026-10-19', '09:00') → '2026-10-19T09:00:00.000+08:00'.
 */
export function instantAt(date: IsoDate, time: string): Instant {
  const day = dayNumber(date);
  if (!/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{3})?)?$/.test(time)) throw new Error(`Not a time of day (HH:mm): ${time}`);
  const full = time.length === 5 ? `${time}:00.000` : time.length === 8 ? `${time}.000` : time;
  return `${date}T${full}${formatOffset(offsetMinutes(day))}`;
}

/**
 * "By day D": the last instant of D in Asia/Shanghai.
 * endOfDay('2026-10-16') → '2026-10-16T23:59:59.999+08:00'.
 */
export function endOfDay(date: IsoDate): Instant {
  return instantAt(date, '23:59:59.999');
}

/** The first instant of D in Asia/Shanghai: startOfDay('2026-10-20') → '2026-10-20T00:00:00.000+08:00'. */
export function startOfDay(date: IsoDate): Instant {
  return instantAt(date, '00:00');
}

/** Epoch milliseconds of an instant: toEpochMs('2026-10-16T23:59:59.999+08:00') === 1792166399999. */
export function toEpochMs(instant: Instant | number): number {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) throw new Error(`Not an instant (ISO 8601 with offset, or epoch ms): ${String(instant)}`);
  return ms;
}

/** Shanghai wall-clock of an instant: [day number, ms into the day, offset in minutes]. */
function local(instant: Instant | number): [number, number, number] {
  const ms = toEpochMs(instant);
  // Guess the day with +08:00, then use that day's real offset.
  const offset = offsetMinutes(Math.floor((ms + 480 * 60_000) / MS_PER_DAY));
  const localMs = ms + offset * 60_000;
  const day = Math.floor(localMs / MS_PER_DAY);
  return [day, localMs - day * MS_PER_DAY, offset];
}

/** The instant as ISO with +08:00: toInstant(1792166399999) → '2026-10-16T23:59:59.999+08:00'. */
export function toInstant(instant: Instant | number): Instant {
  const [day, msOfDay, offset] = local(instant);
  const h = Math.floor(msOfDay / 3_600_000);
  const m = Math.floor(msOfDay / 60_000) % 60;
  const sec = Math.floor(msOfDay / 1000) % 60;
  return `${formatDay(day)}T${pad2(h)}:${pad2(m)}:${pad2(sec)}.${pad3(msOfDay % 1000)}${formatOffset(offset)}`;
}

/**
 * The civil day in Asia/Shanghai an instant falls on — where UTC-based code
 * goes off by one: shanghaiDate('2026-10-15T16:30:00Z') → '2026-10-16'.
 */
export function shanghaiDate(instant: Instant | number): IsoDate {
  return formatDay(local(instant)[0]);
}
