/**
 * The throughput baseline's workflow: does nothing and completes in its first
 * workflow task. The bench's worker process runs it on its own task queue, so
 * the baseline pays what every workflow pays (a start, one workflow task, a
 * completion) and nothing of duban's.
 */
import type { ObligationInput } from '../contracts/obligation';

/** Takes an obligation's input, so its start carries the same payload as an obligation's (contracts/start.ts `obligationStartOptions`). */
export async function benchNoop(_input: ObligationInput): Promise<void> {}
