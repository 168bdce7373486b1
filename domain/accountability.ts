/**
 * Who owes what, and what they have done about it: the state of one
 * obligation (a plan task or a statutory duty) for each unit that owes it.
 * Pure and deterministic; the task workflow holds this state and applies
 * these transitions from its Updates. Each `check…` throws an
 * AccountabilityError (with a Chinese message for staff) before anything
 * changes, so the workflow can use it as an Update validator; each `apply…`
 * changes the state.
 *
 * A unit's life: pending → reported → accepted; reported → returned (pending
 * again); pending → extension requested → approved (new due date) or refused;
 * any open unit → waived by the admin.
 */

export type UnitStatus = 'pending' | 'reported' | 'accepted' | 'waived';
export type Card = 'none' | 'blue' | 'yellow' | 'red';
export type Role = 'unit' | 'supervisor' | 'admin';

/** Who is asking. The client authenticates; the workflow checks the role fits the act. */
export interface Actor {
  role: Role;
  /** The unit acting, for role 'unit'. */
  unitId?: string;
  /** A name for the log (a person or an office). */
  name?: string;
}

export interface Deadline {
  /** The due day, YYYY-MM-DD (Asia/Shanghai). */
  date: string;
  /** The end of that day as an instant, ISO 8601 with +08:00. */
  instant: string;
  /** True while the day lies in a year with no holiday notice loaded. */
  provisional: boolean;
}

export interface Report {
  at: string;
  evidence: string[];
  note?: string;
  late: boolean;
  workingDaysLate: number;
}

export interface ExtensionRequest {
  at: string;
  newDate: string;
  reason: string;
  progress: string;
  decision?: { at: string; approved: boolean; by: string; comment?: string };
}

export interface UnitObligation {
  unitId: string;
  unitName: string;
  status: UnitStatus;
  deadline: Deadline;
  card: Card;
  reports: Report[];
  returns: Array<{ at: string; reason: string; by: string }>;
  extensions: ExtensionRequest[];
  waived?: { at: string; reason: string; by: string };
}

/** One line of a duty's log, in the order things happened: what a task page and `task show` print. */
export interface LogEntry {
  at: string;
  kind:
    | 'start'
    | 'reminder'
    | 'escalation'
    | 'overdue'
    | 'report'
    | 'review'
    | 'extension'
    | 'waive'
    | 'cancel'
    | 'calendar'
    | 'directory'
    | 'done'
    // A request for disclosure's own steps.
    | 'amendment'
    | 'consultation'
    | 'reply'
    | 'withdrawn'
    // A digest could not reach someone (no address, a malformed one, a permanent refusal).
    | 'delivery';
  /** The units the entry concerns, by name. */
  units: string[];
  /** Who acted, for an entry an Update made: `张三（责任单位）`, `李督查（督查人员）`. */
  actor?: string;
  step?: string;
  /** For reminders and escalations: the instant the ladder scheduled (`at` is when it went). */
  scheduledAt?: string;
  recipients?: string[];
  /** For staff, in Chinese. */
  message: string;
}

export class AccountabilityError extends Error {
  override name = 'AccountabilityError';
  constructor(
    readonly code:
      | 'unknown-unit'
      | 'forbidden'
      | 'not-open'
      | 'evidence-required'
      | 'not-reported'
      | 'already-accepted'
      | 'waived'
      | 'reason-required'
      | 'extension-pending'
      | 'extension-not-later'
      | 'extension-too-late'
      | 'no-extension-pending'
      | 'closed'
      | 'awaiting-review',
    message: string,
  ) {
    super(message);
  }
}

function unitOf<U extends UnitObligation>(units: Record<string, U>, unitId: string): U {
  const unit = units[unitId];
  if (!unit) throw new AccountabilityError('unknown-unit', `单位“${unitId}”不承担此项任务。`);
  return unit;
}

function requireRole(actor: Actor, roles: Role[], what: string): void {
  if (!roles.includes(actor.role)) {
    throw new AccountabilityError('forbidden', `无权${what}：需要${roles.map(roleName).join('或')}身份。`);
  }
}

/** The actor as the log names them: `张三（责任单位）`, or the role alone when no name was given. */
export function actorLabel(actor: Actor): string {
  return actor.name?.trim() ? `${actor.name.trim()}（${roleName(actor.role)}）` : roleName(actor.role);
}

function roleName(role: Role): string {
  return { unit: '责任单位', supervisor: '督查人员', admin: '政务公开办' }[role];
}

function isOpen(unit: UnitObligation): boolean {
  return unit.status === 'pending' || unit.status === 'reported';
}

export function pendingExtension(unit: UnitObligation): ExtensionRequest | undefined {
  const last = unit.extensions[unit.extensions.length - 1];
  return last && !last.decision ? last : undefined;
}

// ── report ────────────────────────────────────────────────────────────────

export interface ReportInput {
  actor: Actor;
  unitId: string;
  evidence: string[];
  note?: string;
}

/** A unit reports only for itself, only while pending, and only with evidence (usually the URL where it published). */
export function checkReport<U extends UnitObligation>(
  units: Record<string, U>, input: ReportInput): U {
  const unit = unitOf(units, input.unitId);
  if (input.actor.role !== 'unit' || input.actor.unitId !== input.unitId) {
    throw new AccountabilityError('forbidden', `只能由“${unit.unitName}”本单位报告完成情况。`);
  }
  if (unit.status !== 'pending') {
    throw new AccountabilityError('not-open', `“${unit.unitName}”的状态为${statusName(unit.status)}，不能再次报告。`);
  }
  if (input.evidence.map((e) => e.trim()).filter(Boolean).length === 0) {
    throw new AccountabilityError('evidence-required', '报告完成情况须附佐证材料（如公开网址）。');
  }
  return unit;
}

export function applyReport(unit: UnitObligation, input: ReportInput, at: string, workingDaysLate: number): Report {
  const report: Report = {
    at,
    evidence: input.evidence.map((e) => e.trim()).filter(Boolean),
    note: input.note,
    late: workingDaysLate > 0,
    workingDaysLate,
  };
  unit.reports.push(report);
  unit.status = 'reported';
  return report;
}

// ── review ────────────────────────────────────────────────────────────────

export interface ReviewInput {
  actor: Actor;
  unitId: string;
  decision: 'accept' | 'return';
  reason?: string;
}

/** Only a supervisor accepts or returns (退回), and a return says why. */
export function checkReview<U extends UnitObligation>(
  units: Record<string, U>, input: ReviewInput): U {
  requireRole(input.actor, ['supervisor'], '审核完成情况');
  const unit = unitOf(units, input.unitId);
  if (unit.status === 'accepted') throw new AccountabilityError('already-accepted', `“${unit.unitName}”的完成情况已审核通过，无需再审核。`);
  if (unit.status === 'waived') throw new AccountabilityError('waived', `“${unit.unitName}”的这项任务已免除，无可审核。`);
  if (unit.status !== 'reported') {
    throw new AccountabilityError('not-reported', `“${unit.unitName}”尚未报告完成情况，无可审核。`);
  }
  if (input.decision === 'return' && !input.reason?.trim()) {
    throw new AccountabilityError('reason-required', '退回须写明理由。');
  }
  return unit;
}

export function applyReview(unit: UnitObligation, input: ReviewInput, at: string): void {
  if (input.decision === 'accept') {
    unit.status = 'accepted';
  } else {
    unit.status = 'pending';
    unit.returns.push({ at, reason: input.reason!.trim(), by: input.actor.name ?? 'supervisor' });
  }
}

// ── extension ─────────────────────────────────────────────────────────────

export interface ExtensionRequestInput {
  actor: Actor;
  unitId: string;
  newDate: string;
  reason: string;
  progress: string;
}

/**
 * An extension is asked by the unit itself, before its deadline, with the
 * reason, the new date and the progress so far (docs/domain.md, The escalation ladder).
 */
export function checkExtensionRequest<U extends UnitObligation>(
  units: Record<string, U>,
  input: ExtensionRequestInput,
  now: string,
): U {
  const unit = unitOf(units, input.unitId);
  if (input.actor.role !== 'unit' || input.actor.unitId !== input.unitId) {
    throw new AccountabilityError('forbidden', `只能由“${unit.unitName}”本单位申请延期。`);
  }
  if (unit.status !== 'pending') throw new AccountabilityError('not-open', `“${unit.unitName}”的状态为${statusName(unit.status)}，无需延期。`);
  if (pendingExtension(unit)) throw new AccountabilityError('extension-pending', '已有待审批的延期申请。');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.newDate) || input.newDate <= unit.deadline.date) {
    throw new AccountabilityError('extension-not-later', `延期后的日期须晚于当前截止日期 ${unit.deadline.date}。`);
  }
  if (Date.parse(now) > Date.parse(unit.deadline.instant)) {
    throw new AccountabilityError('extension-too-late', `截止日期 ${unit.deadline.date} 已过，不能再申请延期。`);
  }
  if (!input.reason.trim() || !input.progress.trim()) {
    throw new AccountabilityError('reason-required', '延期申请须写明理由和目前进展。');
  }
  return unit;
}

export function applyExtensionRequest(unit: UnitObligation, input: ExtensionRequestInput, at: string): void {
  unit.extensions.push({ at, newDate: input.newDate, reason: input.reason.trim(), progress: input.progress.trim() });
}

export interface ExtensionDecisionInput {
  actor: Actor;
  unitId: string;
  approved: boolean;
  comment?: string;
}

/** Extensions are granted by the disclosure office or the supervisor. */
export function checkExtensionDecision(units: Record<string, UnitObligation>, input: ExtensionDecisionInput): ExtensionRequest {
  requireRole(input.actor, ['supervisor', 'admin'], '审批延期');
  const unit = unitOf(units, input.unitId);
  const pending = pendingExtension(unit);
  if (!pending) throw new AccountabilityError('no-extension-pending', `“${unit.unitName}”没有待审批的延期申请。`);
  return pending;
}

/** Records the decision; an approval's new deadline is set by the caller, who knows the calendar. */
export function applyExtensionDecision(request: ExtensionRequest, input: ExtensionDecisionInput, at: string): void {
  request.decision = { at, approved: input.approved, by: input.actor.name ?? input.actor.role, comment: input.comment };
}

// ── waive ─────────────────────────────────────────────────────────────────

export interface WaiveInput {
  actor: Actor;
  unitId: string;
  reason: string;
}

export function checkWaive<U extends UnitObligation>(
  units: Record<string, U>, input: WaiveInput): U {
  requireRole(input.actor, ['admin'], '免除任务');
  const unit = unitOf(units, input.unitId);
  if (!isOpen(unit)) throw new AccountabilityError('not-open', `“${unit.unitName}”的状态为${statusName(unit.status)}，无需免除。`);
  // A report and a waiver for one unit conflict: the report is answered by a review, not overruled.
  if (unit.status === 'reported') throw new AccountabilityError('awaiting-review', `“${unit.unitName}”已报告完成情况，请先审核，不能免除。`);
  if (!input.reason.trim()) throw new AccountabilityError('reason-required', '免除须写明理由。');
  return unit;
}

export function applyWaive(unit: UnitObligation, input: WaiveInput, at: string): void {
  unit.status = 'waived';
  unit.waived = { at, reason: input.reason.trim(), by: input.actor.name ?? 'admin' };
}

export function checkCancel(actor: Actor, reason: string): void {
  requireRole(actor, ['admin'], '撤销任务');
  if (!reason.trim()) throw new AccountabilityError('reason-required', '撤销须写明理由。');
}

// ── standing ──────────────────────────────────────────────────────────────

/** Units that still owe something: the only ones a reminder goes to. */
export function owingUnits<U extends UnitObligation>(units: Record<string, U>): U[] {
  return Object.values(units).filter((u) => u.status === 'pending');
}

/** Open = the obligation is not settled for this unit (pending, or reported and awaiting review). */
export function openUnits<U extends UnitObligation>(units: Record<string, U>): U[] {
  return Object.values(units).filter((u) => isOpen(u));
}

export function isSettled(units: Record<string, UnitObligation>): boolean {
  return openUnits(units).length === 0;
}

export function statusName(status: UnitStatus): string {
  return { pending: '待办', reported: '已报告待审核', accepted: '已办结', waived: '已免除' }[status];
}
