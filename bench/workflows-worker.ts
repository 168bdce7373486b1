/**
 * The duban worker as the workflows bench runs it: its own process, so its
 * memory is measured alone, wired exactly as `worker/main.ts` wires
 * production (activities from the environment: SMTP relay, sent-log, plan
 * store, stored calendar). Started with `fork()`; it answers the bench over
 * IPC.
 *
 * One bench-only difference: an obligation whose workflow id starts with
 * `bench-latency/<epoch ms>/` gets a one-rung ladder at that instant. Real
 * ladders put every step at 09:00 or midnight Asia/Shanghai, so a bench run
 * at any other time could not see a step come due; everything after the
 * ladder (the timer, the workflow task, the sent-log, the SMTP send) is the
 * production path.
 */
import { Context } from '@temporalio/activity';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadEnv } from '../config/env';
import { temporalTarget } from '../config/temporal';
import { activitiesFromEnv } from '../worker/activities';
import { createWorker, installWorkerRuntime } from '../worker/create-worker';
import type { EscalationStep } from '../contracts/obligation';
import { LATENCY_PREFIX, NOOP_TASK_QUEUE, type WorkerReport, type WorkerRequest } from './workflows-protocol';

function send(report: WorkerReport): void {
  process.send?.(report);
}

const env = loadEnv();
installWorkerRuntime(env.DUBAN_LOG_LEVEL);
const target = temporalTarget();
const connection = await NativeConnection.connect(target.connectionOptions);
const { activities, close: closeActivities } = activitiesFromEnv(env, connection, target.namespace);
const realEscalationSteps = activities.escalationSteps;

const worker = await createWorker({
  connection,
  namespace: target.namespace,
  taskQueue: env.DUBAN_TASK_QUEUE,
  activities: {
    ...activities,
    async escalationSteps(input): Promise<EscalationStep[]> {
      const id = Context.current().info.workflowExecution?.workflowId ?? '';
      if (!id.startsWith(LATENCY_PREFIX)) return realEscalationSteps(input);
      const atMs = Number(id.slice(LATENCY_PREFIX.length).split('/')[0]);
      if (input.after && Date.parse(input.after) >= atMs) return [];
      return [{ at: new Date(atMs).toISOString(), step: 'reminder', audience: ['contact'] }];
    },
  },
});

// The throughput baseline's do-nothing workflow, on its own queue beside duban's.
const noopWorker = await Worker.create({
  connection,
  namespace: target.namespace,
  taskQueue: NOOP_TASK_QUEUE,
  workflowsPath: fileURLToPath(new URL('./noop-workflow.ts', import.meta.url)),
});
const workers = [worker, noopWorker];
const shutdown = () => {
  for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
};

process.on('message', (request: WorkerRequest) => {
  if (request.type === 'memory') {
    const status = worker.getStatus();
    send({ type: 'memory', usage: process.memoryUsage(), cachedWorkflows: status.numCachedWorkflows, inFlightActivities: status.numInFlightActivities });
  } else if (request.type === 'shutdown') {
    shutdown();
  }
});
// The bench died: stop polling rather than linger as an orphan.
process.on('disconnect', shutdown);

send({ type: 'ready' });
await Promise.all(workers.map((w) => w.run()));
closeActivities();
await connection.close();
send({ type: 'stopped' });
process.disconnect?.();
