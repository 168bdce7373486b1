import nodemailer, { type Transporter } from 'nodemailer';
import type { DubanEnv } from '../config/env';

type RelayEnv = Pick<DubanEnv, 'DUBAN_SMTP_HOST' | 'DUBAN_SMTP_PORT' | 'DUBAN_SMTP_SECURE' | 'DUBAN_SMTP_USER' | 'DUBAN_SMTP_PASS'> &
  Partial<Pick<DubanEnv, 'DUBAN_SMTP_CONNECTIONS'>>;

/**
 * An SMTP transport for the configured relay (the local catcher by default).
 * With DUBAN_SMTP_CONNECTIONS above 0 it keeps that many connections open
 * and sends over them in turn: a 09:00 burst of digests then pays the TCP,
 * TLS and AUTH handshakes once per connection, not once per mail (bench
 * mail: about four times the rate). Whoever makes a pooled transport closes
 * it when its worker stops. Without the setting (tests), a connection a mail.
 */
export function createMailTransport(env: RelayEnv): Transporter {
  const auth = env.DUBAN_SMTP_USER ? { user: env.DUBAN_SMTP_USER, pass: env.DUBAN_SMTP_PASS ?? '' } : undefined;
  const connections = env.DUBAN_SMTP_CONNECTIONS ?? 0;
  const relay = {
    host: env.DUBAN_SMTP_HOST,
    port: env.DUBAN_SMTP_PORT,
    secure: env.DUBAN_SMTP_SECURE,
    auth,
    // A loopback catcher offers no certificate worth checking; a real relay does.
    ignoreTLS: !env.DUBAN_SMTP_SECURE && ['127.0.0.1', 'localhost', '::1'].includes(env.DUBAN_SMTP_HOST),
  };
  // A pooled connection is replaced after 100 mails, so a relay's per-session limits are never reached.
  return connections > 0 ? nodemailer.createTransport({ ...relay, pool: true, maxConnections: connections, maxMessages: 100 }) : nodemailer.createTransport(relay);
}
