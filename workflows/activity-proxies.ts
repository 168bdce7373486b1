/**
 * The activity stubs every workflow uses, with their timeouts and retries
 * set once: calendar answers are quick and retried briefly; mail may wait on
 * a slow relay, heartbeats so that a worker dying mid-send is replaced in
 * seconds (the sent-log makes the retry safe), and keeps retrying for hours.
 */
import { proxyActivities, proxyLocalActivities, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../activities';

const calendarOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['CalendarInputError'] },
};

export const calendar = proxyActivities<Activities>(calendarOptions);

/**
 * The same calendar activities run as local activities: answered inside the
 * workflow task that asks, with no activity task and no extra workflow task
 * through the server. A new obligation reaches its first timer in one
 * workflow task instead of three, which is what bounds a plan's start rate.
 */
export const localCalendar = proxyLocalActivities<Activities>(calendarOptions);

/** Handing steps to the morning digests: quick calls to Temporal, retried briefly. */
export const digests = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});

export const mail = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '30 minutes' },
});

/**
 * Writing the duty's row of the board: a local activity, so the write is done
 * inside the workflow task that published the standing (an Update's answer
 * goes out after it) and adds a marker to the history, not three events. A
 * few tries only: the web's visibility listing repairs a row that failed.
 */
export const board = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumAttempts: 3 },
});
