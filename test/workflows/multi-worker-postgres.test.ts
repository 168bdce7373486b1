/**
 * Two workers on two "hosts" (each its own DUBAN_DATA_DIR, nothing shared
 * but Temporal and one PostgreSQL store), one of them killed outright while
 * the relay holds a reminder it is sending: every reminder still reaches its
 * unit exactly once, the cut-off one sent by the other worker once the dead
 * one's claim has lapsed. Then a web server on a third host (`npm run web`)
 * shows the supervisor the board the workers wrote to the store.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obligationQuery } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { eventually } from '../helpers/eventually';
import { startMailSink, type MailSink } from '../helpers/mail-sink';
import { testUnit } from '../helpers/obligations';
import { postgresBin, postgresMissing, startPostgres, type PostgresServer } from '../helpers/postgres';
import { startDevServerEnv, uniqueId } from '../helpers/temporal';
import { spawnWeb, spawnWorker, type WorkerProcess } from '../helpers/worker-process';
import { hashPassword } from '../../client/web/security';
import { openPostgresStore } from '../../store';

if (!postgresBin) console.log(postgresMissing);

describe.skipIf(!postgresBin)('two workers and a web server on one PostgreSQL store', () => {
  let env: TestWorkflowEnvironment;
  let postgres: PostgresServer;
  let mail: MailSink;
  const workers: WorkerProcess[] = [];
  let dataArrived!: () => void;
  const arrived = new Promise<void>((resolve) => (dataArrived = resolve));

  beforeAll(async () => {
    // A killed worker leaves requests the server logs as errors ("context canceled"): expected here, so not shown.
    [env, postgres] = await Promise.all([startDevServerEnv({ logLevel: 'never' }), startPostgres()]);
    let holdFirst = true;
    // The first message is never answered with 250: its sender is killed while it waits.
    mail = await startMailSink({
      beforeAccept: async () => {
        if (!holdFirst) return;
        holdFirst = false;
        dataArrived();
        await new Promise<void>(() => undefined);
      },
    });
  });
  afterAll(async () => {
    for (const w of workers) await w.kill();
    await env?.teardown();
    await mail?.close();
    postgres?.stop();
  });

  it('one worker killed mid-send: every reminder arrives exactly once, the cut-off one from the other worker; the web on a third host shows every overdue unit', async () => {
    const databaseUrl = await postgres.freshDatabase();
    const taskQueue = 'multi-worker';
    const host = (name: string) => ({
      TEMPORAL_ADDRESS: env.address,
      DUBAN_TASK_QUEUE: taskQueue,
      DUBAN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `duban-${name}-`)),
      DUBAN_DATABASE_URL: databaseUrl,
      DUBAN_SMTP_HOST: mail.host,
      DUBAN_SMTP_PORT: String(mail.port),
    });
    workers.push(...(await Promise.all([spawnWorker(host('host-a')), spawnWorker(host('host-b'))])));
    expect(workers[0]!.output()).toContain(`store: PostgreSQL postgres://duban@127.0.0.1:${postgres.port}/postgres`);

    // Six long-overdue tasks, one unit each: each sends one reminder at once.
    const units = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    const handles = await Promise.all(
      units.map((unit) => {
        const input: ObligationInput = {
          obligationId: uniqueId(`multi/${unit}`),
          kind: 'planTask',
          title: `已过期的任务 ${unit}`,
          rule: { kind: 'calendarDays', days: 10, from: 'planIssued' },
          anchorDate: '2025-03-03',
          planYear: 2025,
          units: [testUnit(unit)],
        };
        return env.client.workflow.start('obligation', { taskQueue, workflowId: input.obligationId, args: [input] });
      }),
    );

    await arrived;
    await mail.waitFor(units.length - 1, 60_000);
    const heldUnit = units.find((u) => !mail.received.some((m) => m.envelopeTo.includes(`${u}@duban.test`)))!;
    const held = handles[units.indexOf(heldUnit)]!;
    // The worker whose activity the relay holds, by the identity Temporal records (pid@host).
    const { raw } = await held.describe();
    const identity = raw.pendingActivities?.[0]?.lastWorkerIdentity ?? '';
    const holder = workers.find((w) => identity.startsWith(`${w.child.pid}@`));
    expect(holder, `the pending send's worker (${identity})`).toBeDefined();
    await holder!.kill();

    await mail.waitFor(units.length, 90_000);
    for (const handle of handles) {
      await eventually(
        `${handle.workflowId} to record its reminder`,
        () => handle.query(obligationQuery),
        (v) => v.log.some((e) => e.kind === 'escalation' || e.kind === 'reminder'),
        { timeoutMs: 30_000 },
      );
    }
    const recipients = mail.received.map((m) => m.envelopeTo[0]).sort();
    expect(recipients).toEqual(units.map((u) => `${u}@duban.test`));

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ key: string; attempts: number; sent: boolean }>('SELECT key, attempts, sent_at IS NOT NULL AS sent FROM sent_mail ORDER BY key');
    // The board's rows, written by whichever worker ran each duty (the survivor for the held one): every duty, its unit owing and overdue.
    const board = await db.query<{ workflow_id: string; owing: string[]; overdue: string[] }>(
      `SELECT workflow_id, entry->'owingUnitIds' AS owing, entry->'overdueUnitIds' AS overdue FROM board WHERE source = 'workflow' ORDER BY workflow_id`,
    );
    await db.end();
    expect(board.rows.map((r) => [r.workflow_id, r.owing, r.overdue])).toEqual(
      handles.map((h, i) => [h.workflowId, [units[i]], [units[i]]]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(rows).toHaveLength(units.length);
    expect(rows.every((r) => r.sent)).toBe(true);
    expect(rows.filter((r) => r.attempts === 2).map((r) => r.key)).toEqual([expect.stringContaining(held.workflowId)]);
    expect(rows.filter((r) => r.attempts === 1)).toHaveLength(units.length - 1);

    // The web tier on its own host: a supervisor signs in (the account made in the shared store) and sees every overdue unit.
    const accounts = openPostgresStore(databaseUrl);
    await accounts.accounts.put({ id: 'ducha', role: 'supervisor', passwordHash: await hashPassword('supervisor password 1'), createdAt: new Date().toISOString() });
    await accounts.close();
    const web = await spawnWeb({ ...host('web-host'), DUBAN_HTTP_PORT: '0', DUBAN_SECRET: 'multi-host-secret-multi-host-secret-0123' });
    workers.push(web);
    expect(web.output()).toContain('store: PostgreSQL');
    const session = await fetch(`${web.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'ducha', password: 'supervisor password 1' }) });
    expect(session.status).toBe(200);
    const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const overdue = (await (await fetch(`${web.url}/api/overdue`, { headers: { cookie } })).json()) as Array<{ workflowId: string; unitId: string }>;
    expect(overdue.map((r) => [r.workflowId, r.unitId]).sort()).toEqual(handles.map((h, i) => [h.workflowId, units[i]]).sort());
  }, 180_000);
});
