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
import type {
  AmendmentReceivedInput,
  AskAmendmentInput,
  EndConsultationInput,
  ExtendReplyInput,
  ReplyInput,
  RequestReplyView,
  StartConsultationInput,
} from '../domain/request-reply';
import type { DeliveryProblem, DigestItem } from './digest';
import type { ObligationView, PlanStartProgress, UnitContact } from './obligation';

export const reportUpdate = defineUpdate<ObligationView, [ReportInput]>('report');
export const requestExtensionUpdate = defineUpdate<ObligationView, [ExtensionRequestInput]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<ObligationView, [ExtensionDecisionInput]>('decideExtension');
export const reviewUpdate = defineUpdate<ObligationView, [ReviewInput]>('review');
export const waiveUpdate = defineUpdate<ObligationView, [WaiveInput]>('waive');
export const cancelUpdate = defineUpdate<ObligationView, [{ actor: Actor; reason: string }]>('cancel');

/** A holiday year was loaded: provisional deadlines are recomputed. */
export const calendarChangedSignal = defineSignal<[{ year: number; version: number }]>('calendarChanged');

/** The admin updated the unit directory: units whose addresses changed are reminded at the new ones from now on. */
export const directoryChangedSignal = defineSignal<[{ units: UnitContact[] }]>('directoryChanged');

/** The full state and the log of every reminder and escalation sent. */
export const obligationQuery = defineQuery<ObligationView>('obligation');

/** How far the fan-out of a plan start has got. */
export const planStartProgressQuery = defineQuery<PlanStartProgress>('planStartProgress');

// The request-reply workflow (依申请公开): each step of 政府信息公开条例 art. 30–34, validated before it is written.
export const askAmendmentUpdate = defineUpdate<RequestReplyView, [AskAmendmentInput]>('askAmendment');
export const amendmentReceivedUpdate = defineUpdate<RequestReplyView, [AmendmentReceivedInput]>('amendmentReceived');
export const startConsultationUpdate = defineUpdate<RequestReplyView, [StartConsultationInput]>('startConsultation');
export const endConsultationUpdate = defineUpdate<RequestReplyView, [EndConsultationInput]>('endConsultation');
export const extendReplyUpdate = defineUpdate<RequestReplyView, [ExtendReplyInput]>('extendReply');
export const replyUpdate = defineUpdate<RequestReplyView, [ReplyInput]>('reply');

/** A request's state, due days and the log of every step and reminder. */
export const requestReplyQuery = defineQuery<RequestReplyView>('requestReply');

// Morning digests (workflows/digest.ts): obligations hand their steps over; the digest tells them what could not be delivered.
/** Steps handed to `digest/<recipient>/<date>`; an item already there (same key) is not added twice. */
export const digestItemsSignal = defineSignal<[{ items: DigestItem[] }]>('digestItems');
/** The unit reported or was waived before the digest went: its items are dropped. */
export const digestWithdrawSignal = defineSignal<[{ keys: string[] }]>('digestWithdraw');
/** A digest could not reach a unit (no address, a malformed one, the relay refused it for good): the task logs it. */
export const deliveryProblemSignal = defineSignal<[DeliveryProblem]>('deliveryProblem');
