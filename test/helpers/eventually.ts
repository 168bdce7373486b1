/**
 * Waiting for what happens on its own time: a visibility listing catching up
 * with a start, a batch signal reaching a workflow, a query answering once
 * the first workflow task ran. The one way tests poll.
 */
import { inspect } from 'node:util';

export interface EventuallyOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Between probes (default 200 ms). */
  intervalMs?: number;
}

/**
 * Calls `probe` until `done(value)` holds and returns that value. A probe that
 * throws (a query before the workflow has run) counts as not yet. On timeout
 * it fails naming what was awaited, the last value or error, and how long it
 * waited.
 *
 *   const view = await eventually('the obligation to compute its deadline', () => handle.query(obligationQuery), (v) => v.units.length > 0);
 */
export async function eventually<T>(
  what: string,
  probe: () => T | Promise<T>,
  done: (value: T) => boolean = Boolean,
  { timeoutMs = 30_000, intervalMs = 200 }: EventuallyOptions = {},
): Promise<T> {
  const started = Date.now();
  let last!: { value: T } | { error: unknown };
  let probes = 0;
  for (;;) {
    probes++;
    try {
      const value = await probe();
      if (done(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      const lastSeen = 'error' in last ? `error ${inspect(last.error, { depth: 2 })}` : `value ${inspect(last.value, { depth: 4, maxStringLength: 2_000 })}`;
      throw new Error(`waited ${waited} ms (${probes} probes) for ${what}; last: ${lastSeen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, timeoutMs - waited)));
  }
}
