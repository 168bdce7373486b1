/**
 * The production wiring of the activities: every dependency built from the
 * environment (SMTP relay, the store with the sent-log, plans and every
 * imported holiday notice).
 */
import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { createActivities, type Activities } from '../activities';
import { createMailTransport } from '../activities/mail-transport';
import type { DubanEnv } from '../config/env';
import { digestLinks } from '../signing';
import { storeFromEnv, type Store } from '../store';

/** The activities, and `close` for when the worker has stopped (the relay's pooled connections). */
export function activitiesFromEnv(env: DubanEnv, connection: NativeConnection, namespace: string, store: Store = storeFromEnv(env)): { activities: Activities; close(): void } {
  const mailer = createMailTransport(env);
  const activities = createActivities({
    mailer,
    mailFrom: env.DUBAN_MAIL_FROM,
    store,
    temporal: new Client({ connection, namespace }),
    taskQueue: env.DUBAN_TASK_QUEUE,
    links: digestLinks(env),
    ...(env.DUBAN_ADMIN_EMAIL ? { adminAddress: env.DUBAN_ADMIN_EMAIL } : {}),
  });
  return { activities, close: () => mailer.close() };
}
