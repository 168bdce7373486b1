/**
 * A request for disclosure (依申请公开) as the 政府信息公开条例 has it, as
 * state and checked steps. Pure: the requestReply workflow holds the state
 * and applies these steps from its Updates; each `check…` throws a
 * RequestError (Chinese, for staff) before anything changes, so it serves as
 * the Update's validator.
 *
 * The clock: 20 working days from receipt (art. 33). 补正 is asked within 7
 * working days of receipt, once, in one notice; the reply clock then starts
 * again from the day the amended request is received, and an applicant who
 * does not amend in time has withdrawn (art. 30). Consultation of a third
 * party or another agency is not counted (art. 32, 34). One extension of at
 * most 20 working days, approved by the head of the disclosure office
 * (art. 33).
 */
import type { Card, Deadline, LogEntry } from './accountability';
import { isIsoDate } from './calendar/dates';
import type { RequestClock } from './deadlines';
import type { Delivery, UnitContact } from './obligations';

/**
 * Working days an applicant is given to amend. Art. 30 says only "a
 * reasonable period" (合理的补正期限) stated in the notice; 15 working days
 * is what offices commonly write, the same period art. 32 gives a consulted
 * third party. Set per request when the notice says otherwise.
 */
export const DEFAULT_AMENDMENT_WAIT_WORKING_DAYS = 15;
/** Art. 33: the extension may not exceed 20 working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;

export interface RequestReplyInput {
  /** Business key, also the workflow id: request/<unitId>/<receivedOn>/<key of title and applicant>. */
  requestId: string;
  title: string;
  applicant?: string;
  /** The day the request counts as received (art. 31). */
  receivedOn: string;
  /** The unit handling the request: reminders go to its contact, then its head, the supervisor and the leadership. */
  unit: UnitContact;
  /** Default DEFAULT_AMENDMENT_WAIT_WORKING_DAYS. */
  amendmentWaitWorkingDays?: number;
  /** As for obligations: 'digest' hands each step to the morning digests. */
  delivery?: Delivery;
}

export type RequestPhase = 'open' | 'awaitingAmendment' | 'consulting' | 'replied' | 'withdrawn';

export interface RequestState {
  receivedOn: string;
  phase: RequestPhase;
  amendment?: { askedOn: string; note: string; waitDue: Deadline; receivedOn?: string };
  consultations: Array<{ from: string; to?: string; party: string }>;
  extension?: { workingDays: number; approvedBy: string; at: string };
  reply?: { date: string; evidence: string[]; late: boolean; workingDaysLate: number };
  withdrawnAt?: string;
}

export interface AskAmendmentInput {
  date: string;
  /** What the applicant must add or clarify, as the notice says it. */
  note: string;
}
export interface AmendmentReceivedInput {
  date: string;
}
export interface StartConsultationInput {
  date: string;
  /** The third party or agency consulted. */
  party: string;
}
export interface EndConsultationInput {
  date: string;
}
export interface ExtendReplyInput {
  workingDays: number;
  /** The head of the disclosure office who approved it (art. 33). */
  approvedBy: string;
}
export interface ReplyInput {
  date: string;
  /** The reply's document number, or where it was published or sent. */
  evidence: string[];
}

export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly code: 'bad-date' | 'wrong-phase' | 'too-late' | 'once-only' | 'required' | 'bad-extension',
    message: string,
  ) {
    super(message);
  }
}

const PHASE_NAMES: Record<RequestPhase, string> = {
  open: '办理中',
  awaitingAmendment: '等待申请人补正',
  consulting: '征求意见中（不计时）',
  replied: '已答复',
  withdrawn: '视为放弃申请',
};

export function phaseName(phase: RequestPhase): string {
  return PHASE_NAMES[phase];
}

function requirePhase(state: RequestState, phases: RequestPhase[], what: string): void {
  if (!phases.includes(state.phase)) throw new RequestError('wrong-phase', `申请目前${phaseName(state.phase)}，不能${what}。`);
}

/** A day the clerk names: a real date, not before `earliest`, not after today. */
function requireDay(date: string, earliest: { date: string; what: string }, today: string): void {
  if (!isIsoDate(date)) {
    throw new RequestError('bad-date', `日期应为 YYYY-MM-DD，收到“${date}”。`);
  }
  if (date < earliest.date) throw new RequestError('bad-date', `日期 ${date} 早于${earliest.what}（${earliest.date}）。`);
  if (date > today) throw new RequestError('bad-date', `日期 ${date} 晚于今天（${today}）。`);
}

function requireText(value: string | undefined, what: string): string {
  const text = (value ?? '').trim();
  if (!text) throw new RequestError('required', `须填写${what}。`);
  return text;
}

/** The day the reply clock counts from: receipt, or receipt of the amended request. */
export function clockStart(state: RequestState): string {
  return state.amendment?.receivedOn ?? state.receivedOn;
}

/** The inputs of `requestReplyDeadlines`: finished consultations only (an open one has no end yet). */
export function requestClock(state: RequestState): RequestClock {
  return {
    receivedOn: state.receivedOn,
    ...(state.amendment?.receivedOn ? { amendedReceivedOn: state.amendment.receivedOn } : {}),
    pauses: state.consultations.filter((c) => c.to).map((c) => ({ from: c.from, to: c.to! })),
    ...(state.extension ? { extensionWorkingDays: state.extension.workingDays } : {}),
  };
}

/** 补正: once, within 7 working days of receipt (`noticeDue`), before anything else has happened. */
export function checkAskAmendment(state: RequestState, input: AskAmendmentInput, today: string, noticeDue: Deadline): void {
  if (state.amendment) throw new RequestError('once-only', `已于 ${state.amendment.askedOn} 告知补正：补正须一次性告知，不能再次要求。`);
  requirePhase(state, ['open'], '要求补正');
  if (state.consultations.length > 0) throw new RequestError('wrong-phase', '已开始征求意见，不能再要求补正。');
  requireDay(input.date, { date: state.receivedOn, what: '收到申请之日' }, today);
  if (input.date > noticeDue.date) throw new RequestError('too-late', `补正须在收到申请之日起7个工作日内（${noticeDue.date} 前）一次性告知，${input.date} 已超过。`);
  requireText(input.note, '需要补正的内容');
}

export function applyAskAmendment(state: RequestState, input: AskAmendmentInput, waitDue: Deadline): void {
  state.amendment = { askedOn: input.date, note: input.note.trim(), waitDue };
  state.phase = 'awaitingAmendment';
}

export function checkAmendmentReceived(state: RequestState, input: AmendmentReceivedInput, today: string): void {
  requirePhase(state, ['awaitingAmendment'], '登记补正');
  const amendment = state.amendment!;
  requireDay(input.date, { date: amendment.askedOn, what: '告知补正之日' }, today);
  if (input.date > amendment.waitDue.date) throw new RequestError('too-late', `补正期限 ${amendment.waitDue.date} 已过，申请视为放弃。`);
}

export function applyAmendmentReceived(state: RequestState, input: AmendmentReceivedInput): void {
  state.amendment!.receivedOn = input.date;
  state.phase = 'open';
}

export function checkStartConsultation(state: RequestState, input: StartConsultationInput, today: string): void {
  requirePhase(state, ['open'], '开始征求意见');
  const last = state.consultations[state.consultations.length - 1];
  requireDay(input.date, last?.to ? { date: last.to, what: '上一次征求意见结束之日' } : { date: clockStart(state), what: '答复期限起算之日' }, today);
  requireText(input.party, '征求意见的第三方或机关');
}

export function applyStartConsultation(state: RequestState, input: StartConsultationInput): void {
  state.consultations.push({ from: input.date, party: input.party.trim() });
  state.phase = 'consulting';
}

export function checkEndConsultation(state: RequestState, input: EndConsultationInput, today: string): void {
  requirePhase(state, ['consulting'], '结束征求意见');
  const current = state.consultations[state.consultations.length - 1]!;
  requireDay(input.date, { date: current.from, what: '开始征求意见之日' }, today);
}

export function applyEndConsultation(state: RequestState, input: EndConsultationInput): void {
  state.consultations[state.consultations.length - 1]!.to = input.date;
  state.phase = 'open';
}

/** One extension, 1–20 working days, approved by the office's head, while the reply is not yet late. */
export function checkExtendReply(state: RequestState, input: ExtendReplyInput, now: number, deadline: Deadline): void {
  requirePhase(state, ['open', 'consulting'], '延长答复期限');
  if (state.extension) throw new RequestError('once-only', `已于 ${state.extension.at.slice(0, 10)} 延长 ${state.extension.workingDays} 个工作日：答复期限只能延长一次。`);
  if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > MAX_EXTENSION_WORKING_DAYS) {
    throw new RequestError('bad-extension', `延长期限应为 1–${MAX_EXTENSION_WORKING_DAYS} 个工作日，收到“${input.workingDays}”。`);
  }
  requireText(input.approvedBy, '批准延期的政府信息公开工作机构负责人');
  if (now > Date.parse(deadline.instant)) throw new RequestError('too-late', `答复期限 ${deadline.date} 已过，不能再延长。`);
}

export function applyExtendReply(state: RequestState, input: ExtendReplyInput, at: string): void {
  state.extension = { workingDays: input.workingDays, approvedBy: input.approvedBy.trim(), at };
}

/** The reply, with evidence; a reply while a consultation is open ends the consultation that day. */
export function checkReply(state: RequestState, input: ReplyInput, today: string): void {
  requirePhase(state, ['open', 'consulting'], '答复');
  requireDay(input.date, { date: state.receivedOn, what: '收到申请之日' }, today);
  if (input.evidence.map((e) => e.trim()).filter(Boolean).length === 0) throw new RequestError('required', '答复须附佐证（答复书文号或送达记录）。');
}

/** Call after ending an open consultation on the reply day (applyEndConsultation), so lateness counts without it. */
export function applyReply(state: RequestState, input: ReplyInput, workingDaysLate: number): void {
  state.reply = { date: input.date, evidence: input.evidence.map((e) => e.trim()).filter(Boolean), late: workingDaysLate > 0, workingDaysLate };
  state.phase = 'replied';
}

/** What the requestReply workflow shows (its query). */
export interface RequestReplyView {
  requestId: string;
  title: string;
  applicant?: string;
  unit: { id: string; name: string };
  state: RequestState;
  phase: string;
  /** The reply due day now in force (extended, amended and paused as recorded); absent only in the moment before the first calendar answer. */
  deadline?: Deadline;
  amendmentNoticeDue?: Deadline;
  pausedWorkingDays: number;
  card: Card;
  log: RequestLogEntry[];
}

/** Requests log in the same shape as every duty. */
export type RequestLogEntry = LogEntry;
