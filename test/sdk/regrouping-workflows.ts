/**
 * The smallest workflows that show how SDK 1.23+ groups local-activity
 * results differently in a live run and on replay (docs/sdk-notes.md), each
 * a main loop that waits on a timer and wakes when an Update changed
 * something. Bundled on their own by test/sdk/local-activity-regrouping.test.ts.
 *
 * - `naiveLoop`: the handler awaits a local activity, then wakes the loop.
 * - `workaroundLoop`: what workflows/accountability-core.ts does: handlers
 *   take turns under one lock, and the loop wakes on `changed &&
 *   allHandlersFinished()` (one condition).
 * - the others are the variants docs/sdk-notes.md tabulates.
 */
import { Mutex } from 'async-mutex';
import { allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

/** The activity every handler awaits: answers at once, as the calendar does. */
export const regroupingActivities = {
  async echo(n: number): Promise<number> {
    return n;
  },
};

export const touchUpdate = defineUpdate<number, [number]>('touch');
export const touchesQuery = defineQuery<number>('touches');

const local = proxyLocalActivities<typeof regroupingActivities>({ startToCloseTimeout: '10 seconds' });
const remote = proxyActivities<typeof regroupingActivities>({ startToCloseTimeout: '10 seconds' });

interface Shape {
  /** Handlers take turns under one async-mutex lock. */
  lock?: boolean;
  /** How the loop wakes: on `changed`; on `changed && allHandlersFinished()`; or on `changed`, then a separate `await condition(allHandlersFinished)`. */
  wake: 'changed' | 'changed-and-finished' | 'changed-then-finished';
  /** What the handler awaits before it changes anything. */
  awaits: 'local' | 'remote' | 'nothing';
  /** The loop runs a local activity of its own before each wait, outside the lock (as a ladder look-up would). */
  loopActivity?: boolean;
  /** The loop waits without a timer (no timeout on its condition). */
  noTimer?: boolean;
}

function mainLoop(shape: Shape): () => Promise<never> {
  return async () => {
    const lock = new Mutex();
    let changed = false;
    let touches = 0;
    const touch = async (n: number) => {
      if (shape.awaits === 'local') await local.echo(n);
      if (shape.awaits === 'remote') await remote.echo(n);
      touches += 1;
      changed = true;
      return touches;
    };
    setHandler(touchUpdate, shape.lock ? (n) => lock.runExclusive(() => touch(n)) : touch);
    setHandler(touchesQuery, () => touches);
    for (;;) {
      changed = false;
      if (shape.loopActivity) await local.echo(0);
      const timeout = shape.noTimer ? undefined : '1 hour';
      if (shape.wake === 'changed-and-finished') {
        await condition(() => changed && allHandlersFinished(), timeout);
      } else {
        await condition(() => changed, timeout);
        if (shape.wake === 'changed-then-finished') await condition(allHandlersFinished);
      }
    }
  };
}

export const naiveLoop = mainLoop({ wake: 'changed', awaits: 'local' });
export const workaroundLoop = mainLoop({ lock: true, wake: 'changed-and-finished', awaits: 'local' });
export const lockOnlyLoop = mainLoop({ lock: true, wake: 'changed', awaits: 'local' });
export const wakeConditionOnlyLoop = mainLoop({ wake: 'changed-and-finished', awaits: 'local' });
export const separateWaitLoop = mainLoop({ wake: 'changed-then-finished', awaits: 'local' });
export const remoteActivityLoop = mainLoop({ wake: 'changed', awaits: 'remote' });
export const noAwaitLoop = mainLoop({ wake: 'changed', awaits: 'nothing' });
export const noTimerLoop = mainLoop({ wake: 'changed', awaits: 'local', noTimer: true });
export const lockOnlyWithLoopActivity = mainLoop({ lock: true, wake: 'changed', awaits: 'local', loopActivity: true });
export const workaroundWithLoopActivity = mainLoop({ lock: true, wake: 'changed-and-finished', awaits: 'local', loopActivity: true });
