/**
 * When each task of a plan is due and when its first reminder goes out, for
 * `plan preview` and `plan import --json`. The dates come from the calendar
 * issue's `evaluateRule` and `escalationSteps`; this module only decides which
 * anchor a plan gives each rule:
 *
 * - planIssued periods count from the plan's issue date;
 * - periods from other events (a policy's issue, a comment period's end, a
 *   request) have no date until the event happens: `due` is null, "事件触发";
 * - fixed yearly dates (3月31日前) fall in the first year on or after the issue;
 * - quarterly tasks show the first quarter end on or after the issue;
 * - open-ended tasks (长期坚持) have no due date, only the year-end review.
 */
import type { Calendar } from '../calendar';
import { CalendarRangeError, startOfDay } from '../calendar';
import type { Due } from '../deadlines';
import { CalendarInputError, evaluateRule } from '../deadlines';
import type { EscalationStepAt } from '../escalation';
import { escalationSteps } from '../escalation';
import type { Rule } from '../rules';
import type { Plan } from './model';

export interface RuleSchedule {
  /** The (next) due day, or null: open-ended, event-driven, or no rule. */
  due: Due | null;
  /** Why there is no date, for staff: '事件触发' / '年底前复核' / '无时限'. */
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
  let evaluated: ReturnType<typeof evaluateRule>;
  try {
    evaluated = evaluateRule(calendar, rule, { planYear: plan.year, ...(plan.issued ? { eventDate: plan.issued } : {}) });
  } catch (err) {
    // A period that runs past the calendar's last year (2100) has no date to show; validation is not the place to crash.
    if (err instanceof CalendarRangeError || err instanceof CalendarInputError) return { due: null, note: '超出日历范围' };
    throw err;
  }
  const upcoming = plan.issued ? evaluated.dues.find((d) => d.date >= plan.issued!) : undefined;
  const due = upcoming ?? evaluated.dues[0] ?? null;
  if (!due) return { due: null, note: '无时限' };
  // A reminder placed before the plan existed cannot be sent: the first one is the first after its issue.
  const after = plan.issued ? startOfDay(plan.issued) : undefined;
  const [firstReminder] = escalationSteps(calendar, due, undefined, { limit: 1, ...(after ? { after } : {}) });
  return { due, ...(firstReminder ? { firstReminder } : {}) };
}
