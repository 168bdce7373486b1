/**
 * The activity stubs every workflow uses, with their timeouts and retries
 * set once: calendar answers are quick and retried briefly; mail may wait on
 * a slow relay, heartbeats so that a worker dying mid-send is replaced in
 * seconds (the sent-log makes the retry safe), and keeps retrying for hours.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

export const calendar = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute', nonRetryableErrorTypes: ['CalendarInputError'] },
});

export const mail = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '30 minutes' },
});
