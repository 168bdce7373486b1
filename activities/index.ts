/**
 * Activities: the only code that touches the world. Built from their
 * dependencies so that tests hand in real local servers.
 */
import type { Transporter } from 'nodemailer';

export interface ActivityDeps {
  mailer: Transporter;
  mailFrom: string;
}

export interface OutgoingMail {
  to: string | string[];
  cc?: string | string[];
  subject: string;
  text: string;
  html?: string;
}

export function createActivities(deps: ActivityDeps) {
  return {
    async sendMail(mail: OutgoingMail): Promise<{ messageId: string }> {
      const info = await deps.mailer.sendMail({ from: deps.mailFrom, ...mail });
      return { messageId: info.messageId };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
