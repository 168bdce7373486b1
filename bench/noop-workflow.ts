/**
 * The throughput baseline's workflow: does nothing and completes in its first
 * workflow task. The bench's worker process runs it on its own task queue, so
 * the baseline pays what every workflow pays (a start, one workflow task, a
 * completion) and nothing of duban's.
 */
export async function benchNoop(): Promise<void> {}
