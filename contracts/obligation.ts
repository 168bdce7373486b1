/**
 * The shapes an obligation workflow takes in and shows out. Plain data, shared
 * by the workflow, the activities that serve it and the client.
 */
import type { Card, Deadline, LogEntry, UnitObligation } from '../domain/accountability';
import type { ObligationKind, ObligationSpec, UnitContact } from '../domain/obligations';

export type { LogEntry, ObligationKind, UnitContact };

export type Audience = 'contact' | 'head' | 'supervisor' | 'leadership';

/** One rung of the escalation ladder for one deadline. */
export interface EscalationStep {
  /** ISO 8601 instant with +08:00. */
  at: string;
  /** notice, reminder, urgent, dueToday, yellowCard, redCard … */
  step: string;
  audience: Audience[];
  /** The ladder says this step goes the moment it is reached, not in the next morning's digest. */
  delivery?: 'scheduled' | 'immediate';
}

export interface ObligationInput extends ObligationSpec {
  /** State carried over by continue-as-new. */
  carried?: CarriedState;
  /** History length that triggers continue-as-new (default 5,000 events); tests set a small one. */
  continueAsNewAfterEvents?: number;
}


export interface UnitRecord extends UnitObligation {
  contact: UnitContact;
  /** The instant of the last escalation step handled for this unit's current deadline. */
  handledUntil: string;
  escalationLevel: number;
  /** Steps handed to digests that may not have gone yet: withdrawn if the unit stops owing first. */
  handedOver?: { keys: string[]; digests: string[] };
}

export interface CarriedState {
  units: Record<string, UnitRecord>;
  round: number;
  /** How many due days the rule had when `round` was counted: due days counted again may be fewer (see alignRound). */
  rounds?: number;
  log: LogEntry[];
  cancelled?: { at: string; reason: string };
}

export interface ObligationView {
  obligationId: string;
  kind: ObligationKind;
  planId?: string;
  taskId?: string;
  title: string;
  rule: ObligationSpec['rule'];
  state: 'open' | 'done' | 'cancelled';
  round: number;
  rounds: number;
  units: Array<Omit<UnitRecord, 'contact'> & { card: Card }>;
  log: LogEntry[];
}

/** One unit in an obligation's memo: [unit id, name, due date, card]. Compact: memos ride along in every visibility listing. */
export type PublishedUnitRow = [id: string, name: string, due: string, card: string];

export interface PlanStartInput {
  planId: string;
  /** The plan store key of the obligations list (activities/plan-store.ts). */
  storeKey: string;
  total: number;
  batchSize?: number;
}

export interface PlanStartProgress {
  planId: string;
  total: number;
  done: number;
  started: number;
  alreadyRunning: number;
}

export type { Deadline };
