/**
 * The web server on a dev server world: a duban worker, the web server on a
 * free port sharing the worker's data folder (plans started on the web are
 * read by the worker's planStart activity), the example unit directory as
 * the current one, and two staff accounts. `anotherHost` starts a second
 * web server on the same data, as a proxy would spread requests over two.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { projectRoot } from '../../config/env';
import { shanghaiDate, shiftDays } from '../../domain/calendar';
import { openStore, type Store } from '../../store';
import { hashPassword } from '../../client/web/security';
import { startWebServer, type WebServer } from '../../client/web/server';
import { devServerWorld, type DevServerWorld } from '../helpers/world';

export const STAFF = { admin: 'office-admin', supervisor: 'ducha-zhang', password: 'correct horse battery' };

export interface WebWorld extends DevServerWorld {
  web: WebServer;
  store: Store;
  taskQueue: string;
}

/** A web server on `store` and the world's task queue, on a free loopback port, with the test secret; `dataDir` is its host's own folder. */
function startWorldWeb(world: WebWorld, store: Store, dataDir = world.testWorker.dataDir): Promise<WebServer> {
  return startWebServer({
    env: {
      DUBAN_HTTP_HOST: '127.0.0.1',
      DUBAN_HTTP_PORT: 0,
      DUBAN_SECRET: 'test-secret-test-secret-test-secret-0123',
      DUBAN_DATA_DIR: dataDir,
      DUBAN_HTTP_TLS_TERMINATED: false,
      DUBAN_HTTP_ALLOW_PLAIN: false,
      DUBAN_BOARD_REFRESH_SECONDS: 0.5,
      DUBAN_BOARD_RECONCILE_SECONDS: 30,
      DUBAN_TASK_QUEUE: world.taskQueue,
    },
    client: world.env.client,
    store,
  });
}

/**
 * A second web server, as on another host behind the proxy: its own store
 * opened on the world's data (another process on the same files), the same
 * secret, and a DUBAN_DATA_DIR of its own, so anything a web server kept on
 * its local disk instead of in the store would be missing on the other.
 * Close it when done.
 */
export async function anotherHost(world: WebWorld): Promise<{ url: string; close(): Promise<void> }> {
  const store = openStore({ dataDir: world.testWorker.dataDir });
  const ownDisk = mkdtempSync(path.join(os.tmpdir(), 'duban-host-'));
  const web = await startWorldWeb(world, store, ownDisk);
  return {
    url: web.url,
    close: async () => {
      await web.close();
      await store.close();
      rmSync(ownDisk, { recursive: true, force: true });
    },
  };
}

export function webWorld(taskQueue: string): WebWorld {
  const world = devServerWorld(taskQueue) as WebWorld;
  world.taskQueue = taskQueue;
  beforeAll(async () => {
    const dataDir = world.testWorker.dataDir;
    world.store = openStore({ dataDir });
    await world.store.directory.save(readFileSync(path.join(projectRoot, 'examples/units.yaml'), 'utf8'));
    const passwordHash = await hashPassword(STAFF.password);
    const createdAt = new Date().toISOString();
    await world.store.accounts.put({ id: STAFF.admin, role: 'admin', passwordHash, createdAt });
    await world.store.accounts.put({ id: STAFF.supervisor, role: 'supervisor', passwordHash, createdAt });
    world.web = await startWorldWeb(world, world.store);
  });
  afterAll(async () => {
    await world.web?.close();
    await world.store?.close();
  });
  return world;
}

/** A staff member's or a unit's session: its cookie and CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
}

export function cookieOf(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

export async function signIn(base: string, user: string, password = STAFF.password): Promise<Session> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password }) });
  if (res.status !== 200) throw new Error(`sign-in as ${user}: ${res.status} ${await res.text()}`);
  return { cookie: cookieOf(res), csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Follows a unit's link the way a browser does: the session cookie it sets, and the CSRF token for it. */
export async function openLink(base: string, linkPath: string): Promise<Session> {
  const res = await fetch(`${base}${linkPath}`, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`link ${linkPath}: ${res.status}`);
  const cookie = cookieOf(res);
  const me = await fetch(`${base}/api/session`, { headers: { cookie } });
  return { cookie, csrf: ((await me.json()) as { csrfToken: string }).csrfToken };
}

export function api(base: string, session: Session | undefined, method: string, url: string, body?: unknown, opts: { csrf?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && opts.csrf !== false) headers['x-csrf-token'] = session.csrf;
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  return fetch(`${base}${url}`, { method, headers, body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body) });
}

/**
 * A plan with dates relative to today, so the tests mean the same whenever
 * they run: task a overdue for two units, task b due later; hostile text in
 * both, shown as text on every page.
 */
export function hostilePlan(id: string) {
  const issued = shiftDays(shanghaiDate(Date.now()), -40);
  return {
    id,
    title: `网页测试计划 <b>${id}</b>`,
    issued,
    year: Number(issued.slice(0, 4)),
    duties: [],
    tasks: [
      { id: 'a', content: '公开政策文件<script>alert("xss")</script>', responsibleUnits: ['市发展和改革局', '市商务局'], deadline: { kind: 'calendarDays', days: 10, from: 'planIssued' } },
      { id: 'b', content: `"><img src=x onerror=alert(1)>${'很长的任务内容'.repeat(800)}`, responsibleUnits: ['市商务局'], deadline: { kind: 'calendarDays', days: 400, from: 'planIssued' } },
    ],
  };
}
