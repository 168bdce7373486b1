/**
 * The request-reply clock for the requestReply workflow: the calendar is
 * data that changes, so the workflow asks here and the answer is recorded in
 * its history.
 */
import type { Deadline } from '../domain/accountability';
import { dueOn, requestReplyDeadlines, type RequestClock } from '../domain/deadlines';
import type { CalendarDeps } from './calendar';

export interface RequestClockAnswer {
  /** 补正 must be asked by this day (7 working days from receipt). */
  amendmentNoticeDue: Deadline;
  /** The reply due day in force: extended when an extension is recorded. */
  replyDue: Deadline;
  pausedWorkingDays: number;
  /** When `amendmentAskedOn` is given: the day the applicant must have amended by. */
  amendmentWaitDue?: Deadline;
}

const plain = ({ date, instant, provisional }: Deadline): Deadline => ({ date, instant, provisional });

export function createRequestClockActivities(deps: CalendarDeps) {
  return {
    async requestReplyClock(input: { clock: RequestClock; amendmentAskedOn?: string; amendmentWaitWorkingDays?: number }): Promise<RequestClockAnswer> {
      const calendar = await deps.store.calendar.current();
      const d = requestReplyDeadlines(calendar, input.clock);
      const answer: RequestClockAnswer = {
        amendmentNoticeDue: plain(d.amendmentNoticeDue),
        replyDue: plain(d.extendedReplyDue ?? d.replyDue),
        pausedWorkingDays: d.pausedWorkingDays,
      };
      if (input.amendmentAskedOn && input.amendmentWaitWorkingDays) {
        const end = calendar.addWorkingDays(input.amendmentAskedOn, input.amendmentWaitWorkingDays);
        answer.amendmentWaitDue = { ...plain(dueOn(calendar, end.date)), provisional: end.provisional };
      }
      return answer;
    },
  };
}
