/**
 * Mail activities. Reminders go out at most once per idempotency key: the
 * key is claimed in the sent-log before sending and marked right after the
 * relay accepts (send-once.ts), and the Message-ID is derived from the key,
 * so even the one narrow window left (killed between the relay's 250 and the
 * log write) is recognisable downstream as one message.
 */
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { composeReminder, type ReminderRequest } from './reminder-mail';
import { sendOnce } from './send-once';
import type { DigestLinks } from '../mail/digest';
import type { Store } from '../store';

export interface MailDeps {
  mailer: Transporter;
  mailFrom: string;
  store: Pick<Store, 'sentLog'>;
  /** Signed links to a unit's page, when the web server's address and secret are known (as for digests). */
  links?: DigestLinks;
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

export function createMailActivities(deps: MailDeps) {
  return {
    async sendMail(mail: OutgoingMail): Promise<{ messageId: string }> {
      const info = await deps.mailer.sendMail({ from: deps.mailFrom, ...mail });
      return { messageId: info.messageId };
    },

    async sendReminder(request: ReminderRequest): Promise<{ messageId: string; duplicate: boolean }> {
      const key = request.idempotencyKey;
      const { subject, text } = composeReminder(request, deps.links);
      const outcome = await sendOnce(deps.store.sentLog, key, async () => {
        const messageId = messageIdFor(key);
        await deps.mailer.sendMail({
          from: deps.mailFrom,
          to: request.to,
          cc: request.cc.length > 0 ? request.cc : undefined,
          subject,
          text,
          messageId,
          headers: { 'X-Duban-Key': key },
        });
        return { messageId, recipients: [...request.to, ...request.cc] };
      });
      return { messageId: outcome!.record.messageId, duplicate: outcome!.duplicate };
    },
  };
}
