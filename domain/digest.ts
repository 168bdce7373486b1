/**
 * When a step of the ladder reaches people: in the digest of the first
 * working morning at or after the moment it was reached. A step that finds
 * that morning already past (a plan started late, a worker that was down, a
 * card reached during the working day) goes in a digest sent now if today is
 * a working day and the morning has begun, else on the next working morning:
 * nothing is sent on a rest day. An `immediate` step (the ladder says so:
 * the cards) goes at once once a working day's morning has begun.
 *
 * Pure: the calendar and the clock are passed in.
 */
import { instantAt, shanghaiDate, toEpochMs, toInstant, type Calendar, type Instant, type IsoDate } from './calendar';

export interface DigestMoment {
  /** The working day whose digest the step goes in. */
  date: IsoDate;
  /** When that digest goes: the morning's mail time, or now when it has passed. */
  sendAt: Instant;
}

/**
 * digestMoment(cal, '2026-12-01T09:00+08:00', '2026-11-30T15:00+08:00') → { date: '2026-12-01', sendAt: '2026-12-01T09:00:00.000+08:00' };
 * reached Saturday 2026-12-05 00:00 (a yellow card) → Monday 2026-12-07 09:00;
 * reached 2026-11-02 09:00 but handed over 2026-11-30 15:00 (a late start) → { date: '2026-11-30', sendAt: '2026-11-30T15:00:00.000+08:00' }.
 */
export function digestMoment(
  calendar: Calendar,
  reachedAt: Instant | number,
  now: Instant | number,
  options: { mailTime?: string; immediate?: boolean } = {},
): DigestMoment {
  const mailTime = options.mailTime ?? '09:00';
  const nowMs = toEpochMs(now);
  const morningOf = (date: IsoDate) => instantAt(date, mailTime);
  /** The first working morning at or after `ms`. */
  const firstMorning = (ms: number): IsoDate => {
    const day = shanghaiDate(ms);
    const today = calendar.isWorkingDay(day) && toEpochMs(morningOf(day)) >= ms ? day : calendar.nextWorkingDay(day).date;
    return today;
  };
  const today = shanghaiDate(nowMs);
  const workingNow = calendar.isWorkingDay(today);
  const morningBegun = workingNow && nowMs >= toEpochMs(morningOf(today));
  // Immediate: at once, but never before the working morning (a card reached at midnight goes at 09:00).
  if (options.immediate && morningBegun) return { date: today, sendAt: toInstant(nowMs) };
  const scheduled = firstMorning(toEpochMs(reachedAt));
  if (toEpochMs(morningOf(scheduled)) >= nowMs) return { date: scheduled, sendAt: morningOf(scheduled) };
  // That morning has passed: today if it is a working day and its morning has begun, else the next working morning.
  if (morningBegun) return { date: today, sendAt: toInstant(nowMs) };
  const next = firstMorning(nowMs);
  return { date: next, sendAt: morningOf(next) };
}
