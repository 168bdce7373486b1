/**
 * A request for disclosure (依申请公开), as the clerk would tell it.
 *
 * The request is received and the handling unit has 20 working days to
 * reply. If the request is unclear, the unit asks the applicant to amend it
 * (补正), once, within 7 working days of receipt; the clock stops, and starts
 * again from the day the amended request arrives. An applicant who does not
 * amend in time has withdrawn, and the request closes. While a third party
 * or another agency is consulted the clock stops too, and the days are not
 * counted. The office's head may extend the reply once, by at most 20 working
 * days. While the clock runs the unit is reminded and escalated on the same
 * ladder, by the same mail, as every obligation; the reply closes the
 * request, on time or late by so many working days.
 *
 * Due days come from the calendar activity (the holiday data changes); this
 * file decides only when to wake and whom to tell. A request lives weeks,
 * and even years of weekly red cards stay far below history limits, so it
 * never continues-as-new.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { patched, setHandler } from '@temporalio/workflow';
// The dates module alone: the calendar's holiday data must not enter the workflow bundle (every workflow would parse it).
import { shanghaiDate } from '../domain/calendar/dates';
import {
  applyAmendmentReceived,
  applyAskAmendment,
  applyEndConsultation,
  applyExtendReply,
  applyReply,
  applyStartConsultation,
  checkAmendmentReceived,
  checkAskAmendment,
  checkEndConsultation,
  checkExtendReply,
  checkReply,
  checkStartConsultation,
  DEFAULT_AMENDMENT_WAIT_WORKING_DAYS,
  phaseName,
  requestClock,
  RequestError,
  type RequestLogEntry,
  type RequestReplyInput,
  type RequestReplyView,
  type RequestState,
} from '../domain/request-reply';
import type { RequestClockAnswer } from '../activities/request-clock';
import { workflowNow } from './clock';
import {
  amendmentReceivedUpdate,
  askAmendmentUpdate,
  endConsultationUpdate,
  extendReplyUpdate,
  replyUpdate,
  requestReplyQuery,
  startConsultationUpdate,
} from '../contracts/messages';
import { calendar as remoteCalendar, localCalendar } from './activity-proxies';
import { AccountabilityCore, nowIso, type Party } from './accountability-core';
import { searchAttributes } from '../contracts/wire';
import { upsertSearchAttributes } from '@temporalio/workflow';

const today = () => shanghaiDate(workflowNow());

export async function requestReply(input: RequestReplyInput): Promise<RequestReplyView> {
  // As in obligations: calendar answers moved to local activities after the first histories were recorded.
  const calendar = patched('calendar-local-activities') ? localCalendar : remoteCalendar;
  const serialised = patched('serialised-updates');
  const onBoard = patched('board-read-model');
  const state: RequestState = { receivedOn: input.receivedOn, phase: 'open', consultations: [] };
  const log: RequestLogEntry[] = [];
  const waitWorkingDays = input.amendmentWaitWorkingDays ?? DEFAULT_AMENDMENT_WAIT_WORKING_DAYS;
  const title = `依申请公开答复：${input.title}${input.applicant ? `（申请人：${input.applicant}）` : ''}`;
  let clock: RequestClockAnswer | undefined;
  /** The handling unit, held to the reply due day (set once the clock is first counted). */
  const unit: Party = {
    unitId: input.unit.id,
    unitName: input.unit.name,
    contact: input.unit,
    deadline: { date: input.receivedOn, instant: new Date(0).toISOString(), provisional: true },
    handledUntil: new Date(0).toISOString(),
    card: 'none',
    escalationLevel: 0,
  };
  const ended = () => state.phase === 'replied' || state.phase === 'withdrawn';

  const view = (): RequestReplyView => ({
    requestId: input.requestId,
    title: input.title,
    ...(input.applicant ? { applicant: input.applicant } : {}),
    unit: { id: unit.unitId, name: unit.unitName },
    state,
    phase: phaseName(state.phase),
    ...(clock ? { deadline: clock.replyDue, amendmentNoticeDue: clock.amendmentNoticeDue, pausedWorkingDays: clock.pausedWorkingDays } : { pausedWorkingDays: 0 }),
    card: unit.card,
    log,
  });

  const core = new AccountabilityCore({
    serialised,
    digests: input.delivery === 'digest',
    board: onBoard,
    // Requests took their Updates one at a time from the first version on.
    lockedBeforePatch: true,
    publishedByUpdatesBeforePatch: true,
    calendar,
    log,
    subject: { id: input.requestId, kind: 'requestReply', title },
    reminderKeyPrefix: () => input.requestId,
    deadlineName: '答复截止',
    overdueMessage: (u) => `${u.unitName}未在答复期限 ${u.deadline.date} 前答复`,
    parties: () => [unit],
    owing: () => (state.phase === 'open' && clock ? [unit] : []),
    standing: () =>
      clock && {
        pendingUnits: ended() ? [] : [unit.unitId],
        overdueUnits: state.phase === 'open' && workflowNow() > Date.parse(clock.replyDue.instant) ? [unit.unitId] : [],
        state: state.phase,
        escalationLevel: unit.escalationLevel,
        deadline: clock.replyDue.instant,
        rows: [[unit.unitId, unit.unitName, clock.replyDue.date, unit.card]],
      },
    isRefusal: (err): err is RequestError => err instanceof RequestError,
  });
  const record = (kind: RequestLogEntry['kind'], message: string) => core.record({ kind, units: [unit.unitName], message });

  /** The reply due day after any change to the clock; a moved deadline gets a fresh ladder from now on. */
  const recompute = async () => {
    const before = clock?.replyDue.date;
    clock = await calendar.requestReplyClock({ clock: requestClock(state) });
    unit.deadline = clock.replyDue;
    if (before !== undefined && before !== clock.replyDue.date) {
      unit.handledUntil = nowIso();
      unit.card = 'none';
    }
  };

  /** One step of the process as an Update: each of 政府信息公开条例 art. 30–34, checked, then applied. */
  function step<I>(update: UpdateDefinition<RequestReplyView, [I]>, check: (input: I) => void, apply: (input: I) => Promise<void>) {
    core.update(update, check, async (stepInput: I) => {
      await apply(stepInput);
      return view();
    });
  }

  setHandler(requestReplyQuery, view);

  step(
    askAmendmentUpdate,
    (a) => checkAskAmendment(state, a, today(), clock!.amendmentNoticeDue),
    async (a) => {
      const { amendmentWaitDue } = await calendar.requestReplyClock({ clock: requestClock(state), amendmentAskedOn: a.date, amendmentWaitWorkingDays: waitWorkingDays });
      applyAskAmendment(state, a, amendmentWaitDue!);
      record('amendment', `${a.date} 已一次性告知申请人补正：${a.note.trim()}。答复期限停止计算；申请人应于 ${amendmentWaitDue!.date} 前补正，逾期视为放弃申请`);
    },
  );

  step(
    amendmentReceivedUpdate,
    (a) => checkAmendmentReceived(state, a, today()),
    async (a) => {
      applyAmendmentReceived(state, a);
      await recompute();
      unit.handledUntil = nowIso();
      record('amendment', `${a.date} 收到补正后的申请，答复期限自该日重新计算，截止 ${clock!.replyDue.date}`);
    },
  );

  step(
    startConsultationUpdate,
    (c) => checkStartConsultation(state, c, today()),
    async (c) => {
      applyStartConsultation(state, c);
      record('consultation', `${c.date} 起征求${c.party.trim()}意见，征求意见期间不计入答复期限`);
    },
  );

  step(
    endConsultationUpdate,
    (c) => checkEndConsultation(state, c, today()),
    async (c) => {
      applyEndConsultation(state, c);
      await recompute();
      record('consultation', `${c.date} 征求意见结束，共有 ${clock!.pausedWorkingDays} 个工作日不计入，答复截止 ${clock!.replyDue.date}`);
    },
  );

  step(
    extendReplyUpdate,
    (e) => checkExtendReply(state, e, workflowNow(), clock!.replyDue),
    async (e) => {
      const before = clock!.replyDue.date;
      applyExtendReply(state, e, nowIso());
      await recompute();
      record('extension', `经${e.approvedBy.trim()}同意，答复期限延长 ${e.workingDays} 个工作日：由 ${before} 改为 ${clock!.replyDue.date}（应告知申请人）`);
    },
  );

  step(
    replyUpdate,
    (r) => checkReply(state, r, today()),
    async (r) => {
      if (state.phase === 'consulting') {
        applyEndConsultation(state, r);
        await recompute();
      }
      const late = await calendar.workingDaysLate({ deadline: clock!.replyDue, at: `${r.date}T12:00:00+08:00` });
      applyReply(state, r, late);
      record('reply', late > 0 ? `${r.date} 已答复申请人（逾期 ${late} 个工作日，截止 ${clock!.replyDue.date}）` : `${r.date} 已按期答复申请人（截止 ${clock!.replyDue.date}）`);
    },
  );

  await core.exclusive(async () => {
    await recompute();
    record(
      'start',
      `${input.receivedOn} 收到申请，${unit.unitName}办理，答复截止 ${clock!.replyDue.date}${clock!.replyDue.provisional ? '（暂定）' : ''}；如需补正，须于 ${clock!.amendmentNoticeDue.date} 前一次性告知`,
    );
    core.markReady();
  });
  upsertSearchAttributes([
    { key: searchAttributes.rule, value: 'requestReply' },
    { key: searchAttributes.units, value: [unit.unitId] },
  ]);
  core.publish();

  await core.run({
    turn: () => (ended() ? 'stop' : 'wait'),
    // A holiday year was loaded: provisional due days are counted again.
    recompute: async () => {
      const before = clock!.replyDue;
      await recompute();
      if (before.date !== clock!.replyDue.date || before.provisional !== clock!.replyDue.provisional) {
        record('calendar', `节假日安排已更新：答复截止日期由 ${before.date}${before.provisional ? '（暂定）' : ''} 改为 ${clock!.replyDue.date}${clock!.replyDue.provisional ? '（暂定）' : ''}`);
      }
    },
    // Awaiting the amendment, the request wakes on its last day; while consulting the clock stands.
    ownWake: () => (state.phase === 'awaitingAmendment' ? state.amendment!.waitDue.instant : undefined),
    ownDue: (now) => {
      if (state.phase !== 'awaitingAmendment' || now < Date.parse(state.amendment!.waitDue.instant)) return;
      state.phase = 'withdrawn';
      state.withdrawnAt = nowIso();
      record('withdrawn', `申请人未在 ${state.amendment!.waitDue.date} 前补正，视为放弃申请（《政府信息公开条例》第三十条）`);
    },
    publishWhenWoken: () => false,
  });
  await core.settle();
  core.publish();
  await core.leaveBoard();
  return view();
}
