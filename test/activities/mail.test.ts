/**
 * The reminder activity over the store's sent-log: what the worker-kill
 * test relies on, asked directly of the activity.
 */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailActivities } from '../../activities/mail';
import type { ReminderRequest } from '../../activities/reminder-mail';
import { createMailTransport } from '../../activities/mail-transport';
import { openStore, type Store } from '../../store';
import { useTempDirs } from '../domain/calendar/fixture';
import { startMailSink, type MailSink } from '../helpers/mail-sink';

const tempDir = useTempDirs('duban-mail-activity-');

const reminder = (key: string): ReminderRequest => ({
  idempotencyKey: key,
  step: 'dueToday',
  to: ['fgj@duban.test'],
  cc: ['fgj-head@duban.test'],
  obligation: { id: 'plan/2026-teng/task/7', kind: 'planTask', title: '公开2025年度政府信息公开工作年度报告', planId: '2026-teng', taskId: '7' },
  unit: { id: 'fgj', name: '市发改局', deadline: { date: '2026-10-16', instant: '2026-10-16T23:59:59.999+08:00', provisional: false }, card: 'none', returns: 0 },
});

describe('sendReminder', () => {
  let mail: MailSink;
  let store: Store;
  let send: (request: ReminderRequest) => Promise<{ messageId: string; duplicate: boolean }>;

  beforeAll(async () => {
    mail = await startMailSink();
  });
  afterAll(async () => {
    await mail?.close();
  });
  beforeEach(() => {
    mail.clear();
    store = openStore({ dataDir: tempDir() });
    const activities = createMailActivities({
      mailer: createMailTransport({ DUBAN_SMTP_HOST: mail.host, DUBAN_SMTP_PORT: mail.port, DUBAN_SMTP_SECURE: false }),
      mailFrom: '督办系统 <duban@duban.test>',
      store,
    });
    const quiet = new DefaultLogger('WARN');
    send = (request) => new MockActivityEnvironment(undefined, { logger: quiet }).run(activities.sendReminder, request);
  });

  it('sends once per key: the second call is answered from the sent-log with the same Message-ID', async () => {
    const first = await send(reminder('plan/2026-teng/task/7/fgj/dueToday'));
    const second = await send(reminder('plan/2026-teng/task/7/fgj/dueToday'));
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ messageId: first.messageId, duplicate: true });
    expect(mail.received).toHaveLength(1);
    expect(mail.received[0]!.parsed.messageId).toBe(first.messageId);
    expect(await store.sentLog.find('plan/2026-teng/task/7/fgj/dueToday')).toMatchObject({
      messageId: first.messageId,
      recipients: ['fgj@duban.test', 'fgj-head@duban.test'],
    });
    await store.close();
  });

  it('a key claimed by a worker that died mid-send is sent once its claim lapses', async () => {
    await store.sentLog.claim('plan/2026-teng/task/7/fgj/redCard', 'dead-worker', 100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await send(reminder('plan/2026-teng/task/7/fgj/redCard'))).duplicate).toBe(false);
    expect(mail.received).toHaveLength(1);
    expect(await store.sentLog.find('plan/2026-teng/task/7/fgj/redCard')).toBeDefined();
    await store.close();
  });

  it('while another worker holds the key, nothing is sent and the activity is retried when that claim ends', async () => {
    await store.sentLog.claim('plan/2026-teng/task/7/fgj/yellowCard', 'other-worker', 30_000);
    const refused = await send(reminder('plan/2026-teng/task/7/fgj/yellowCard')).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ApplicationFailure);
    expect(refused).toMatchObject({ type: 'ReminderBeingSent', nonRetryable: false });
    expect(Number((refused as ApplicationFailure).nextRetryDelay)).toBeGreaterThan(25_000);
    expect(mail.received).toHaveLength(0);
    await store.sentLog.release('plan/2026-teng/task/7/fgj/yellowCard', 'other-worker');
    expect((await send(reminder('plan/2026-teng/task/7/fgj/yellowCard'))).duplicate).toBe(false);
    expect(mail.received).toHaveLength(1);
    await store.close();
  });

  it('a relay that refuses frees the claim, so the retry sends at once', async () => {
    const refusing = createMailActivities({
      mailer: createMailTransport({ DUBAN_SMTP_HOST: '127.0.0.1', DUBAN_SMTP_PORT: 1, DUBAN_SMTP_SECURE: false }),
      mailFrom: '督办系统 <duban@duban.test>',
      store,
    });
    const silent = new DefaultLogger('ERROR'); // the failed attempt is logged as a warning: expected here
    await expect(new MockActivityEnvironment(undefined, { logger: silent }).run(refusing.sendReminder, reminder('plan/2026-teng/task/7/fgj/urgent'))).rejects.toThrow(/ECONNREFUSED/);
    expect((await send(reminder('plan/2026-teng/task/7/fgj/urgent'))).duplicate).toBe(false);
    expect(mail.received).toHaveLength(1);
    await store.close();
  });
});
