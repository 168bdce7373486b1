/**
 * A standalone worker for a production deployment: Temporal, SMTP and the
 * store come from the environment (see README, Production). `npm start`
 * runs the same worker in-process beside the embedded servers.
 */
import { NativeConnection } from '@temporalio/worker';
import { loadEnv } from '../config/env';
import { temporalTarget } from '../config/temporal';
import { storeFromEnv } from '../store';
import { activitiesFromEnv } from './activities';
import { createWorker, installWorkerRuntime } from './create-worker';

const env = loadEnv();
installWorkerRuntime(env.DUBAN_LOG_LEVEL);
// The store first: a wrong DUBAN_DATABASE_URL or a schema from a newer duban stops the worker here, and migrations run now.
const store = storeFromEnv(env);
await store.ready();
const target = temporalTarget();
const connection = await NativeConnection.connect(target.connectionOptions);
const { activities, close: closeActivities } = activitiesFromEnv(env, connection, target.namespace, store);
const worker = await createWorker({
  connection,
  namespace: target.namespace,
  taskQueue: env.DUBAN_TASK_QUEUE,
  activities,
});
console.log(`duban worker polling task queue ${env.DUBAN_TASK_QUEUE} on ${target.connectionOptions.address} (namespace ${target.namespace}), store: ${store.description}`);
await worker.run();
closeActivities();
await connection.close();
await store.close();
