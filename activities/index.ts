/**
 * Activities: the only code that touches the world. Each group is built from
 * its dependencies (the mail relay, the Temporal client, the store), so tests
 * hand in real local servers; workflows import the combined type only.
 * What is kept outside Temporal lives in store/: activities only call it.
 */
import { createBoardActivities, type BoardDeps } from './board';
import { createCalendarActivities, type CalendarDeps } from './calendar';
import { createDigestActivities, type DigestDeps } from './digest';
import { createDutyActivities } from './duties';
import { createMailActivities, type MailDeps } from './mail';
import { createRequestClockActivities } from './request-clock';
import { createStarterActivities, type StarterDeps } from './starter';

export type ActivityDeps = MailDeps & StarterDeps & CalendarDeps & DigestDeps & BoardDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createMailActivities(deps),
    ...createStarterActivities(deps),
    ...createCalendarActivities(deps),
    ...createRequestClockActivities(deps),
    ...createDutyActivities(deps),
    ...createDigestActivities(deps),
    ...createBoardActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { OutgoingMail } from './mail';
