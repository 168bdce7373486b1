/**
 * A local SMTP server that accepts every message and hands it on parsed.
 * `npm start` keeps what arrives under .data/mail (listed by `duban mail` and
 * the /mail page); tests collect it in memory.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface CaughtMail {
  /** The raw RFC 5322 message as received. */
  raw: Buffer;
  parsed: ParsedMail;
  /** SMTP envelope recipients (RCPT TO), which include Bcc. */
  envelopeTo: string[];
  receivedAt: Date;
}

export interface MailCatcher {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startMailCatcher(options: {
  host?: string;
  port?: number;
  onMail: (mail: CaughtMail) => void | Promise<void>;
  /**
   * Runs after the message data arrived and before the server answers 250.
   * Tests hold the answer here to kill a sender mid-send. A message whose
   * connection closed before the answer was not accepted, as with any MTA.
   */
  beforeAccept?: () => Promise<void>;
  /** Recipients the catcher refuses for good at RCPT TO (550), as a relay does for a mailbox that does not exist. */
  refuses?: (address: string) => boolean;
}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const closedSessions = new Set<string>();
  const server = new SMTPServer({
    onClose(session) {
      closedSessions.add(session.id);
    },
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'duban mail catcher',
    onRcptTo(address, _session, callback) {
      if (options.refuses?.(address.address)) return callback(Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        Promise.resolve(options.beforeAccept?.())
          .then(() => {
            if (closedSessions.has(session.id)) throw new Error('connection closed before the message was accepted');
            return simpleParser(raw);
          })
          .then((parsed) =>
            options.onMail({
              raw,
              parsed,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              receivedAt: new Date(),
            }),
          )
          .then(() => callback(), (err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
