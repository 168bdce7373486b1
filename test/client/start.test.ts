import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEnv, temporalBinaries } from '../../config/env';
import { hashPassword } from '../../client/web/security';
import { openStore } from '../../store';
import { startSystem, systemEnv, type RunningSystem } from '../helpers/system';

const cli = temporalBinaries(loadEnv()).cli;

function temporal(env: Record<string, string>, ...args: string[]): string {
  const out = spawnSync(cli, [...args, '--address', env.TEMPORAL_ADDRESS!], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout;
}

describe('npm start: the embedded system', () => {
  let system: RunningSystem | undefined;
  afterAll(async () => {
    await system?.stop();
  });

  it('comes up ready, sends mail to the catcher, and keeps workflows across a restart', async () => {
    const env = await systemEnv();
    system = await startSystem(env);
    expect(system.output()).toContain(`http://127.0.0.1:${env.DUBAN_HTTP_PORT}`);

    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const client = new Client({ connection });
    // One notice already due (mail goes out at once), one due in 2030 (keeps running).
    await client.workflow.execute('deadlineNotice', {
      taskQueue: 'duban',
      workflowId: 'e2e-due-now',
      args: [{ dueAt: '2020-01-01T00:00:00+08:00', to: 'unit@duban.test', subject: '端到端测试', text: '你好' }],
    });
    await client.workflow.start('deadlineNotice', {
      taskQueue: 'duban',
      workflowId: 'e2e-due-2030',
      args: [{ dueAt: '2030-01-01T00:00:00+08:00', to: 'unit@duban.test', subject: '以后', text: '你好' }],
    });
    await connection.close();

    const mailFiles = readdirSync(path.join(env.DUBAN_DATA_DIR!, 'mail'));
    expect(mailFiles).toHaveLength(1);
    // The mail page is for admins: an account made in the store `npm start` uses, then a session.
    const base = `http://127.0.0.1:${env.DUBAN_HTTP_PORT}`;
    expect((await fetch(`${base}/mail`, { redirect: 'manual' })).status).toBe(302);
    const store = openStore({ dataDir: env.DUBAN_DATA_DIR! });
    await store.accounts.put({ id: 'admin', role: 'admin', passwordHash: await hashPassword('admin password 1'), createdAt: new Date().toISOString() });
    await store.close();
    const session = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'admin', password: 'admin password 1' }) });
    const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const page = await (await fetch(`${base}/mail`, { headers: { cookie } })).text();
    expect(page).toContain('端到端测试');

    expect(await system.stop()).toBe(0);
    // Every part stopped cleanly: the worker (begun by the runtime on the signal) and the relay's pooled connections with it.
    expect(system.output()).not.toContain('while stopping');
    // The same data folder on fresh ports: a port freed by the stop may be taken by another test's server meanwhile.
    const restarted = await systemEnv(env.DUBAN_DATA_DIR);
    system = await startSystem(restarted);

    const listed = temporal(restarted, 'workflow', 'list', '--query', "WorkflowType='deadlineNotice'", '--output', 'json');
    const executions = JSON.parse(listed) as Array<{ execution: { workflowId: string }; status: string }>;
    const byId = Object.fromEntries(executions.map((e) => [e.execution.workflowId, e.status]));
    expect(byId).toEqual({
      'e2e-due-now': 'WORKFLOW_EXECUTION_STATUS_COMPLETED',
      'e2e-due-2030': 'WORKFLOW_EXECUTION_STATUS_RUNNING',
    });
  });
});
