/**
 * duban's web server: Hono on Node, one long-lived Temporal client, the
 * board's read model refreshed in the background. `npm start` runs it beside
 * the embedded system; `npm run web` (client/web/main.ts) runs it alone.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { ConfigError, type DubanEnv } from '../../config/env';
import type { Store } from '../../store';
import { createWebApp } from './app';
import { DutyIndex } from './duty-index';
import { SignInLimiter } from './security';
import { loadSecret, Signer } from '../../signing';

export interface WebServerOptions {
  env: Pick<
    DubanEnv,
    'DUBAN_HTTP_HOST' | 'DUBAN_HTTP_PORT' | 'DUBAN_SECRET' | 'DUBAN_DATA_DIR' | 'DUBAN_HTTP_TLS_TERMINATED' | 'DUBAN_HTTP_ALLOW_PLAIN' | 'DUBAN_BOARD_REFRESH_SECONDS' | 'DUBAN_BOARD_RECONCILE_SECONDS' | 'DUBAN_TASK_QUEUE'
  >;
  client: Client;
  store: Store;
  /** The local mail catcher's folder, shown at /mail to admins (embedded system only). */
  mailDir?: string;
}

export interface WebServer {
  url: string;
  index: DutyIndex;
  signer: Signer;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Sessions and links travel in cookies and URLs: in clear on a network they
 * can be taken. Beyond loopback the server listens only behind TLS
 * termination (DUBAN_HTTP_TLS_TERMINATED) or when told to anyway.
 */
export function checkListenAddress(env: WebServerOptions['env']): void {
  if (LOOPBACK.has(env.DUBAN_HTTP_HOST) || env.DUBAN_HTTP_TLS_TERMINATED || env.DUBAN_HTTP_ALLOW_PLAIN) return;
  throw new ConfigError(
    `Refusing to listen on ${env.DUBAN_HTTP_HOST} without TLS: put a TLS-terminating proxy in front and set DUBAN_HTTP_TLS_TERMINATED=true, or set DUBAN_HTTP_ALLOW_PLAIN=true on a closed network.`,
  );
}

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  checkListenAddress(o.env);
  const signer = new Signer(loadSecret(o.env));
  const index = new DutyIndex(o.client, o.store.board, () => o.store.calendar.loadCalendar(), {
    pollMs: o.env.DUBAN_BOARD_REFRESH_SECONDS * 1000,
    reconcileMs: o.env.DUBAN_BOARD_RECONCILE_SECONDS * 1000,
  });
  void index.start();
  const app = createWebApp({
    client: o.client,
    taskQueue: o.env.DUBAN_TASK_QUEUE,
    store: o.store,
    index,
    signer,
    limiter: new SignInLimiter(o.store.signInFailures),
    secureCookies: o.env.DUBAN_HTTP_TLS_TERMINATED,
    mailDir: o.mailDir,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.env.DUBAN_HTTP_PORT, hostname: o.env.DUBAN_HTTP_HOST }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = o.env.DUBAN_HTTP_HOST.includes(':') ? `[${o.env.DUBAN_HTTP_HOST}]` : o.env.DUBAN_HTTP_HOST;
  return {
    url: `http://${host}:${port}`,
    index,
    signer,
    close: async () => {
      index.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
