/**
 * The shapes an obligation workflow takes in and shows out. Plain data, shared
 * by the workflow, the activities that serve it and the client.
 */
import type { Card, Deadline, UnitObligation } from '../domain/accountability';
import type { Rule } from '../domain/rules';

/** What a plan task or statutory duty is, for search attributes and mail. */
export type ObligationKind =
  | 'planTask'
  | 'breakdownSubmission'
  | 'feedbackDisclosure'
  | 'commentPublication'
  | 'smeArrearsDisclosure';

export type Audience = 'contact' | 'head' | 'supervisor' | 'leadership';

/** Where a unit's mail goes, snapshotted from the unit directory when the obligation starts. */
export interface UnitContact {
  id: string;
  name: string;
  contact: string[];
  head: string[];
  supervisor: string[];
  leadership: string[];
}

/** One rung of the escalation ladder for one deadline. */
export interface EscalationStep {
  /** ISO 8601 instant with +08:00. */
  at: string;
  /** notice, reminder, urgent, dueToday, yellowCard, redCard … */
  step: string;
  audience: Audience[];
}

export interface ObligationInput {
  /** Business key, also the workflow id: plan/<plan>/task/<task>, breakdown/<plan>/unit/<unit> … */
  obligationId: string;
  kind: ObligationKind;
  planId?: string;
  taskId?: string;
  title: string;
  rule: Rule;
  /** The event the rule counts from (YYYY-MM-DD) and the plan year. */
  anchorDate: string;
  planYear: number;
  units: UnitContact[];
  /** State carried over by continue-as-new. */
  carried?: CarriedState;
}

export interface LogEntry {
  at: string;
  kind: 'start' | 'reminder' | 'escalation' | 'overdue' | 'report' | 'review' | 'extension' | 'waive' | 'cancel' | 'calendar' | 'done';
  units: string[];
  step?: string;
  /** For reminders and escalations: the instant the ladder scheduled (`at` is when it went). */
  scheduledAt?: string;
  recipients?: string[];
  /** For staff, in Chinese. */
  message: string;
}

export interface UnitRecord extends UnitObligation {
  contact: UnitContact;
  /** The instant of the last escalation step handled for this unit's current deadline. */
  handledUntil: string;
  escalationLevel: number;
}

export interface CarriedState {
  units: Record<string, UnitRecord>;
  round: number;
  log: LogEntry[];
  cancelled?: { at: string; reason: string };
}

export interface ObligationView {
  obligationId: string;
  kind: ObligationKind;
  planId?: string;
  taskId?: string;
  title: string;
  rule: Rule;
  state: 'open' | 'done' | 'cancelled';
  round: number;
  rounds: number;
  units: Array<Omit<UnitRecord, 'contact'> & { card: Card }>;
  log: LogEntry[];
}

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
