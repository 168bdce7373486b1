/**
 * Escalation ladders: given a due day and a policy, when each reminder or
 * escalation goes out and to whom.
 *
 * Placement, and why:
 * - Scheduled mail goes at 09:00 Asia/Shanghai on a working day. A reminder
 *   *before* the deadline that would land on a rest day moves to the previous
 *   working day: a clerk wants the warning before the weekend or holiday,
 *   while there is still working time left; moving it later would eat into
 *   (or pass) the very time it warns about. The "due today" mail for a due
 *   day that is itself a rest day (a fixed date such as March 31 on a Sunday)
 *   goes on the last working morning before it, for the same reason.
 * - Overdue steps count full working days elapsed: "1 working day overdue"
 *   for a Friday deadline is reached when Monday has ended. An `immediate`
 *   step (escalations, by default) goes at that instant, not held for a
 *   working morning; a `scheduled` one goes at 09:00 on the next working day.
 * - Steps that land on the same instant (a long holiday squeezes "7 days
 *   before", "3 days before" and "1 working day before" onto one morning)
 *   become one mail, the most severe, listing the others in `merged`.
 * - The weekly repetition after the red card is unbounded: ask for the steps
 *   `after` an instant, up to `until`, or a `limit`.
 */
import { z } from 'zod';
import {
  instantAt,
  shanghaiDate,
  shiftDays,
  startOfDay,
  toEpochMs,
  type Calendar,
  type DatedResult,
  type Instant,
  type IsoDate,
  yearOf,
} from './calendar';

export const audienceSchema = z.enum(['contact', 'head', 'supervisor', 'leadership']);
export type Audience = z.infer<typeof audienceSchema>;

const dayCount = z.number().int().positive();
const dayUnit = z.enum(['calendarDays', 'workingDays']);

export const escalationRungSchema = z.object({
  /** The step's name, used in mail and logs: notice, reminder, urgent, dueToday, yellowCard, redCard. */
  step: z.string().min(1),
  when: z.discriminatedUnion('relation', [
    z.object({ relation: z.literal('before'), days: dayCount, unit: dayUnit }),
    z.object({ relation: z.literal('dueDay') }),
    z.object({ relation: z.literal('overdue'), days: dayCount, unit: dayUnit }),
  ]),
  /** Who is told; the unit's contact first (to), the others in copy. */
  audience: z.array(audienceSchema).min(1),
  /** scheduled: 09:00 on a working day; immediate: the moment it is reached. */
  delivery: z.enum(['scheduled', 'immediate']).default('scheduled'),
});
export type EscalationRung = z.input<typeof escalationRungSchema>;

export const escalationPolicySchema = z.object({
  /** Wall-clock time of scheduled mail, Asia/Shanghai. */
  mailTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('09:00'),
  /** From the least to the most severe; on a tie the later rung wins. */
  rungs: z.array(escalationRungSchema).min(1),
  /** After the last rung, repeated every `everyDays` calendar days until done (scheduled mail). */
  repeat: z
    .object({
      step: z.string().min(1).default('redCardWeekly'),
      everyDays: dayCount.default(7),
      audience: z.array(audienceSchema).min(1),
    })
    .optional(),
});
export type EscalationPolicy = z.output<typeof escalationPolicySchema>;
export type EscalationPolicyInput = z.input<typeof escalationPolicySchema>;

/** The ladder of docs/domain.md ("The escalation ladder"). */
export const defaultEscalationPolicy: EscalationPolicy = escalationPolicySchema.parse({
  mailTime: '09:00',
  rungs: [
    { step: 'notice', when: { relation: 'before', days: 7, unit: 'calendarDays' }, audience: ['contact'] },
    { step: 'reminder', when: { relation: 'before', days: 3, unit: 'calendarDays' }, audience: ['contact', 'head'] },
    { step: 'urgent', when: { relation: 'before', days: 1, unit: 'workingDays' }, audience: ['contact', 'head'] },
    { step: 'dueToday', when: { relation: 'dueDay' }, audience: ['contact', 'head'] },
    {
      step: 'yellowCard',
      when: { relation: 'overdue', days: 1, unit: 'workingDays' },
      audience: ['contact', 'head', 'supervisor'],
      delivery: 'immediate',
    },
    {
      step: 'redCard',
      when: { relation: 'overdue', days: 5, unit: 'workingDays' },
      audience: ['contact', 'head', 'supervisor', 'leadership'],
      delivery: 'immediate',
    },
  ],
  repeat: { step: 'redCardWeekly', everyDays: 7, audience: ['contact', 'head', 'supervisor', 'leadership'] },
} satisfies EscalationPolicyInput);

export interface EscalationStepAt {
  /** When to send: '2026-10-13T09:00:00.000+08:00'. */
  at: Instant;
  /** The day of `at` in Asia/Shanghai. */
  date: IsoDate;
  step: string;
  audience: Audience[];
  delivery: 'scheduled' | 'immediate';
  /** The due day, or a day this step's placement crossed, lies in a year with no notice loaded. */
  provisional: boolean;
  /** Less severe steps that fell on the same instant and were folded into this one. */
  merged?: string[];
  /** 0 for the ladder's rungs, k for the k-th repetition. */
  repetition: number;
}

export interface EscalationQuery {
  /** Only steps strictly after this instant (e.g. what was already handled). */
  after?: Instant | number;
  /** Only steps at or before this instant. */
  until?: Instant | number;
  /** At most this many steps (default 100): bounds the weekly repetition. */
  limit?: number;
}

/** A due day, as `{ date, provisional }` (e.g. a Due or Deadline), or a due instant. */
export type DueInput = { date: IsoDate; provisional?: boolean } | Instant;

/**
 * The reminder and escalation steps for a due day, in time order.
 *
 * With the default ladder, for 2026-10-16 (Friday):
 *   notice 10-09 09:00, reminder 10-13 09:00, urgent 10-15 09:00, dueToday 10-16 09:00,
 *   yellowCard 10-20 00:00 (Monday 10-19 has ended), redCard 10-24 00:00 (after the 5th
 *   working day, Friday 10-23), then redCardWeekly every 7 days from the red card's day, at
 *   09:00 on a working day: Saturday 10-31 → Monday 11-02, then 11-09, 11-16 …
 */
export function escalationSteps(
  calendar: Calendar,
  due: DueInput,
  policy: EscalationPolicy = defaultEscalationPolicy,
  query: EscalationQuery = {},
): EscalationStepAt[] {
  const dueDate = typeof due === 'string' ? shanghaiDate(due) : due.date;
  // Every step hangs on the due day: if it may still move, so may they.
  const dueProvisional = (typeof due !== 'string' && due.provisional === true) || !calendar.isCovered(yearOf(dueDate));
  const after = query.after === undefined ? -Infinity : toEpochMs(query.after);
  const until = query.until === undefined ? Infinity : toEpochMs(query.until);
  const limit = query.limit ?? 100;

  const scheduled = (result: DatedResult): Placed => ({
    at: instantAt(result.date, policy.mailTime),
    date: result.date,
    provisional: result.provisional,
  });
  // Object literals, not spreads: this runs for every unit of every obligation when a calendar changes.
  const stepAt = (placed: Placed, step: string, audience: Audience[], delivery: EscalationStepAt['delivery'], repetition: number) => ({
    ms: toEpochMs(placed.at),
    step: {
      at: placed.at,
      date: placed.date,
      step,
      audience: audience.slice(),
      delivery,
      provisional: placed.provisional || dueProvisional,
      repetition,
    } as EscalationStepAt,
  });

  const ladder: Array<{ ms: number; step: EscalationStepAt }> = [];
  for (const rung of policy.rungs) {
    const next = stepAt(place(calendar, dueDate, rung, scheduled), rung.step, rung.audience, rung.delivery, 0);
    const previous = ladder[ladder.length - 1];
    if (previous && previous.ms === next.ms) {
      next.step.merged = [...(previous.step.merged ?? []), previous.step.step];
      ladder[ladder.length - 1] = next;
    } else {
      ladder.push(next);
    }
  }
  // Rungs in severity order are in time order too, but sort for policies with mixed units.
  ladder.sort((a, b) => a.ms - b.ms);

  const out: EscalationStepAt[] = [];
  const take = (s: { ms: number; step: EscalationStepAt }): boolean => {
    if (s.ms > until || out.length >= limit) return false;
    if (s.ms > after) out.push(s.step);
    return true;
  };
  for (const s of ladder) if (!take(s)) return out;

  const repeat = policy.repeat;
  const last = ladder[ladder.length - 1];
  if (!repeat || !last) return out;
  let previousMs = last.ms;
  for (let k = 1; ; k++) {
    const day = calendar.nextWorkingDay(shiftDays(last.step.date, k * repeat.everyDays), { includeSelf: true });
    const next = stepAt(scheduled(day), repeat.step, repeat.audience, 'scheduled', k);
    if (next.ms === previousMs) continue; // a long holiday pushed two repetitions onto one morning
    previousMs = next.ms;
    if (!take(next)) return out;
  }
}

/** The first step strictly after an instant, or undefined when the policy has no more. */
export function nextEscalationStep(
  calendar: Calendar,
  due: DueInput,
  after: Instant | number,
  policy: EscalationPolicy = defaultEscalationPolicy,
): EscalationStepAt | undefined {
  return escalationSteps(calendar, due, policy, { after, limit: 1 })[0];
}

interface Placed {
  at: Instant;
  date: IsoDate;
  provisional: boolean;
}

function place(calendar: Calendar, dueDate: IsoDate, rung: z.output<typeof escalationRungSchema>, scheduled: (r: DatedResult) => Placed): Placed {
  const { when } = rung;
  if (when.relation === 'before') {
    const day =
      when.unit === 'workingDays'
        ? calendar.addWorkingDays(dueDate, -when.days)
        : calendar.previousWorkingDay(shiftDays(dueDate, -when.days), { includeSelf: true });
    return scheduled(day);
  }
  if (when.relation === 'dueDay') return scheduled(calendar.previousWorkingDay(dueDate, { includeSelf: true }));
  // Overdue: reached when the last counted day has ended.
  const reached =
    when.unit === 'workingDays'
      ? calendar.addWorkingDays(dueDate, when.days)
      : { date: shiftDays(dueDate, when.days), provisional: !calendar.isCovered(yearOf(shiftDays(dueDate, when.days))) };
  if (rung.delivery === 'immediate') {
    const date = shiftDays(reached.date, 1);
    return { at: startOfDay(date), date, provisional: reached.provisional };
  }
  const next = calendar.nextWorkingDay(reached.date);
  return scheduled({ date: next.date, provisional: reached.provisional || next.provisional });
}
