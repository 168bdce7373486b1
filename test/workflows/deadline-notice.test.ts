import { describe, expect, it } from 'vitest';
import { deadlineNotice } from '../../workflows';
import { uniqueId } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

const DAY = 24 * 60 * 60 * 1000;

describe('walking skeleton: a deadline 30 days away', () => {
  const world = timeSkippingWorld();

  it('sleeps 30 days in virtual time, then one mail reaches the SMTP server', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'skeleton' });

    const startedAt = await env.currentTimeMs();
    const dueAt = new Date(startedAt + 30 * DAY).toISOString();
    const wallStart = Date.now();
    const workflowId = uniqueId('skeleton');

    const result = await worker.runUntil(
      env.client.workflow.execute(deadlineNotice, {
        taskQueue: 'skeleton',
        workflowId,
        args: [{ dueAt, to: 'office@duban.test', subject: '任务分解报送截止', text: '请于今日报送任务分解。' }],
      }),
    );
    const wallSeconds = (Date.now() - wallStart) / 1000;

    const [received] = await mail.waitFor(1);
    expect(mail.received).toHaveLength(1);
    expect(received!.parsed.subject).toBe('任务分解报送截止');
    expect(received!.parsed.text?.trim()).toBe('请于今日报送任务分解。');
    expect(received!.envelopeTo).toEqual(['office@duban.test']);
    expect(received!.parsed.messageId).toBe(result.messageId);

    // The history shows the timer firing 30 virtual days after the start, and
    // the mail activity scheduled right after it, all in a few real seconds.
    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const eventTime = (e: NonNullable<typeof history.events>[number]) => Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
    const started = history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!;
    const fired = history.events!.find((e) => e.timerFiredEventAttributes)!;
    const mailScheduled = history.events!.find((e) => e.activityTaskScheduledEventAttributes)!;
    expect(mailScheduled.activityTaskScheduledEventAttributes!.activityType!.name).toBe('sendMail');
    const firedAfter = eventTime(fired) - eventTime(started);
    expect(firedAfter).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(firedAfter).toBeLessThan(30 * DAY + 60_000);
    expect(eventTime(mailScheduled)).toBeGreaterThanOrEqual(eventTime(fired));
    expect(wallSeconds).toBeLessThan(30);
  });
});
