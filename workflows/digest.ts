/**
 * One digest: everything due for one recipient on one working morning, sent
 * once. Obligations hand their steps over with signal-with-start on
 * `digest/<recipient>/<date>`; the digest waits until its send time, gathers
 * while hand-overs keep arriving (a plan's fan-out at 09:00), mails once,
 * and tells each task what could not be delivered. Items handed over in the
 * minutes after it went go in a follow-up; later ones start a new run.
 */
import { condition, getExternalWorkflowHandle, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DigestInput, DigestItem } from '../contracts/digest';
import { deliveryProblemSignal, digestItemsSignal, digestWithdrawSignal } from '../contracts/messages';
import { millisUntil, workflowNow } from './clock';

const { sendDigest } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  // A relay that is down is waited out; a permanent refusal comes back as a problem, not an error.
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/** Send once no hand-over has arrived for this long… */
const QUIET = '30 seconds';
/** …and wait this long after a send for stragglers before closing. */
const LINGER = '2 minutes';

export interface DigestOutcome {
  mails: number;
  items: number;
  problems: number;
}

export async function digest(input: DigestInput): Promise<DigestOutcome> {
  const pending = new Map<string, DigestItem>();
  const sent = new Set<string>();
  let arrivals = 0;
  setHandler(digestItemsSignal, ({ items }) => {
    for (const item of items) if (!sent.has(item.key)) pending.set(item.key, item);
    arrivals += 1;
  });
  setHandler(digestWithdrawSignal, ({ keys }) => {
    for (const key of keys) pending.delete(key);
  });

  await sleep(Math.max(1, millisUntil(input.sendAt)));
  const outcome: DigestOutcome = { mails: 0, items: 0, problems: 0 };
  for (;;) {
    for (let seen = -1; seen !== arrivals; ) {
      seen = arrivals;
      await sleep(QUIET);
    }
    const items = [...pending.values()];
    pending.clear();
    if (items.length > 0) {
      const result = await sendDigest({ recipient: input.recipient, date: input.date, items, now: new Date(workflowNow()).toISOString() });
      for (const item of items) sent.add(item.key);
      outcome.mails += result.sent ? 1 : 0;
      outcome.items += items.length;
      outcome.problems += result.problems.length;
      // Each task the digest spoke of logs what could not be delivered.
      const tasks = [...new Set(items.map((i) => i.obligation.id))];
      for (const problem of result.problems) {
        for (const task of tasks) await getExternalWorkflowHandle(task).signal(deliveryProblemSignal, problem).catch(() => undefined);
      }
    }
    if (!(await condition(() => pending.size > 0, LINGER))) break;
  }
  return outcome;
}
