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
import { ApplicationFailure, condition, patched, setHandler, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import type { Card } from '../domain/accountability';
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
import { millisUntil, workflowNow } from './clock';
import { cardAfter, escalationLevel, isEscalation, Ladders, latestDueStep, nextMoment, stepTitle } from './ladder';
import {
  amendmentReceivedUpdate,
  askAmendmentUpdate,
  calendarChangedSignal,
  endConsultationUpdate,
  extendReplyUpdate,
  replyUpdate,
  requestReplyQuery,
  startConsultationUpdate,
} from '../contracts/messages';
import type { EscalationStep, PublishedUnitRow } from '../contracts/obligation';
import { calendar as remoteCalendar, localCalendar, mail } from './activity-proxies';
import { searchAttributes } from '../contracts/wire';


const nowIso = () => new Date(workflowNow()).toISOString();
const today = () => shanghaiDate(workflowNow());

export async function requestReply(input: RequestReplyInput): Promise<RequestReplyView> {
  // As in obligations: calendar answers moved to local activities after the first histories were recorded.
  const calendar = patched('calendar-local-activities') ? localCalendar : remoteCalendar;
  const state: RequestState = { receivedOn: input.receivedOn, phase: 'open', consultations: [] };
  const log: RequestLogEntry[] = [];
  const waitWorkingDays = input.amendmentWaitWorkingDays ?? DEFAULT_AMENDMENT_WAIT_WORKING_DAYS;
  const { unit } = input;
  const title = `依申请公开答复：${input.title}${input.applicant ? `（申请人：${input.applicant}）` : ''}`;
  const ladders = new Ladders((i) => calendar.escalationSteps(i));
  let clock: RequestClockAnswer | undefined;
  let card: Card = 'none';
  let level = 0;
  /** Ladder steps at or before this instant are handled (sent, or passed over because the deadline moved). */
  let handledUntil = new Date(0).toISOString();
  let ready = false;
  let busy = false;
  let changed = false;
  let calendarChanged = false;

  const record = (entry: Omit<RequestLogEntry, 'at'>) => {
    log.push({ at: nowIso(), ...entry });
    changed = true;
  };
  const view = (): RequestReplyView => ({
    requestId: input.requestId,
    title: input.title,
    ...(input.applicant ? { applicant: input.applicant } : {}),
    unit: { id: unit.id, name: unit.name },
    state,
    phase: phaseName(state.phase),
    ...(clock ? { deadline: clock.replyDue, amendmentNoticeDue: clock.amendmentNoticeDue, pausedWorkingDays: clock.pausedWorkingDays } : { pausedWorkingDays: 0 }),
    card,
    log,
  });
  const guard = (check: () => void) => {
    try {
      check();
    } catch (err) {
      if (err instanceof RequestError) throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
      throw err;
    }
  };
  /** The reply due day after any change to the clock; a moved deadline gets a fresh ladder from now on. */
  const recompute = async () => {
    const before = clock?.replyDue.date;
    clock = await calendar.requestReplyClock({ clock: requestClock(state) });
    if (before !== undefined && before !== clock.replyDue.date) {
      handledUntil = nowIso();
      card = 'none';
    }
  };

  /**
   * One step of the process as an Update: validated against the state (once
   * the first due days are known), then applied one at a time, since each
   * may wait on the calendar activity.
   */
  function step<I>(update: UpdateDefinition<RequestReplyView, [I]>, check: (input: I) => void, apply: (input: I) => Promise<void>) {
    setHandler(
      update,
      async (stepInput: I) => {
        await condition(() => ready && !busy);
        busy = true;
        try {
          guard(() => check(stepInput));
          await apply(stepInput);
          publish();
          return view();
        } finally {
          busy = false;
        }
      },
      { validator: (stepInput: I) => void (ready && guard(() => check(stepInput))) },
    );
  }

  setHandler(requestReplyQuery, view);
  // A holiday year was loaded: provisional due days are counted again at the next turn of the loop.
  setHandler(calendarChangedSignal, () => {
    calendarChanged = true;
    changed = true;
  });

  step(
    askAmendmentUpdate,
    (a) => checkAskAmendment(state, a, today(), clock!.amendmentNoticeDue),
    async (a) => {
      const { amendmentWaitDue } = await calendar.requestReplyClock({ clock: requestClock(state), amendmentAskedOn: a.date, amendmentWaitWorkingDays: waitWorkingDays });
      applyAskAmendment(state, a, amendmentWaitDue!);
      record({ kind: 'amendment', message: `${a.date} 已一次性告知申请人补正：${a.note.trim()}。答复期限停止计算；申请人应于 ${amendmentWaitDue!.date} 前补正，逾期视为放弃申请` });
    },
  );

  step(
    amendmentReceivedUpdate,
    (a) => checkAmendmentReceived(state, a, today()),
    async (a) => {
      applyAmendmentReceived(state, a);
      await recompute();
      handledUntil = nowIso();
      record({ kind: 'amendment', message: `${a.date} 收到补正后的申请，答复期限自该日重新计算，截止 ${clock!.replyDue.date}` });
    },
  );

  step(
    startConsultationUpdate,
    (c) => checkStartConsultation(state, c, today()),
    async (c) => {
      applyStartConsultation(state, c);
      record({ kind: 'consultation', message: `${c.date} 起征求${c.party.trim()}意见，征求意见期间不计入答复期限` });
    },
  );

  step(
    endConsultationUpdate,
    (c) => checkEndConsultation(state, c, today()),
    async (c) => {
      applyEndConsultation(state, c);
      await recompute();
      record({ kind: 'consultation', message: `${c.date} 征求意见结束，共有 ${clock!.pausedWorkingDays} 个工作日不计入，答复截止 ${clock!.replyDue.date}` });
    },
  );

  step(
    extendReplyUpdate,
    (e) => checkExtendReply(state, e, workflowNow(), clock!.replyDue),
    async (e) => {
      const before = clock!.replyDue.date;
      applyExtendReply(state, e, nowIso());
      await recompute();
      record({ kind: 'extension', message: `经${e.approvedBy.trim()}同意，答复期限延长 ${e.workingDays} 个工作日：由 ${before} 改为 ${clock!.replyDue.date}（应告知申请人）` });
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
      record({ kind: 'reply', message: late > 0 ? `${r.date} 已答复申请人（逾期 ${late} 个工作日，截止 ${clock!.replyDue.date}）` : `${r.date} 已按期答复申请人（截止 ${clock!.replyDue.date}）` });
    },
  );

  await recompute();
  record({
    kind: 'start',
    message: `${input.receivedOn} 收到申请，${unit.name}办理，答复截止 ${clock!.replyDue.date}${clock!.replyDue.provisional ? '（暂定）' : ''}；如需补正，须于 ${clock!.amendmentNoticeDue.date} 前一次性告知`,
  });
  ready = true;
  upsertSearchAttributes([
    { key: searchAttributes.rule, value: 'requestReply' },
    { key: searchAttributes.units, value: [unit.id] },
  ]);
  publish();

  while (state.phase !== 'replied' && state.phase !== 'withdrawn') {
    changed = false;
    if (calendarChanged && !busy) {
      calendarChanged = false;
      const before = clock!.replyDue;
      await recompute();
      if (before.date !== clock!.replyDue.date || before.provisional !== clock!.replyDue.provisional) {
        record({ kind: 'calendar', message: `节假日安排已更新：答复截止日期由 ${before.date}${before.provisional ? '（暂定）' : ''} 改为 ${clock!.replyDue.date}${clock!.replyDue.provisional ? '（暂定）' : ''}` });
      }
      publish();
    }
    const wake = await nextWake();
    if (wake === undefined) {
      await condition(() => changed);
      continue;
    }
    if (await condition(() => changed, Math.max(1, millisUntil(wake)))) continue;
    await condition(() => !busy);
    await handleDue();
    publish();
  }
  await condition(() => !busy);
  publish();
  return view();

  /** Awaiting the amendment: its last day; consulting: nothing (the clock stands); otherwise the next step or the deadline. */
  async function nextWake(): Promise<string | undefined> {
    if (state.phase === 'awaitingAmendment') return state.amendment!.waitDue.instant;
    if (state.phase !== 'open') return undefined;
    const after = Date.parse(handledUntil);
    return nextMoment(await ladders.through(clock!.replyDue, Math.max(workflowNow(), after)), clock!.replyDue, after);
  }

  async function handleDue(): Promise<void> {
    const now = workflowNow();
    if (state.phase === 'awaitingAmendment') {
      if (now < Date.parse(state.amendment!.waitDue.instant)) return;
      state.phase = 'withdrawn';
      state.withdrawnAt = nowIso();
      record({ kind: 'withdrawn', message: `申请人未在 ${state.amendment!.waitDue.date} 前补正，视为放弃申请（《政府信息公开条例》第三十条）` });
      return;
    }
    if (state.phase !== 'open') return;
    const deadline = clock!.replyDue;
    const after = Date.parse(handledUntil);
    const ladder = await ladders.through(deadline, now);
    handledUntil = new Date(now).toISOString();
    if (Date.parse(deadline.instant) > after && Date.parse(deadline.instant) <= now) {
      record({ kind: 'overdue', message: `${unit.name}未在答复期限 ${deadline.date} 前答复` });
    }
    const due = latestDueStep(ladder, after, now);
    if (due) await remind(due);
  }

  async function remind(s: EscalationStep): Promise<void> {
    const deadline = clock!.replyDue;
    card = cardAfter(s, deadline, card);
    level = Math.max(level, escalationLevel(s));
    const cc = s.audience.filter((a) => a !== 'contact').flatMap((a) => unit[a]);
    await mail.sendReminder({
      idempotencyKey: `${input.requestId}#${unit.id}#${s.step}#${s.at}`,
      step: s.step,
      to: unit.contact,
      cc,
      obligation: { id: input.requestId, kind: 'requestReply', title },
      unit: { id: unit.id, name: unit.name, deadline, card, returns: 0 },
    });
    record({
      kind: isEscalation(s) ? 'escalation' : 'reminder',
      step: s.step,
      scheduledAt: s.at,
      recipients: [...unit.contact, ...cc],
      message: `${stepTitle(s.step)}：${unit.name}（答复截止 ${deadline.date}）`,
    });
  }

  /** Search attributes and memo in the obligations' shape, so `duban overdue` and `unit show` list requests too. */
  function publish(): void {
    if (!clock) return;
    const owes = state.phase !== 'replied' && state.phase !== 'withdrawn';
    const overdue = state.phase === 'open' && workflowNow() > Date.parse(clock.replyDue.instant);
    upsertSearchAttributes([
      { key: searchAttributes.pendingUnits, value: owes ? [unit.id] : [] },
      { key: searchAttributes.overdueUnits, value: overdue ? [unit.id] : [] },
      { key: searchAttributes.state, value: state.phase },
      { key: searchAttributes.escalationLevel, value: level },
      { key: searchAttributes.deadline, value: new Date(clock.replyDue.instant) },
    ]);
    const row: PublishedUnitRow = [unit.id, unit.name, clock.replyDue.date, card];
    upsertMemo({ units: [row] });
  }
}
