/**
 * Calendar answers for workflows. The holiday data changes during a
 * workflow's life (next year's notice is loaded, a notice is amended), so
 * workflows never read it themselves: they ask here, and the answer is
 * recorded in their history.
 */
import type { Deadline } from '../domain/accountability';
import { CalendarInputError, dueOn, owedDues, workingDaysLate } from '../domain/deadlines';
import { defaultEscalationPolicy, escalationSteps } from '../domain/escalation';
import type { Rule } from '../domain/rules';
import type { Store } from '../store';
import type { EscalationStep } from '../contracts/obligation';

export interface CalendarDeps {
  /** `calendar.current()`: the package's years plus every imported notice, as loaded now. */
  store: Pick<Store, 'calendar'>;
}

/** A red card repeats weekly until done: the ladder's rungs plus about a year of weekly repeats per fetch. */
const LADDER_STEPS = 60;

export function createCalendarActivities(deps: CalendarDeps) {
  return {
    /**
     * The due day(s) a rule owes from the anchor on (`owedDues`, as `plan preview` shows them): one for most rules,
     * the quarter ends from the plan's issue on for quarterly, the year-end review for open-ended ones.
     */
    async resolveDeadlines(input: { rule: Rule; anchorDate: string; planYear: number }): Promise<Deadline[]> {
      const { dues } = owedDues(await deps.store.calendar.current(), input.rule, { planYear: input.planYear, eventDate: input.anchorDate });
      // Validation refuses such a plan; an obligation with no day to keep must fail plainly, not wait on nothing.
      if (dues.length === 0) throw new CalendarInputError('invalidInput', `Nothing is owed on or after ${input.anchorDate}: every due day of the ${input.rule.kind} rule is earlier`);
      return dues.map(({ date, instant, provisional }) => ({ date, instant, provisional }));
    },

    /** A deadline set by hand (an approved extension): by the end of that day. */
    async deadlineOn(input: { date: string }): Promise<Deadline> {
      const { date, instant, provisional } = dueOn(await deps.store.calendar.current(), input.date);
      return { date, instant, provisional };
    },

    /** The ladder of a deadline, from its first rung or strictly after `after`, a bounded number of steps at a time. */
    async escalationSteps(input: { deadline: Deadline; after?: string }): Promise<EscalationStep[]> {
      const steps = escalationSteps(await deps.store.calendar.current(), input.deadline, defaultEscalationPolicy, { limit: LADDER_STEPS, ...(input.after ? { after: input.after } : {}) });
      return steps.map(({ at, step, audience, delivery }) => ({ at, step, audience, ...(delivery === 'immediate' ? { delivery } : {}) }));
    },

    /** Working days between the due day and the day of `at` (Asia/Shanghai); 0 when on time. */
    async workingDaysLate(input: { deadline: Deadline; at: string }): Promise<number> {
      return workingDaysLate(await deps.store.calendar.current(), input.deadline.instant, input.at);
    },
  };
}
