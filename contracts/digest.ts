/**
 * The morning digest: what an obligation hands over instead of mailing each
 * step itself, and what the digest workflow passes to the mail. Pure data,
 * shared by workflows, activities, the mail templates and tests.
 *
 * One digest per recipient per working morning: `digest/<recipient>/<date>`.
 * A unit's digest goes to its contact (its head in cc once a step says so);
 * a supervisor's or a leader's is one roll-up of the units they oversee.
 */
import type { Card, Deadline } from '../domain/accountability';
import type { ObligationKind } from './obligation';

/** Whose digest: a unit (addresses looked up when it is sent), or one person by address (supervisor, leader, admin). */
export type DigestRecipient =
  | { kind: 'unit'; unitId: string; unitName: string }
  | { kind: 'person'; address: string; role: 'supervisor' | 'leadership' | 'admin' };

/** One thing the recipient is told about: a step of the ladder reached for one unit of one obligation. */
export interface DigestItem {
  /** Unique per obligation, round, unit, step and instant: the same step handed over twice is one item. */
  key: string;
  obligation: { id: string; kind: ObligationKind | 'requestReply'; title: string; planId?: string; taskId?: string; text?: string };
  unit: { id: string; name: string };
  /** notice, reminder, urgent, dueToday, yellowCard, redCard, redCardWeekly, returned. */
  step: string;
  /** When the ladder reached the step (ISO instant). */
  at: string;
  deadline: Deadline;
  card: Card;
  /** Working days past the deadline when the step was reached; 0 before it. */
  workingDaysLate: number;
  /** The unit's head is told too (the step's audience includes head). */
  toHead: boolean;
  /** Times the unit's report was returned; the reason of the last return for a 'returned' item. */
  returns: number;
  reason?: string;
  /** For the admin's digest: a delivery problem to fix, not a step (step 'deliveryProblem'). */
  problem?: DeliveryProblem;
}

/** What kept a digest from someone: told to the task (its log) and to the admin. */
export interface DeliveryProblem {
  kind: 'noAddress' | 'badAddress' | 'refused';
  unitId?: string;
  unitName?: string;
  /** The address concerned, where there is one. */
  address?: string;
  /** The relay's answer or what is wrong with the address, as the relay or the check said it. */
  detail: string;
  /** The digest it concerned: `digest/<recipient>/<date>`. */
  digestId: string;
}

export interface DigestInput {
  recipient: DigestRecipient;
  /** The working day the digest belongs to, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  /** When it goes: 09:00 of `date`, or a little after the first hand-over when that is later (a plan started late). */
  sendAt: string;
}

/** Urgency groups, worst first: how a digest orders what it lists. */
export const URGENCY_ORDER = ['red', 'yellow', 'dueToday', 'upcoming', 'returned', 'notice'] as const;
export type Urgency = (typeof URGENCY_ORDER)[number];

export function urgencyOf(item: Pick<DigestItem, 'step' | 'card'>): Urgency {
  if (item.step === 'returned') return 'returned';
  if (item.card === 'red') return 'red';
  if (item.card === 'yellow') return 'yellow';
  if (item.step === 'dueToday') return 'dueToday';
  if (item.step === 'notice') return 'notice';
  return 'upcoming';
}

/** `digest/unit:fgw/2026-12-01`, `digest/person:duchake@example.gov.cn/2026-12-01`. */
export function digestWorkflowId(recipient: DigestRecipient, date: string): string {
  return `digest/${recipientKey(recipient)}/${date}`;
}

export function recipientKey(recipient: DigestRecipient): string {
  return recipient.kind === 'unit' ? `unit:${recipient.unitId}` : `person:${recipient.address.toLowerCase()}`;
}
