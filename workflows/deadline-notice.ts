/**
 * The walking skeleton of duban: wait until a deadline, then tell someone.
 * The real task and duty workflows grow from this shape.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { millisUntil } from './clock';

const { sendMail } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
});

export interface DeadlineNoticeInput {
  /** The exact instant the deadline falls, ISO 8601 with offset. */
  dueAt: string;
  to: string;
  subject: string;
  text: string;
}

export async function deadlineNotice(input: DeadlineNoticeInput): Promise<{ messageId: string }> {
  await sleep(millisUntil(input.dueAt));
  return sendMail({ to: input.to, subject: input.subject, text: input.text });
}
