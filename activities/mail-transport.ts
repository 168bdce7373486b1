import nodemailer, { type Transporter } from 'nodemailer';
import type { DubanEnv } from '../config/env';

/** An SMTP transport for the configured relay (the local catcher by default). */
export function createMailTransport(env: Pick<DubanEnv, 'DUBAN_SMTP_HOST' | 'DUBAN_SMTP_PORT' | 'DUBAN_SMTP_SECURE' | 'DUBAN_SMTP_USER' | 'DUBAN_SMTP_PASS'>): Transporter {
  const auth = env.DUBAN_SMTP_USER ? { user: env.DUBAN_SMTP_USER, pass: env.DUBAN_SMTP_PASS ?? '' } : undefined;
  return nodemailer.createTransport({
    host: env.DUBAN_SMTP_HOST,
    port: env.DUBAN_SMTP_PORT,
    secure: env.DUBAN_SMTP_SECURE,
    auth,
    // A loopback catcher offers no certificate worth checking; a real relay does.
    ignoreTLS: !env.DUBAN_SMTP_SECURE && ['127.0.0.1', 'localhost', '::1'].includes(env.DUBAN_SMTP_HOST),
  });
}
