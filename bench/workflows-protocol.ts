/** What the workflows bench and its worker process (workflows-worker.ts) say to each other over IPC. */

export type WorkerRequest = { type: 'memory' } | { type: 'shutdown' };

export type WorkerReport =
  | { type: 'ready' }
  | { type: 'memory'; usage: NodeJS.MemoryUsage; cachedWorkflows: number; inFlightActivities: number }
  | { type: 'stopped' };

/** The task queue where the bench's worker process runs the do-nothing baseline workflow (noop-workflow.ts). */
export const NOOP_TASK_QUEUE = 'duban-bench-noop';

/** Obligations whose workflow id starts so get a one-rung ladder at the instant the id names. */
export const LATENCY_PREFIX = 'bench-latency/';

/** The workflow id of a latency obligation whose single reminder is due at `atMs`. */
export function latencyObligationId(atMs: number, n: number): string {
  return `${LATENCY_PREFIX}${atMs}/${n}`;
}
