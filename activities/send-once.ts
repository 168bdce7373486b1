/**
 * One mail per idempotency key, whichever worker runs the activity and
 * however often it is retried: the key is claimed in the sent-log before the
 * relay sees the mail, the claim is renewed with the activity's heartbeat
 * while the relay holds it, and the key is marked sent right after the
 * relay's 250. Reminders and digests both send through here.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { SentLog, SentRecord } from '../store';

/** The type of the retryable failure thrown while another sender holds the key. */
export const REMINDER_BEING_SENT = 'ReminderBeingSent';

/**
 * A claim lasts as long as Temporal waits for the activity's next heartbeat:
 * when Temporal gives up on an attempt, its claim lapses too, and the retry
 * (on any worker) can take it over. Never under three renewals.
 */
const claimLeaseMs = () => Math.max(Context.current().info.heartbeatTimeoutMs || 10_000, 6_000);
const RENEW_EVERY_MS = 2_000;

/** Who holds a claim, for an operator reading sent_mail: host, process, the activity attempt, and a nonce so no two claims share it. */
function claimOwner(): string {
  const { workflowExecution, activityId, attempt } = Context.current().info;
  return `${os.hostname()}:${process.pid} ${workflowExecution?.workflowId ?? '-'}#${activityId}.${attempt} ${randomUUID().slice(0, 8)}`;
}

/**
 * Runs `send` unless `key` was sent before. `send` returns what went out, or
 * undefined when nothing did (a permanent refusal it records itself); it may
 * throw to have the activity retried. Resolves to the record (`duplicate`
 * when an earlier attempt sent it) or undefined when `send` sent nothing.
 * While another sender holds a live claim on the key, throws a retryable
 * failure that comes back when that claim ends.
 */
export async function sendOnce(
  sentLog: SentLog,
  key: string,
  send: () => Promise<Omit<SentRecord, 'key' | 'sentAt'> | undefined>,
): Promise<{ record: SentRecord; duplicate: boolean } | undefined> {
  const context = Context.current();
  const owner = claimOwner();
  const leaseMs = claimLeaseMs();
  const claim = await sentLog.claim(key, owner, leaseMs);
  if (claim.outcome === 'sent') {
    context.log.info('Mail already sent; not sending again', { key });
    return { record: claim.record, duplicate: true };
  }
  if (claim.outcome === 'busy') {
    // By the retry the holder has sent (the retry finds the key sent) or died (its claim has lapsed).
    throw ApplicationFailure.create({
      type: REMINDER_BEING_SENT,
      message: `Another sender holds the mail ${key} (${claim.owner}); retrying when its claim ends`,
      nextRetryDelay: Math.max(claim.retryInMs, 500),
    });
  }
  context.heartbeat();
  const renew = setInterval(() => {
    context.heartbeat();
    sentLog.renew(key, owner, leaseMs).then(
      (held) => held || context.log.warn('Mail claim lapsed while the relay held the mail; another sender may take it over', { key }),
      (err: unknown) => context.log.warn('Could not renew the mail claim', { key, error: String(err) }),
    );
  }, RENEW_EVERY_MS);
  let sent: Omit<SentRecord, 'key' | 'sentAt'> | undefined;
  try {
    sent = await send();
  } catch (err) {
    // Nothing went out: the retry need not wait for the lease.
    await sentLog.release(key, owner).catch(() => undefined);
    throw err;
  } finally {
    clearInterval(renew);
  }
  if (!sent) {
    await sentLog.release(key, owner);
    return undefined;
  }
  const record = { key, sentAt: new Date().toISOString(), ...sent };
  await sentLog.markSent(record);
  return { record, duplicate: false };
}
