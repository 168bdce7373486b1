/**
 * One obligation, as a clerk would tell it: a set of units owes something by
 * a deadline. Before and after the deadline each unit that still owes is
 * reminded, then escalated to its head, the supervisor and the leadership,
 * until it reports and the supervisor accepts, or the admin waives it.
 * Extensions move one unit's deadline; a newly loaded holiday year moves
 * provisional ones. Plan tasks and the statutory duties (breakdown
 * submission, feedback disclosure, comment publication, SME arrears) all run
 * as this workflow; a rule with several occurrences (quarterly) runs them as
 * successive rounds.
 *
 * Deadlines and ladders come from activities (the calendar is data that
 * changes); this file only decides when to wake and whom to tell.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
  ApplicationFailure,
  patched,
} from '@temporalio/workflow';
import {
  AccountabilityError,
  applyExtensionDecision,
  applyExtensionRequest,
  applyReport,
  applyReview,
  applyWaive,
  checkCancel,
  checkExtensionDecision,
  checkExtensionRequest,
  checkReport,
  checkReview,
  checkWaive,
  isSettled,
  owingUnits,
  type Deadline,
} from '../domain/accountability';
import { millisUntil, workflowNow } from './clock';
import {
  calendarChangedSignal,
  cancelUpdate,
  directoryChangedSignal,
  decideExtensionUpdate,
  obligationQuery,
  reportUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  waiveUpdate,
} from '../contracts/messages';
import type { CarriedState, EscalationStep, LogEntry, ObligationInput, ObligationView, PublishedUnitRow, UnitContact, UnitRecord } from '../contracts/obligation';
import { calendar as remoteCalendar, localCalendar, mail } from './activity-proxies';
import { cardAfter, escalationLevel, isEscalation, Ladders, latestDueStep, nextMoment, stepTitle } from './ladder';
import { searchAttributes } from '../contracts/wire';


/** Continue-as-new well before Temporal's history limits; a year of a large task stays far below. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 5_000;

function nowIso(): string {
  return new Date(workflowNow()).toISOString();
}

export async function obligation(input: ObligationInput): Promise<ObligationView> {
  // Calendar answers were ordinary activities when the first histories were
  // recorded; local activities give the same answers without the round trips.
  const localAnswers = patched('calendar-local-activities');
  const calendar = localAnswers ? localCalendar : remoteCalendar;
  // Handlers are registered before the first activity, so a query or update
  // that arrives while deadlines are being resolved is answered, not refused;
  // updates wait for `ready` and are checked again against the real state.
  let ready = false;
  const occurrences: Deadline[] = [];
  const carried: CarriedState = input.carried ?? { round: 0, log: [], units: {} };
  const { units, log } = carried;
  let changed = false;
  let calendarChanged = false;

  const record = (entry: Omit<LogEntry, 'at'>) => {
    log.push({ at: nowIso(), ...entry });
    changed = true;
  };
  const view = (): ObligationView => ({
    obligationId: input.obligationId,
    kind: input.kind,
    planId: input.planId,
    taskId: input.taskId,
    title: input.title,
    rule: input.rule,
    state: carried.cancelled ? 'cancelled' : isSettled(units) && carried.round >= occurrences.length - 1 ? 'done' : 'open',
    round: carried.round,
    rounds: occurrences.length,
    units: Object.values(units).map(({ contact: _contact, ...rest }) => rest),
    log,
  });
  const rejectAs = (err: unknown): never => {
    if (err instanceof AccountabilityError) {
      throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
    }
    throw err;
  };
  const guard = <T>(check: () => T): T => {
    if (carried.cancelled) rejectAs(new AccountabilityError('closed', '此项任务已撤销。'));
    try {
      return check();
    } catch (err) {
      return rejectAs(err);
    }
  };
  /** Validators check once the state exists; before that the handler checks after waiting. */
  const validate = (check: () => unknown) => {
    if (ready) guard(check);
  };

  setHandler(obligationQuery, view);

  setHandler(
    reportUpdate,
    async (report) => {
      await condition(() => ready);
      const unit = guard(() => checkReport(units, report));
      const at = nowIso();
      const late = await calendar.workingDaysLate({ deadline: unit.deadline, at });
      applyReport(unit, report, at, late);
      record({
        kind: 'report',
        units: [unit.unitName],
        message: late > 0 ? `${unit.unitName}报告完成（逾期 ${late} 个工作日）` : `${unit.unitName}按期报告完成`,
      });
      return view();
    },
    { validator: (report) => validate(() => checkReport(units, report)) },
  );

  setHandler(
    reviewUpdate,
    async (review) => {
      await condition(() => ready);
      const unit = guard(() => checkReview(units, review));
      applyReview(unit, review, nowIso());
      if (review.decision === 'return') {
        unit.handledUntil = nowIso();
        // Added after the first histories were recorded: a returned unit is told at once, with the reason.
        if (patched('notify-unit-on-return')) await notifyReturn(unit, review.reason!.trim());
      }
      record({
        kind: 'review',
        units: [unit.unitName],
        message: review.decision === 'accept' ? `${unit.unitName}的完成情况已审核通过` : `${unit.unitName}的完成情况被退回：${review.reason}`,
      });
      return view();
    },
    { validator: (review) => validate(() => checkReview(units, review)) },
  );

  setHandler(
    requestExtensionUpdate,
    async (request) => {
      await condition(() => ready);
      const unit = guard(() => checkExtensionRequest(units, request, nowIso()));
      applyExtensionRequest(unit, request, nowIso());
      record({ kind: 'extension', units: [unit.unitName], message: `${unit.unitName}申请延期至 ${request.newDate}：${request.reason}` });
      return view();
    },
    { validator: (request) => validate(() => checkExtensionRequest(units, request, nowIso())) },
  );

  setHandler(
    decideExtensionUpdate,
    async (decision) => {
      await condition(() => ready);
      const request = guard(() => checkExtensionDecision(units, decision));
      const unit = units[decision.unitId]!;
      if (decision.approved) {
        const before = unit.deadline.date;
        unit.deadline = await calendar.deadlineOn({ date: request.newDate });
        unit.handledUntil = nowIso();
        unit.card = 'none';
        record({ kind: 'extension', units: [unit.unitName], message: `${unit.unitName}延期获批：截止日期由 ${before} 改为 ${unit.deadline.date}` });
      } else {
        record({ kind: 'extension', units: [unit.unitName], message: `${unit.unitName}的延期申请未获批准${decision.comment ? `：${decision.comment}` : ''}` });
      }
      applyExtensionDecision(request, decision, nowIso());
      return view();
    },
    { validator: (decision) => validate(() => checkExtensionDecision(units, decision)) },
  );

  setHandler(
    waiveUpdate,
    async (waiver) => {
      await condition(() => ready);
      const unit = guard(() => checkWaive(units, waiver));
      applyWaive(unit, waiver, nowIso());
      record({ kind: 'waive', units: [unit.unitName], message: `${unit.unitName}已免除：${waiver.reason}` });
      return view();
    },
    { validator: (waiver) => validate(() => checkWaive(units, waiver)) },
  );

  setHandler(
    cancelUpdate,
    async ({ actor, reason }) => {
      await condition(() => ready);
      guard(() => checkCancel(actor, reason));
      carried.cancelled = { at: nowIso(), reason: reason.trim() };
      record({ kind: 'cancel', units: [], message: `任务已撤销：${reason.trim()}` });
      return view();
    },
    { validator: ({ actor, reason }) => validate(() => checkCancel(actor, reason)) },
  );

  setHandler(directoryChangedSignal, async ({ units: directory }) => {
    await condition(() => ready);
    for (const entry of directory) {
      const unit = units[entry.id];
      if (!unit || sameRecipients(unit.contact, entry)) continue;
      unit.contact = { ...entry, name: unit.contact.name };
      record({
        kind: 'directory',
        units: [unit.unitName],
        recipients: [...new Set([...entry.contact, ...entry.head])],
        message: `单位名录已更新：${unit.unitName}的提醒今后发往新的联系人和负责人`,
      });
    }
  });

  setHandler(calendarChangedSignal, () => {
    calendarChanged = true;
    changed = true;
  });

  occurrences.push(...(await calendar.resolveDeadlines({ rule: input.rule, anchorDate: input.anchorDate, planYear: input.planYear })));
  if (!input.carried) {
    for (const unit of input.units) units[unit.id] = freshUnit(unit, occurrences[0]!);
    record({ kind: 'start', units: input.units.map((u) => u.name), message: `开始督办，截止日期 ${occurrences[0]!.date}${occurrences[0]!.provisional ? '（暂定）' : ''}` });
  }
  ready = true;

  // Ladders per distinct deadline, fetched lazily and extended when the
  // weekly red-card repeats run past what was fetched.
  const ladders = new Ladders((request) => calendar.escalationSteps(request));

  const publishStanding = () => {
    const now = workflowNow();
    const open = Object.values(units).filter((u) => u.status === 'pending' || u.status === 'reported');
    const overdue = owingUnits(units).filter((u) => Date.parse(u.deadline.instant) < now);
    const earliest = open.map((u) => u.deadline.instant).sort()[0];
    const state = view().state;
    upsertSearchAttributes([
      { key: searchAttributes.pendingUnits, value: owingUnits(units).map((u) => u.unitId) },
      { key: searchAttributes.overdueUnits, value: overdue.map((u) => u.unitId) },
      { key: searchAttributes.state, value: state },
      { key: searchAttributes.escalationLevel, value: Math.max(0, ...open.map((u) => u.escalationLevel)) },
      ...(earliest ? [{ key: searchAttributes.deadline, value: new Date(earliest) }] : []),
    ]);
    // Per-unit due dates ride along in the memo, so a visibility listing answers "who is overdue since when".
    upsertMemo({ units: Object.values(units).map((u): PublishedUnitRow => [u.unitId, u.unitName, u.deadline.date, u.card]) });
  };

  // Plan, rule and units are set when the workflow is started; runs before the patch also upserted them here.
  if (!localAnswers) {
    upsertSearchAttributes([
      ...(input.planId ? [{ key: searchAttributes.plan, value: input.planId }] : []),
      { key: searchAttributes.rule, value: input.kind === 'planTask' ? input.rule.kind : input.kind },
      { key: searchAttributes.units, value: input.units.map((u) => u.id) },
    ]);
  }
  publishStanding();

  for (;;) {
    if (carried.cancelled) break;
    if (isSettled(units)) {
      if (carried.round >= occurrences.length - 1) break;
      carried.round += 1;
      const next = occurrences[carried.round]!;
      for (const unit of Object.values(units)) Object.assign(unit, freshUnit(unit.contact, next), { handledUntil: nowIso() });
      record({ kind: 'start', units: Object.values(units).map((u) => u.unitName), message: `进入第 ${carried.round + 1} 期，截止日期 ${next.date}` });
      publishStanding();
      continue;
    }

    if (calendarChanged) {
      calendarChanged = false;
      await recomputeProvisional();
      publishStanding();
    }

    if (workflowInfo().historyLength > (input.continueAsNewAfterEvents ?? HISTORY_EVENTS_BEFORE_CONTINUE) || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof obligation>({ ...input, carried });
    }

    changed = false;
    const wake = await nextWake();
    const interrupted = wake === undefined ? await condition(() => changed).then(() => true) : await condition(() => changed, Math.max(1, millisUntil(wake.at)));
    if (interrupted) {
      // A report, review or waiver changes who is pending: supervisors' listings see it now, not at the next reminder.
      if (patched('publish-standing-after-updates')) publishStanding();
      continue;
    }
    await handleDue();
    publishStanding();
  }

  await condition(allHandlersFinished);
  publishStanding();
  if (!carried.cancelled) record({ kind: 'done', units: [], message: '全部单位已办结' });
  return view();

  /** The earliest moment something is due for a unit that still owes: a ladder step or the deadline itself. */
  async function nextWake(): Promise<{ at: string } | undefined> {
    let earliest: string | undefined;
    for (const unit of owingUnits(units)) {
      const at = await nextMomentFor(unit);
      if (at && (!earliest || Date.parse(at) < Date.parse(earliest))) earliest = at;
    }
    return earliest ? { at: earliest } : undefined;
  }

  async function nextMomentFor(unit: UnitRecord): Promise<string | undefined> {
    const after = Date.parse(unit.handledUntil);
    return nextMoment(await ladders.through(unit.deadline, Math.max(workflowNow(), after)), unit.deadline, after);
  }

  /**
   * Everything that has come due: mark units that passed their deadline, and
   * send each owing unit its latest step. Several steps due at once (a plan
   * started late, a worker that was down) collapse into the most severe: one
   * mail, not a flood.
   */
  async function handleDue(): Promise<void> {
    const now = workflowNow();
    for (const unit of owingUnits(units)) {
      const after = Date.parse(unit.handledUntil);
      const step = latestDueStep(await ladders.through(unit.deadline, now), after, now);
      const deadline = Date.parse(unit.deadline.instant);
      unit.handledUntil = new Date(now).toISOString();
      if (deadline > after && deadline <= now) {
        record({ kind: 'overdue', units: [unit.unitName], message: `${unit.unitName}已超过截止日期 ${unit.deadline.date}` });
      }
      if (step) await remind(unit, step);
    }
  }

  async function remind(unit: UnitRecord, step: EscalationStep): Promise<void> {
    unit.card = cardAfter(step, unit.deadline, unit.card);
    unit.escalationLevel = Math.max(unit.escalationLevel, escalationLevel(step));
    const to = unit.contact.contact;
    // One office may be both supervisor and leadership: each address once, and never in cc when it is in to.
    const cc = [...new Set(step.audience.filter((a) => a !== 'contact').flatMap((a) => unit.contact[a]))].filter((a) => !to.includes(a));
    const idempotencyKey = `${input.obligationId}#${carried.round}#${unit.unitId}#${step.step}#${step.at}`;
    await mail.sendReminder({
      idempotencyKey,
      step: step.step,
      to,
      cc,
      obligation: { id: input.obligationId, kind: input.kind, title: input.title, planId: input.planId, taskId: input.taskId },
      unit: { id: unit.unitId, name: unit.unitName, deadline: unit.deadline, card: unit.card, returns: unit.returns.length },
    });
    record({
      kind: isEscalation(step) ? 'escalation' : 'reminder',
      step: step.step,
      scheduledAt: step.at,
      units: [unit.unitName],
      recipients: [...to, ...cc],
      message: `${stepTitle(step.step)}：${unit.unitName}（截止 ${unit.deadline.date}）`,
    });
  }

  async function notifyReturn(unit: UnitRecord, reason: string): Promise<void> {
    await mail.sendReminder({
      idempotencyKey: `${input.obligationId}#${carried.round}#${unit.unitId}#returned#${unit.returns.length}`,
      step: 'returned',
      to: unit.contact.contact,
      cc: unit.contact.head,
      obligation: { id: input.obligationId, kind: input.kind, title: input.title, planId: input.planId, taskId: input.taskId },
      unit: { id: unit.unitId, name: unit.unitName, deadline: unit.deadline, card: unit.card, returns: unit.returns.length },
      reason,
    });
  }

  async function recomputeProvisional(): Promise<void> {
    const fresh = await calendar.resolveDeadlines({ rule: input.rule, anchorDate: input.anchorDate, planYear: input.planYear });
    for (const unit of Object.values(units)) {
      if (!unit.deadline.provisional) continue;
      const approved = unit.extensions.filter((e) => e.decision?.approved).pop();
      const next = approved ? await calendar.deadlineOn({ date: approved.newDate }) : fresh[carried.round]!;
      if (next.date !== unit.deadline.date || next.provisional !== unit.deadline.provisional) {
        record({
          kind: 'calendar',
          units: [unit.unitName],
          message: `节假日安排已更新：${unit.unitName}的截止日期由 ${unit.deadline.date}（暂定）改为 ${next.date}${next.provisional ? '（暂定）' : ''}`,
        });
      }
      unit.deadline = next;
    }
    occurrences.splice(0, occurrences.length, ...fresh);
    ladders.clear();
  }
}

/** Whether two directory entries send a unit's mail to the same people. */
function sameRecipients(a: UnitContact, b: UnitContact): boolean {
  const key = (c: UnitContact) => JSON.stringify([c.contact, c.head, c.supervisor, c.leadership]);
  return key(a) === key(b);
}

function freshUnit(contact: UnitRecord['contact'], deadline: Deadline): UnitRecord {
  return {
    unitId: contact.id,
    unitName: contact.name,
    contact,
    status: 'pending',
    deadline,
    card: 'none',
    reports: [],
    returns: [],
    extensions: [],
    // Nothing handled yet: a task started after some steps' time gets the latest of them at once.
    handledUntil: new Date(0).toISOString(),
    escalationLevel: 0,
  };
}
