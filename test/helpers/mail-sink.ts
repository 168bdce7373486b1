import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../client/mail-catcher';

/** A real in-process SMTP server that keeps what arrives, for assertions. */
export interface MailSink extends MailCatcher {
  received: CaughtMail[];
  /** Resolves once at least `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  clear(): void;
}

export async function startMailSink(options: { beforeAccept?: () => Promise<void>; refuses?: (address: string) => boolean } = {}): Promise<MailSink> {
  const received: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const catcher = await startMailCatcher({
    beforeAccept: options.beforeAccept,
    refuses: options.refuses,
    onMail(mail) {
      received.push(mail);
      for (const wake of waiters) wake();
    },
  });
  return {
    ...catcher,
    received,
    clear: () => void received.splice(0),
    waitFor(count, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve([...received]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mail(s), got ${received.length} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/**
 * A beforeAccept hook that never answers the first message, so a test can
 * kill its sender while it waits for the relay; `arrived` resolves once that
 * message's data is in. (Released after the kill, the catcher could accept it
 * before it noticed the connection close.) Later messages are accepted.
 */
export function holdFirstMessage(): { beforeAccept: () => Promise<void>; arrived: Promise<void> } {
  let holdFirst = true;
  let dataArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (dataArrived = resolve));
  return {
    arrived,
    beforeAccept: async () => {
      if (!holdFirst) return;
      holdFirst = false;
      dataArrived();
      await new Promise<void>(() => undefined);
    },
  };
}
