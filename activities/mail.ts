/**
 * Mail activities. Reminders go out at most once per idempotency key: the
 * sent-log is checked before sending and written right after the relay
 * accepts, and the Message-ID is derived from the key, so even the one
 * narrow window left (killed between the relay's 250 and the log write) is
 * recognisable downstream as one message.
 */
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import { composeReminder, type ReminderRequest } from './reminder-mail';
import type { Store } from '../store';

export interface MailDeps {
  mailer: Transporter;
  mailFrom: string;
  store: Pick<Store, 'sentLog'>;
}

export interface OutgoingMail {
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text: string;
  html?: string;
}

function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@duban>`;
}

/** Keeps the activity's heartbeat going while a slow relay holds the connection. */
async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), 2_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export function createMailActivities(deps: MailDeps) {
  return {
    async sendMail(mail: OutgoingMail): Promise<{ messageId: string }> {
      const info = await deps.mailer.sendMail({ from: deps.mailFrom, ...mail });
      return { messageId: info.messageId };
    },

    async sendReminder(request: ReminderRequest): Promise<{ messageId: string; duplicate: boolean }> {
      const already = await deps.store.sentLog.find(request.idempotencyKey);
      if (already) {
        Context.current().log.info('Reminder already sent; not sending again', { key: request.idempotencyKey });
        return { messageId: already.messageId, duplicate: true };
      }
      await deps.store.sentLog.attempt(request.idempotencyKey);
      const { subject, text } = composeReminder(request);
      const messageId = messageIdFor(request.idempotencyKey);
      await withHeartbeat(() =>
        deps.mailer.sendMail({
          from: deps.mailFrom,
          to: request.to,
          cc: request.cc.length > 0 ? request.cc : undefined,
          subject,
          text,
          messageId,
          headers: { 'X-Duban-Key': request.idempotencyKey },
        }),
      );
      await deps.store.sentLog.markSent({ key: request.idempotencyKey, messageId, sentAt: new Date().toISOString(), recipients: [...request.to, ...request.cc] });
      return { messageId, duplicate: false };
    },
  };
}
