/**
 * A standalone worker for a production deployment: Temporal and SMTP come
 * from the environment (see README). `npm start` runs the same worker
 * in-process beside the embedded servers.
 */
import { NativeConnection } from '@temporalio/worker';
import { loadEnv } from '../config/env';
import { temporalTarget } from '../config/temporal';
import { activitiesFromEnv } from './activities';
import { createWorker, installWorkerRuntime } from './create-worker';

const env = loadEnv();
installWorkerRuntime(env.DUBAN_LOG_LEVEL);
const target = temporalTarget();
const connection = await NativeConnection.connect(target.connectionOptions);
const worker = await createWorker({
  connection,
  namespace: target.namespace,
  taskQueue: env.DUBAN_TASK_QUEUE,
  activities: activitiesFromEnv(env, connection, target.namespace),
});
console.log(`duban worker polling task queue ${env.DUBAN_TASK_QUEUE} on ${target.connectionOptions.address} (namespace ${target.namespace})`);
await worker.run();
await connection.close();
