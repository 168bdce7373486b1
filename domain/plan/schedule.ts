/**
 * When each task of a plan is due and when its first reminder goes out, for
 * `plan preview` and `plan import --json`. The days are the ones the started
 * obligation keeps: the plan times each rule with `planTiming` and the due
 * days come from `owedDues`, as in the obligation's calendar activity. This
 * module only adds what staff read beside them:
 *
 * - periods from other events (a policy's issue, a comment period's end, a
 *   request) have no date until the event happens: `due` is null, "事件触发";
 * - fixed yearly dates (3月31日前) fall in the first year on or after the issue;
 * - quarterly tasks show the first quarter end on or after the issue;
 * - open-ended tasks (长期坚持) have no due date, only the year-end review.
 */
import type { Calendar } from '../calendar';
import { CalendarRangeError, startOfDay } from '../calendar';
import type { Due } from '../deadlines';
import { CalendarInputError, evaluateRule, owedDues } from '../deadlines';
import type { EscalationStepAt } from '../escalation';
import { escalationSteps } from '../escalation';
import type { Rule } from '../rules';
import type { Plan } from './model';

/** What an obligation's due days are computed from: its rule, the date that rule counts from, the plan year. */
export interface RuleTiming {
  rule: Rule;
  /** The date the rule counts from (YYYY-MM-DD); no due day before it is owed. */
  anchorDate: string;
  planYear: number;
}

/**
 * How a plan times one of its rules, the same for `plan preview` and for
 * the obligation `plan start` opens: counted from the plan's issue date, or
 * January 1 of the plan year when it has none. A period a task counts from
 * some later event (a policy's issue, the end of a comment period) has no
 * day the plan can know: the task itself is reviewed at year-end, and each
 * event is tracked by its own obligation (`duban event …`).
 *
 * planTiming({ year: 2024, issued: '2024-06-05' }, { kind: 'quarterly' })
 *   → { rule: { kind: 'quarterly' }, anchorDate: '2024-06-05', planYear: 2024 }
 */
export function planTiming(plan: Pick<Plan, 'year' | 'issued'>, rule: Rule): RuleTiming {
  const anchorDate = plan.issued ?? `${plan.year}-01-01`;
  const untimed = (rule.kind === 'calendarDays' || rule.kind === 'workingDays') && rule.from !== 'planIssued';
  return { rule: untimed ? { kind: 'openEnded' } : rule, anchorDate, planYear: plan.year };
}

export interface RuleSchedule {
  /** The first owed due day (or, for a plan validation refuses, the day as written), or null: open-ended, event-driven, or no rule. */
  due: Due | null;
  /** Why there is no date, for staff: '事件触发' / '年底前复核' / '无时限'; '早于印发日期' beside a day that is not owed. */
  note?: string;
  /** The first reminder or escalation step for `due`. */
  firstReminder?: EscalationStepAt;
}

export function scheduleRule(calendar: Calendar, plan: Pick<Plan, 'year' | 'issued'>, rule: Rule | undefined): RuleSchedule {
  if (!rule) return { due: null, note: '无时限' };
  if (rule.kind === 'openEnded') return { due: null, note: '年底前复核' };
  if ((rule.kind === 'calendarDays' || rule.kind === 'workingDays') && (rule.from !== 'planIssued' || !plan.issued)) {
    return { due: null, note: rule.from === 'planIssued' ? '缺印发日期' : '事件触发' };
  }
  const timing = planTiming(plan, rule);
  const anchor = { planYear: timing.planYear, eventDate: timing.anchorDate };
  let owed: ReturnType<typeof owedDues>;
  try {
    owed = owedDues(calendar, timing.rule, anchor);
  } catch (err) {
    // A period that runs past the calendar's last year (2100) has no date to show; validation is not the place to crash.
    if (err instanceof CalendarRangeError || err instanceof CalendarInputError) return { due: null, note: '超出日历范围' };
    throw err;
  }
  const due = owed.dues[0];
  if (!due) {
    // Nothing owed: validation refuses the plan; the day as written is shown so the clerk sees what to correct.
    const written = evaluateRule(calendar, timing.rule, anchor).dues.at(-1) ?? null;
    return { due: written, note: plan.issued ? '早于印发日期' : '早于计划年度' };
  }
  // A reminder placed before the plan existed cannot be sent: the first one is the first after its issue.
  const after = plan.issued ? startOfDay(plan.issued) : undefined;
  const [firstReminder] = escalationSteps(calendar, due, undefined, { limit: 1, ...(after ? { after } : {}) });
  return { due, ...(firstReminder ? { firstReminder } : {}) };
}
