/**
 * The production wiring of the activities: every dependency built from the
 * environment (SMTP relay, sent-log and plan store under DUBAN_DATA_DIR,
 * the calendar with every imported holiday notice).
 */
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { createActivities, type Activities } from '../activities';
import { storedCalendar } from '../activities/calendar-store';
import { createMailTransport } from '../activities/mail-transport';
import { openPlanStore } from '../activities/plan-store';
import { openSentLog } from '../activities/sent-log';
import type { DubanEnv } from '../config/env';

export function activitiesFromEnv(env: DubanEnv, connection: NativeConnection, namespace: string): Activities {
  return createActivities({
    mailer: createMailTransport(env),
    mailFrom: env.DUBAN_MAIL_FROM,
    sentLog: openSentLog(path.join(env.DUBAN_DATA_DIR, 'sent-log.sqlite')),
    planStore: openPlanStore(path.join(env.DUBAN_DATA_DIR, 'plans')),
    temporal: new Client({ connection, namespace }),
    taskQueue: env.DUBAN_TASK_QUEUE,
    calendar: storedCalendar(env.DUBAN_DATA_DIR),
  });
}
