/**
 * `npm start`: the whole system on one machine. The Temporal dev server
 * (persisting to .data/temporal.sqlite, duban's search attributes
 * registered, Web UI), a local mail catcher, the worker and the web server
 * (client/web/).
 * Prints where each part listens, then `duban ready`. Ctrl-C stops it all.
 *
 * With DUBAN_EMBEDDED=false it starts only the worker and the HTTP server
 * against the Temporal cluster and SMTP relay named in the environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { dataPaths, loadEnv, temporalBinaries } from '../config/env';
import { temporalTarget } from '../config/temporal';
import { activitiesFromEnv } from '../worker/activities';
import { createWorker, installWorkerRuntime } from '../worker/create-worker';
import { searchAttributeCliArgs } from '../contracts/wire';
import { storeFromEnv } from '../store';
import { connectClient } from './temporal';
import { startWebServer } from './web/server';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { storeMail } from './mail-store';

const env = loadEnv();
installWorkerRuntime(env.DUBAN_LOG_LEVEL);
const paths = dataPaths(env);
const stops: Array<() => Promise<void>> = [];
let stopping = false;

function log(line: string): void {
  console.log(`[duban] ${line}`);
}

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping …');
    for (const stop of stops.reverse()) {
      await stop().catch((err: Error) => console.error(`[duban] while stopping: ${err.message}`));
    }
    log('stopped');
  }
  process.exit(code);
}

function startTemporalDevServer(): ChildProcess {
  const { cli } = temporalBinaries(env);
  if (!existsSync(cli)) {
    console.error(`[duban] Temporal CLI not found at ${cli}: run \`npm run setup\` first.`);
    process.exit(1);
  }
  mkdirSync(env.DUBAN_DATA_DIR, { recursive: true });
  const child = spawn(
    cli,
    [
      'server', 'start-dev',
      '--db-filename', paths.temporalDb,
      '--ip', '127.0.0.1',
      '--port', String(env.DUBAN_TEMPORAL_PORT),
      '--ui-port', String(env.DUBAN_TEMPORAL_UI_PORT),
      '--log-level', 'warn',
      ...searchAttributeCliArgs(),
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[duban] Temporal dev server exited (code ${code}, signal ${signal})`);
      void stopAll(1);
    }
  });
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  return child;
}

/** The dev server takes a moment to open its port and create the namespace. */
async function waitForTemporal(address: string, namespace: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} not ready after 60 s: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const target = temporalTarget(`127.0.0.1:${env.DUBAN_TEMPORAL_PORT}`);
  let catcher: MailCatcher | undefined;

  if (env.DUBAN_EMBEDDED) {
    startTemporalDevServer();
    catcher = await startMailCatcher({
      host: env.DUBAN_SMTP_HOST,
      port: env.DUBAN_SMTP_PORT,
      onMail: async (mail) => void (await storeMail(paths.mailDir, mail)),
    });
    stops.push(() => catcher!.close());
  }
  await waitForTemporal(target.connectionOptions.address!, target.namespace);

  const connection = await NativeConnection.connect(target.connectionOptions);
  const { activities, close: closeActivities } = activitiesFromEnv(env, connection, target.namespace);
  const worker = await createWorker({
    connection,
    namespace: target.namespace,
    taskQueue: env.DUBAN_TASK_QUEUE,
    activities,
  });
  const running = worker.run();
  stops.push(async () => {
    // The SDK's runtime begins the worker's shutdown itself on SIGINT/SIGTERM: only ask when it has not.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    try {
      await running;
    } finally {
      // The relay's pooled connections: left open, they would hold the embedded catcher's close for its 30 s timeout.
      closeActivities();
      await connection.close();
    }
  });
  running.catch((err: Error) => {
    console.error(`[duban] worker failed: ${err.message}`);
    void stopAll(1);
  });

  // The web server's one long-lived Temporal client and its own handle on the store.
  const temporal = await connectClient();
  const store = storeFromEnv(env);
  stops.push(async () => {
    await temporal.close();
    await store.close();
  });
  const web = await startWebServer({ env, client: temporal.client, store, mailDir: catcher ? paths.mailDir : undefined });
  stops.push(() => web.close());

  log(`Temporal          ${target.connectionOptions.address} (namespace ${target.namespace})`);
  if (env.DUBAN_EMBEDDED) {
    log(`Temporal Web UI   http://127.0.0.1:${env.DUBAN_TEMPORAL_UI_PORT}`);
    log(`Temporal data     ${paths.temporalDb}`);
    log(`mail catcher      smtp://${catcher!.host}:${catcher!.port} (see ${web.url}/mail or \`npx duban mail\`)`);
  } else {
    log(`mail relay        smtp://${env.DUBAN_SMTP_HOST}:${env.DUBAN_SMTP_PORT}`);
  }
  log(`worker            task queue ${env.DUBAN_TASK_QUEUE}`);
  log(`web               ${web.url}`);
  if ((await store.accounts.list()).length === 0) log('no staff account yet: `npx duban user add ID --role admin --password-stdin`');
  log('duban ready (Ctrl-C to stop)');
} catch (err) {
  console.error(`[duban] start-up failed: ${(err as Error).message}`);
  await stopAll(1);
}
