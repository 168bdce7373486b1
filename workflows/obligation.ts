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
import { continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import {
  AccountabilityError,
  actorLabel,
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
import { workflowNow } from './clock';
import {
  cancelUpdate,
  decideExtensionUpdate,
  obligationQuery,
  reportUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  waiveUpdate,
} from '../contracts/messages';
import type { CarriedState, ObligationInput, ObligationView, PublishedUnitRow, UnitRecord } from '../contracts/obligation';
import { calendar as remoteCalendar, localCalendar } from './activity-proxies';
import { AccountabilityCore, nowIso } from './accountability-core';
import { searchAttributes } from '../contracts/wire';
import { upsertSearchAttributes, setHandler } from '@temporalio/workflow';

/** Continue-as-new well before Temporal's history limits; a year of a large task stays far below. */
const HISTORY_EVENTS_BEFORE_CONTINUE = 5_000;

export async function obligation(input: ObligationInput): Promise<ObligationView> {
  // Calendar answers were ordinary activities when the first histories were
  // recorded; local activities give the same answers without the round trips.
  const localAnswers = patched('calendar-local-activities');
  const serialised = patched('serialised-updates');
  const onBoard = patched('board-read-model');
  const calendar = localAnswers ? localCalendar : remoteCalendar;
  const occurrences: Deadline[] = [];
  const carried: CarriedState = input.carried ?? { round: 0, log: [], units: {} };
  const { units, log } = carried;

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

  const core = new AccountabilityCore({
    serialised,
    digests: input.delivery === 'digest',
    board: onBoard,
    wholeText: input.content,
    calendar,
    log,
    subject: { id: input.obligationId, kind: input.kind, title: input.title, planId: input.planId, taskId: input.taskId },
    reminderKeyPrefix: () => `${input.obligationId}#${carried.round}`,
    deadlineName: '截止',
    overdueMessage: (unit) => `${unit.unitName}已超过截止日期 ${unit.deadline.date}`,
    parties: () => Object.values(units),
    // A cancelled task owes nothing: its steps still waiting in digests are withdrawn.
    owing: () => (carried.cancelled ? [] : owingUnits(units)),
    standing,
    isRefusal: (err): err is AccountabilityError => err instanceof AccountabilityError,
  });
  /** Every Update is refused once the task is cancelled. */
  const open = <T>(check: () => T): T => {
    if (carried.cancelled) throw new AccountabilityError('closed', '此项任务已撤销。');
    return check();
  };

  setHandler(obligationQuery, view);

  core.update(
    reportUpdate,
    (report) => open(() => checkReport(units, report)),
    async (report, unit) => {
      const at = nowIso();
      const late = await calendar.workingDaysLate({ deadline: unit.deadline, at });
      applyReport(unit, report, at, late);
      core.record({
        kind: 'report',
        units: [unit.unitName],
        actor: actorLabel(report.actor),
        message: late > 0 ? `${unit.unitName}报告完成（逾期 ${late} 个工作日）` : `${unit.unitName}按期报告完成`,
      });
      return view();
    },
  );

  core.update(
    reviewUpdate,
    (review) => open(() => checkReview(units, review)),
    async (review, unit) => {
      applyReview(unit, review, nowIso());
      if (review.decision === 'return') {
        unit.handledUntil = nowIso();
        // Added after the first histories were recorded: a returned unit is told at once, with the reason.
        if (patched('notify-unit-on-return')) {
          await core.notify(unit, 'returned', `${input.obligationId}#${carried.round}#${unit.unitId}#returned#${unit.returns.length}`, review.reason!.trim());
        }
      }
      core.record({
        kind: 'review',
        units: [unit.unitName],
        actor: actorLabel(review.actor),
        message: review.decision === 'accept' ? `${unit.unitName}的完成情况已审核通过` : `${unit.unitName}的完成情况被退回：${review.reason}`,
      });
      return view();
    },
  );

  core.update(
    requestExtensionUpdate,
    (request) => open(() => checkExtensionRequest(units, request, nowIso())),
    (request, unit) => {
      applyExtensionRequest(unit, request, nowIso());
      core.record({ kind: 'extension', units: [unit.unitName], actor: actorLabel(request.actor), message: `${unit.unitName}申请延期至 ${request.newDate}：${request.reason}` });
      return view();
    },
  );

  core.update(
    decideExtensionUpdate,
    (decision) => open(() => checkExtensionDecision(units, decision)),
    async (decision, request) => {
      const unit = units[decision.unitId]!;
      if (decision.approved) {
        const before = unit.deadline.date;
        unit.deadline = await calendar.deadlineOn({ date: request.newDate });
        unit.handledUntil = nowIso();
        unit.card = 'none';
        core.record({ kind: 'extension', units: [unit.unitName], actor: actorLabel(decision.actor), message: `${unit.unitName}延期获批：截止日期由 ${before} 改为 ${unit.deadline.date}` });
      } else {
        core.record({ kind: 'extension', units: [unit.unitName], actor: actorLabel(decision.actor), message: `${unit.unitName}的延期申请未获批准${decision.comment ? `：${decision.comment}` : ''}` });
      }
      applyExtensionDecision(request, decision, nowIso());
      return view();
    },
  );

  core.update(
    waiveUpdate,
    (waiver) => open(() => checkWaive(units, waiver)),
    (waiver, unit) => {
      applyWaive(unit, waiver, nowIso());
      core.record({ kind: 'waive', units: [unit.unitName], actor: actorLabel(waiver.actor), message: `${unit.unitName}已免除：${waiver.reason}` });
      return view();
    },
  );

  core.update(
    cancelUpdate,
    ({ actor, reason }) => open(() => checkCancel(actor, reason)),
    ({ actor, reason }) => {
      carried.cancelled = { at: nowIso(), reason: reason.trim() };
      core.record({ kind: 'cancel', units: [], actor: actorLabel(actor), message: `任务已撤销：${reason.trim()}` });
      return view();
    },
  );

  const alignRound = (fresh: Deadline[]) => alignRoundTo(carried, fresh);
  const resolve = () => calendar.resolveDeadlines({ rule: input.rule, anchorDate: input.anchorDate, planYear: input.planYear });
  await core.exclusive(async () => {
    occurrences.push(...alignRound(await resolve()));
    if (!input.carried) {
      for (const unit of input.units) units[unit.id] = freshUnit(unit, occurrences[0]!);
      core.record({ kind: 'start', units: input.units.map((u) => u.name), message: `开始督办，截止日期 ${occurrences[0]!.date}${occurrences[0]!.provisional ? '（暂定）' : ''}` });
    }
    core.markReady();
  });

  // Plan, rule and units are set when the workflow is started; runs before the patch also upserted them here.
  if (!localAnswers) {
    upsertSearchAttributes([
      ...(input.planId ? [{ key: searchAttributes.plan, value: input.planId }] : []),
      { key: searchAttributes.rule, value: input.kind === 'planTask' ? input.rule.kind : input.kind },
      { key: searchAttributes.units, value: input.units.map((u) => u.id) },
    ]);
  }
  core.publish();

  await core.run({
    turn: () => {
      if (carried.cancelled) return 'stop';
      if (!isSettled(units)) return 'wait';
      if (carried.round >= occurrences.length - 1) return 'stop';
      // A rule with several occurrences (quarterly): every unit owes the next one.
      carried.round += 1;
      const next = occurrences[carried.round]!;
      // A round whose due day has already passed (a plan started late, a quarter cleared late) is caught up at once,
      // as the first round is: its overdue mark and its most severe step now. Before the patch it waited for its next step.
      const catchUp = patched('next-round-catch-up');
      for (const unit of Object.values(units)) Object.assign(unit, freshUnit(unit.contact, next), catchUp ? {} : { handledUntil: nowIso() });
      core.record({ kind: 'start', units: Object.values(units).map((u) => u.unitName), message: `进入第 ${carried.round + 1} 期，截止日期 ${next.date}` });
      core.publish();
      return 'again';
    },
    recompute: recomputeProvisional,
    // A report, review or waiver changes who is pending: supervisors' listings see it now, not at the next reminder.
    publishWhenWoken: () => patched('publish-standing-after-updates'),
    continueAsNew: {
      afterEvents: input.continueAsNewAfterEvents ?? HISTORY_EVENTS_BEFORE_CONTINUE,
      go: () => continueAsNew<typeof obligation>({ ...input, carried }),
    },
  });

  await core.settle();
  core.publish();
  if (!carried.cancelled) core.record({ kind: 'done', units: [], message: '全部单位已办结' });
  await core.leaveBoard();
  return view();

  function standing() {
    const now = workflowNow();
    const openUnits = Object.values(units).filter((u) => u.status === 'pending' || u.status === 'reported');
    const owing = owingUnits(units);
    return {
      pendingUnits: owing.map((u) => u.unitId),
      overdueUnits: owing.filter((u) => Date.parse(u.deadline.instant) < now).map((u) => u.unitId),
      state: view().state,
      escalationLevel: Math.max(0, ...openUnits.map((u) => u.escalationLevel)),
      deadline: openUnits.map((u) => u.deadline.instant).sort()[0],
      rows: Object.values(units).map((u): PublishedUnitRow => [u.unitId, u.unitName, u.deadline.date, u.card]),
    };
  }

  /** A holiday year was loaded: provisional deadlines are counted again, and each unit told of a moved one. */
  async function recomputeProvisional(): Promise<void> {
    const fresh = alignRound(await resolve());
    for (const unit of Object.values(units)) {
      if (!unit.deadline.provisional) continue;
      const approved = unit.extensions.filter((e) => e.decision?.approved).pop();
      const next = approved ? await calendar.deadlineOn({ date: approved.newDate }) : fresh[carried.round]!;
      if (next.date !== unit.deadline.date || next.provisional !== unit.deadline.provisional) {
        core.record({
          kind: 'calendar',
          units: [unit.unitName],
          message: `节假日安排已更新：${unit.unitName}的截止日期由 ${unit.deadline.date}（暂定）改为 ${next.date}${next.provisional ? '（暂定）' : ''}`,
        });
      }
      unit.deadline = next;
    }
    occurrences.splice(0, occurrences.length, ...fresh);
    core.forgetLadders();
  }
}

/**
 * Due days before the plan's issue date stopped being owed after some
 * obligations had started; such an obligation, counting its due days again
 * (a new holiday year, continue-as-new), gets fewer of them. The dropped ones
 * are always the earliest, so the round is kept by aligning from the end.
 */
function alignRoundTo(carried: CarriedState, fresh: Deadline[]): Deadline[] {
  const before = carried.rounds ?? fresh.length;
  if (before > fresh.length) carried.round = Math.max(0, carried.round - (before - fresh.length));
  carried.rounds = fresh.length;
  return fresh;
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
