/**
 * The escalation ladder as a workflow walks it: the steps of a deadline,
 * fetched from the calendar activity a bounded number at a time and extended
 * when the weekly red card runs past what was fetched; which moment comes
 * next; which step is due now. Deterministic, for every workflow that
 * reminds a unit (obligation, requestReply).
 */
import type { Card, Deadline } from '../domain/accountability';
import type { EscalationStep } from '../contracts/obligation';

type FetchSteps = (input: { deadline: Deadline; after?: string }) => Promise<EscalationStep[]>;

export class Ladders {
  private readonly cache = new Map<string, EscalationStep[]>();

  constructor(private readonly fetch: FetchSteps) {}

  /** The ladder of `deadline`, fetched at least through the instant `through` (epoch ms). */
  async through(deadline: Deadline, through: number): Promise<EscalationStep[]> {
    const key = `${deadline.instant}|${deadline.provisional}`;
    let ladder = this.cache.get(key);
    if (!ladder) {
      ladder = await this.fetch({ deadline });
      this.cache.set(key, ladder);
    }
    for (let last = ladder[ladder.length - 1]; last && Date.parse(last.at) <= through; last = ladder[ladder.length - 1]) {
      const more = await this.fetch({ deadline, after: last.at });
      if (more.length === 0) break;
      ladder.push(...more);
    }
    return ladder;
  }

  /** Forgets every ladder: the calendar changed and deadlines may have moved. */
  clear(): void {
    this.cache.clear();
  }
}

/** The first moment after `after` (epoch ms) when something is due: a step, or the deadline itself. */
export function nextMoment(ladder: EscalationStep[], deadline: Deadline, after: number): string | undefined {
  return [...ladder.map((s) => s.at), deadline.instant].filter((at) => Date.parse(at) > after).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
}

/** The most severe step that came due in (after, now]: several at once (a worker that was down) become one mail, not a flood. */
export function latestDueStep(ladder: EscalationStep[], after: number, now: number): EscalationStep | undefined {
  return ladder.filter((s) => Date.parse(s.at) > after && Date.parse(s.at) <= now).pop();
}

const CARDS: Record<string, Card> = { yellowCard: 'yellow', redCard: 'red', redCardWeekly: 'red' };

/** Blue while a reminder precedes the deadline, yellow and red from the escalations on. */
export function cardAfter(step: EscalationStep, deadline: Deadline, current: Card): Card {
  return CARDS[step.step] ?? (Date.parse(step.at) <= Date.parse(deadline.instant) ? 'blue' : current);
}

export function isEscalation(step: EscalationStep): boolean {
  return step.step in CARDS;
}

/** 0 contact, 1 head, 2 supervisor, 3 leadership: the DubanEscalationLevel search attribute. */
export function escalationLevel(step: EscalationStep): number {
  const order = ['contact', 'head', 'supervisor', 'leadership'] as const;
  return Math.max(0, ...step.audience.map((a) => order.indexOf(a)));
}
