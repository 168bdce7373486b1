/**
 * Every signal, query and update of duban's workflows, defined once and
 * imported by workflows, client and tests.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ExtensionDecisionInput,
  ExtensionRequestInput,
  ReportInput,
  ReviewInput,
  WaiveInput,
  Actor,
} from '../domain/accountability';
import type { ObligationView, PlanStartProgress } from './obligation-types';

export const reportUpdate = defineUpdate<ObligationView, [ReportInput]>('report');
export const requestExtensionUpdate = defineUpdate<ObligationView, [ExtensionRequestInput]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<ObligationView, [ExtensionDecisionInput]>('decideExtension');
export const reviewUpdate = defineUpdate<ObligationView, [ReviewInput]>('review');
export const waiveUpdate = defineUpdate<ObligationView, [WaiveInput]>('waive');
export const cancelUpdate = defineUpdate<ObligationView, [{ actor: Actor; reason: string }]>('cancel');

/** A holiday year was loaded: provisional deadlines are recomputed. */
export const calendarChangedSignal = defineSignal<[{ year: number; version: number }]>('calendarChanged');

/** The full state and the log of every reminder and escalation sent. */
export const obligationQuery = defineQuery<ObligationView>('obligation');

/** How far the fan-out of a plan start has got. */
export const planStartProgressQuery = defineQuery<PlanStartProgress>('planStartProgress');
