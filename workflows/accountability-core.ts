/**
 * The accountability core: what every workflow that holds units to a
 * deadline does the same way, so that a plan task, a statutory duty and a
 * request for disclosure remind, escalate, publish and log alike.
 *
 * - the ladder walk: when to wake next, which step is due, overdue marks;
 * - reminding: recipients resolved and deduplicated one way, each send
 *   cancellable, and addressed only to units that still owe when it goes;
 * - the log, the search attributes and the memo supervisors list;
 * - directory and calendar changes;
 * - Updates run one at a time (check → await → apply cannot interleave)
 *   behind the `serialised-updates` patch;
 * - the duty's row of the board's read model, written wherever the standing
 *   is published, behind the `board-read-model` patch.
 *
 * Why the lock and the wake condition (docs/sdk-notes.md has the details):
 * two Updates whose handlers await a local activity, accepted in one workflow
 * task, are resolved in separate activations when they run and in one
 * activation when the history is replayed (SDK 1.23+). A main loop woken
 * between the two completions emits its timer commands in a different order
 * on replay, and the history no longer replays. Handlers that hold one lock
 * and a loop that wakes only once every handler has finished give one order
 * in both cases.
 */
import { Mutex } from 'async-mutex';
import type { UpdateDefinition } from '@temporalio/common';
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  log as workflowLog,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Card, Deadline } from '../domain/accountability';
import { boardEntry, type BoardEntry } from '../contracts/board';
import type { DigestItem, DigestRecipient } from '../contracts/digest';
import { calendarChangedSignal, deliveryProblemSignal, directoryChangedSignal } from '../contracts/messages';
import type { EscalationStep, LogEntry, ObligationKind, PublishedUnitRow, UnitContact } from '../contracts/obligation';
import { searchAttributes } from '../contracts/wire';
import type { calendar as CalendarStub } from './activity-proxies';
import { board, digests, mail } from './activity-proxies';
import { millisUntil, workflowNow } from './clock';
import { cardAfter, escalationLevel, isEscalation, Ladders, latestDueStep, nextMoment } from './ladder';
import { stepLabel } from '../contracts/labels';

/** One unit held to one deadline: the part of its state the core walks the ladder for. */
export interface Party {
  unitId: string;
  unitName: string;
  contact: UnitContact;
  deadline: Deadline;
  /** Ladder steps at or before this instant are handled (sent, or passed over because the deadline moved). */
  handledUntil: string;
  card: Card;
  escalationLevel: number;
  /** Times the supervisor returned the unit's report; named in the mail. */
  returns?: unknown[];
  /** Steps handed to digests that may not have gone yet (the `morning-digests` patch). */
  handedOver?: { keys: string[]; digests: string[] };
}

/** What supervisors filter and list on: search attributes and the memo. */
export interface Standing {
  pendingUnits: string[];
  overdueUnits: string[];
  state: string;
  escalationLevel: number;
  /** The earliest deadline still open, ISO instant. */
  deadline?: string;
  rows: PublishedUnitRow[];
}

/** What the mail says the reminder is about. */
export interface ReminderSubject {
  id: string;
  kind: ObligationKind | 'requestReply';
  title: string;
  planId?: string;
  taskId?: string;
}

export interface CoreOptions {
  /** Updates serialised, the loop woken only between them, sends cancellable: the `serialised-updates` patch. */
  serialised: boolean;
  /** Steps go to the recipients' morning digests instead of a mail each: the `morning-digests` patch. */
  digests?: boolean;
  /** Every published standing is written to the board's read model too: the `board-read-model` patch. */
  board?: boolean;
  /** Updates took turns before the patch too (requests did, with a flag of their own). */
  lockedBeforePatch?: boolean;
  /** Before the patch, the Update itself published the standing (requests did). */
  publishedByUpdatesBeforePatch?: boolean;
  calendar: Pick<typeof CalendarStub, 'escalationSteps'>;
  log: LogEntry[];
  subject: ReminderSubject;
  /** The whole task text, handed to digests with each step. */
  wholeText?: string;
  /** Every reminder's idempotency key starts with this (an obligation adds its round). */
  reminderKeyPrefix: () => string;
  /** '截止' for a task, '答复截止' for a request: how the log names the deadline. */
  deadlineName: string;
  overdueMessage: (party: Party) => string;
  /** Every unit the workflow holds, owing or not (a directory change reaches all). */
  parties: () => Party[];
  /** The units that owe now: the only ones reminded. */
  owing: () => Party[];
  standing: () => Standing | undefined;
  /** Domain errors an Update may throw: refused with their code and Chinese message. */
  isRefusal: (err: unknown) => err is Error & { code: string };
}

export interface LoopHooks {
  /** The workflow's own transitions before each wait: 'stop' ends the loop, 'again' looks again. */
  turn: () => 'stop' | 'again' | 'wait';
  /** A holiday year was loaded: recompute due days (called under the lock). */
  recompute: () => Promise<void>;
  /** A moment of the workflow's own (a request's amendment wait), besides the ladder. */
  ownWake?: () => string | undefined;
  /** Something of the workflow's own came due (called under the lock, before the ladder). */
  ownDue?: (now: number) => void;
  /** Before the patch: whether to publish the standing when an Update woke the loop (a patch of its own in obligations). */
  publishWhenWoken: () => boolean;
  continueAsNew?: { afterEvents: number; go: () => Promise<never> };
}

export class AccountabilityCore {
  private readonly lock = new Mutex();
  private readonly ladders: Ladders;
  private readonly inFlight = new Map<string, CancellationScope>();
  private readonly detached = new Set<Promise<unknown>>();
  private ready = false;
  private changed = false;
  private calendarChanged = false;

  constructor(private readonly o: CoreOptions) {
    this.ladders = new Ladders((request) => o.calendar.escalationSteps(request));
    setHandler(calendarChangedSignal, () => {
      this.calendarChanged = true;
      this.changed = true;
    });
    setHandler(deliveryProblemSignal, (problem) => {
      const who = problem.unitName ?? problem.address ?? '';
      const what = { noAddress: '没有可用的邮箱地址', badAddress: '邮箱地址格式不正确', refused: '邮件服务器拒收' }[problem.kind];
      this.record({
        kind: 'delivery',
        units: problem.unitName ? [problem.unitName] : [],
        ...(problem.address ? { recipients: [problem.address] } : {}),
        message: `督办汇总未能送达${who}：${what}（${problem.detail}）`,
      });
    });
    setHandler(directoryChangedSignal, async ({ units: directory }) => {
      await condition(() => this.ready);
      await this.exclusive(() => this.applyDirectory(directory));
    });
  }

  record(entry: Omit<LogEntry, 'at'>): void {
    this.o.log.push({ at: nowIso(), ...entry });
    this.changed = true;
  }

  /** The state exists: Updates waiting for it go ahead. */
  markReady(): void {
    this.ready = true;
  }

  /** Serialised: one at a time, in arrival order. Before the patch: as the code ran then. */
  exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    return this.locking ? this.lock.runExclusive(work) : Promise.resolve().then(work);
  }

  private get locking(): boolean {
    return this.o.serialised || this.o.lockedBeforePatch === true;
  }

  /**
   * An accountability Update: validated against the state once it exists,
   * then checked again and applied under the lock, so the second of two
   * conflicting Updates meets the state the first left and is refused.
   */
  update<I, C, R>(definition: UpdateDefinition<R, [I]>, check: (input: I) => C, apply: (input: I, checked: C) => Promise<R> | R): void {
    const handler = async (input: I): Promise<R> => {
      const checked = this.refusing(() => check(input));
      const result = await apply(input, checked);
      if (this.o.serialised) this.afterChange();
      else if (this.o.publishedByUpdatesBeforePatch) this.publish();
      return result;
    };
    // Ready first, then the lock: the start holds the lock until the state exists.
    const whenReady = async (input: I): Promise<R> => {
      await condition(() => this.ready);
      return this.exclusive(() => handler(input));
    };
    setHandler(definition, whenReady, {
      validator: (input: I) => {
        if (this.ready) this.refusing(() => check(input));
      },
    });
  }

  /** A domain refusal becomes a non-retryable ApplicationFailure the client maps to its Chinese message. */
  refusing<T>(check: () => T): T {
    try {
      return check();
    } catch (err) {
      if (this.o.isRefusal(err)) throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
      throw err;
    }
  }

  publish(): void {
    const s = this.o.standing();
    if (!s) return;
    upsertSearchAttributes([
      { key: searchAttributes.pendingUnits, value: s.pendingUnits },
      { key: searchAttributes.overdueUnits, value: s.overdueUnits },
      { key: searchAttributes.state, value: s.state },
      { key: searchAttributes.escalationLevel, value: s.escalationLevel },
      ...(s.deadline ? [{ key: searchAttributes.deadline, value: new Date(s.deadline) }] : []),
    ]);
    // Per-unit due dates ride along in the memo, so a visibility listing answers "who is overdue since when".
    upsertMemo({ units: s.rows });
    if (this.o.board) {
      // The entry is read back from what was just published, so the board and a listing cannot disagree on its shape.
      const info = workflowInfo();
      void this.toBoard({ entry: boardEntry({ workflowId: info.workflowId, typedSearchAttributes: info.typedSearchAttributes, memo: { units: s.rows } }) });
    }
  }

  /** The duty has ended: its row leaves the board (awaited, so the workflow does not complete before the write). */
  async leaveBoard(): Promise<void> {
    if (!this.o.board) return;
    await this.toBoard({ ended: true });
    await this.settle();
  }

  private boardClock = { at: 0, n: 0 };

  /**
   * One write of the duty's row, not awaited by whoever published. `seq` is
   * the workflow's time with a counter for writes at the same instant, so the
   * store keeps the newest even when a retried write lands late, and a new
   * run after continue-as-new (later in time) supersedes the old one.
   */
  private toBoard(what: { entry: BoardEntry } | { ended: true }): Promise<void> {
    const at = workflowNow();
    this.boardClock = at === this.boardClock.at ? { at, n: this.boardClock.n + 1 } : { at, n: 0 };
    const writing = board.writeBoard({ workflowId: workflowInfo().workflowId, seq: at * 1000 + this.boardClock.n, ...what }).catch((err: unknown) => {
      // The board is a read model: the web's visibility listing repairs a row that failed; the duty goes on.
      workflowLog.warn('Board write failed; the next visibility listing repairs the row', { error: String(err) });
    });
    this.detached.add(writing);
    void writing.finally(() => this.detached.delete(writing));
    return writing;
  }

  /** Forgets fetched ladders: deadlines may have moved. */
  forgetLadders(): void {
    this.ladders.clear();
  }

  /**
   * The process between start and end: wait for the next step, an Update or
   * a calendar change; remind whoever still owes; publish. Returns when the
   * workflow's own turn says stop (or continues as new).
   */
  async run(hooks: LoopHooks): Promise<void> {
    for (;;) {
      const turn = hooks.turn();
      if (turn === 'stop') break;
      if (turn === 'again') continue;

      if (this.calendarChanged) {
        this.calendarChanged = false;
        await this.exclusive(hooks.recompute);
        this.publish();
      }

      const can = hooks.continueAsNew;
      if (can && (workflowInfo().historyLength > can.afterEvents || workflowInfo().continueAsNewSuggested)) {
        await this.settle();
        await can.go();
      }

      this.changed = false;
      const wake = await this.exclusive(() => this.nextWake(hooks));
      // Woken only once no handler is mid-way (see the file comment): patched histories replay in one order.
      const woken = this.o.serialised ? () => this.changed && allHandlersFinished() : () => this.changed;
      const interrupted = wake === undefined ? await condition(woken).then(() => true) : await condition(woken, Math.max(1, millisUntil(wake)));
      if (interrupted) {
        // Serialised Updates publish as they apply; before the patch the loop did it on waking.
        if (!this.o.serialised && hooks.publishWhenWoken()) this.publish();
        continue;
      }
      await this.handleDue(hooks);
      this.publish();
    }
  }

  /** Every handler and detached notice finished: safe to complete or continue as new. */
  async settle(): Promise<void> {
    await condition(allHandlersFinished);
    await Promise.all([...this.detached]);
  }

  /** A notice outside the ladder (a returned report): sent without holding up the Update that caused it. */
  notify(party: Party, step: string, key: string, reason: string): Promise<void> {
    // Even with digests: a returned report is told at once, with the reason, so the unit can answer the same day.
    const sending = mail
      .sendReminder({ ...this.reminderRequest(party, step, key), to: party.contact.contact, cc: party.contact.head, reason })
      .then(() => undefined);
    if (!this.o.serialised) return sending;
    this.detached.add(sending);
    void sending.finally(() => this.detached.delete(sending));
    return Promise.resolve();
  }

  private async nextWake(hooks: LoopHooks): Promise<string | undefined> {
    let earliest = hooks.ownWake?.();
    for (const party of this.o.owing()) {
      const after = Date.parse(party.handledUntil);
      const at = nextMoment(await this.ladders.through(party.deadline, Math.max(workflowNow(), after)), party.deadline, after);
      if (at && (!earliest || Date.parse(at) < Date.parse(earliest))) earliest = at;
    }
    return earliest;
  }

  /**
   * Everything that has come due: mark units that passed their deadline and
   * send each owing unit its latest step. Several steps due at once (a plan
   * started late, a worker that was down) collapse into the most severe: one
   * mail, not a flood.
   */
  private async handleDue(hooks: LoopHooks): Promise<void> {
    if (!this.locking) {
      // Before the patch: one unit after another, each mail awaited in turn.
      const now = workflowNow();
      hooks.ownDue?.(now);
      for (const party of this.o.owing()) {
        const step = await this.dueStep(party, now);
        if (step) await this.remind(party, step);
      }
      return;
    }
    const due = await this.exclusive(async () => {
      const now = workflowNow();
      hooks.ownDue?.(now);
      const steps: Array<[Party, EscalationStep]> = [];
      for (const party of this.o.owing()) {
        const step = await this.dueStep(party, now);
        if (step) steps.push([party, step]);
      }
      return steps;
    });
    if (!this.o.serialised) {
      for (const [party, step] of due) await this.remind(party, step);
      return;
    }
    this.publish();
    // In parallel: a relay refusing one unit's mail does not hold up the others.
    await Promise.all(due.map(([party, step]) => this.remind(party, step)));
  }

  private async dueStep(party: Party, now: number): Promise<EscalationStep | undefined> {
    const after = Date.parse(party.handledUntil);
    const step = latestDueStep(await this.ladders.through(party.deadline, now), after, now);
    const deadline = Date.parse(party.deadline.instant);
    party.handledUntil = new Date(now).toISOString();
    if (deadline > after && deadline <= now) this.record({ kind: 'overdue', units: [party.unitName], message: this.o.overdueMessage(party) });
    return step;
  }

  private async remind(party: Party, step: EscalationStep): Promise<void> {
    party.card = cardAfter(step, party.deadline, party.card);
    party.escalationLevel = Math.max(party.escalationLevel, escalationLevel(step));
    if (this.o.digests) {
      const key = `${this.o.reminderKeyPrefix()}#${party.unitId}#${step.step}#${step.at}`;
      const { date, digests: handedTo } = await this.handOver(party, step, key);
      this.record({
        kind: isEscalation(step) ? 'escalation' : 'reminder',
        step: step.step,
        scheduledAt: step.at,
        units: [party.unitName],
        recipients: handedTo,
        message: `${stepLabel(step.step)}：${party.unitName}（${this.o.deadlineName} ${party.deadline.date}），列入 ${date} 督办汇总`,
      });
      return;
    }
    const { to, cc } = recipientsOf(party.contact, step);
    const request = { ...this.reminderRequest(party, step.step, `${this.o.reminderKeyPrefix()}#${party.unitId}#${step.step}#${step.at}`), to, cc };
    if (this.o.serialised) {
      // A report or waiver that lands while this mail waits on the relay cancels it (afterChange).
      const scope = new CancellationScope();
      this.inFlight.set(party.unitId, scope);
      try {
        await scope.run(() => mail.sendReminder(request));
      } catch (err) {
        if (isCancellation(err)) return;
        throw err;
      } finally {
        this.inFlight.delete(party.unitId);
      }
    } else {
      await mail.sendReminder(request);
    }
    this.record({
      kind: isEscalation(step) ? 'escalation' : 'reminder',
      step: step.step,
      scheduledAt: step.at,
      units: [party.unitName],
      recipients: [...to, ...cc],
      message: `${stepLabel(step.step)}：${party.unitName}（${this.o.deadlineName} ${party.deadline.date}）`,
    });
  }

  /** Hands one step to the unit's digest and to the roll-ups of the people the step's audience names. */
  private async handOver(party: Party, step: EscalationStep, key: string, reason?: string) {
    const item: DigestItem = {
      key,
      obligation: { ...this.o.subject, ...(this.o.wholeText ? { text: this.o.wholeText } : {}) },
      unit: { id: party.unitId, name: party.unitName },
      step: step.step,
      at: step.at,
      deadline: party.deadline,
      card: party.card,
      workingDaysLate: 0,
      toHead: step.audience.includes('head'),
      returns: party.returns?.length ?? 0,
      ...(reason ? { reason } : {}),
    };
    const people = new Map<string, DigestRecipient>();
    for (const role of ['supervisor', 'leadership'] as const) {
      if (!step.audience.includes(role)) continue;
      for (const address of party.contact[role]) if (!people.has(address.toLowerCase())) people.set(address.toLowerCase(), { kind: 'person', address, role });
    }
    const recipients: DigestRecipient[] = [{ kind: 'unit', unitId: party.unitId, unitName: party.unitName }, ...people.values()];
    const handed = await digests.handToDigests({ item, recipients, immediate: step.delivery === 'immediate', now: nowIso() });
    party.handedOver = { keys: [...(party.handedOver?.keys ?? []), key], digests: [...new Set([...(party.handedOver?.digests ?? []), ...handed.digests])] };
    return handed;
  }

  private reminderRequest(party: Party, step: string, idempotencyKey: string) {
    return {
      idempotencyKey,
      step,
      obligation: this.o.subject,
      unit: { id: party.unitId, name: party.unitName, deadline: party.deadline, card: party.card, returns: party.returns?.length ?? 0 },
    };
  }

  /** After an Update: supervisors' listings see it now, and a unit that no longer owes gets no mail still waiting to go. */
  private afterChange(): void {
    this.publish();
    const owing = new Set(this.o.owing().map((p) => p.unitId));
    for (const [unitId, scope] of this.inFlight) if (!owing.has(unitId)) scope.cancel();
    for (const party of this.o.parties()) {
      if (owing.has(party.unitId) || !party.handedOver) continue;
      // Reported or waived before the morning: its steps leave the digests that have not gone yet.
      const withdrawing = digests.withdrawFromDigests(party.handedOver);
      delete party.handedOver;
      this.detached.add(withdrawing);
      void withdrawing.finally(() => this.detached.delete(withdrawing));
    }
  }

  private applyDirectory(directory: UnitContact[]): void {
    const parties = new Map(this.o.parties().map((p) => [p.unitId, p]));
    for (const entry of directory) {
      const party = parties.get(entry.id);
      if (!party || sameRecipients(party.contact, entry)) continue;
      party.contact = { ...entry, name: party.contact.name };
      this.record({
        kind: 'directory',
        units: [party.unitName],
        recipients: [...new Set([...entry.contact, ...entry.head])],
        message: `单位名录已更新：${party.unitName}的提醒今后发往新的联系人和负责人`,
      });
    }
  }
}

/** To the unit's contact; the step's other audiences in cc, each address once and never in cc when it is in to. */
export function recipientsOf(contact: UnitContact, step: EscalationStep): { to: string[]; cc: string[] } {
  const to = [...new Set(contact.contact)];
  const cc = [...new Set(step.audience.filter((a) => a !== 'contact').flatMap((a) => contact[a]))].filter((a) => !to.includes(a));
  return { to, cc };
}

/** Whether two directory entries send a unit's mail to the same people. */
function sameRecipients(a: UnitContact, b: UnitContact): boolean {
  const key = (c: UnitContact) => JSON.stringify([c.contact, c.head, c.supervisor, c.leadership]);
  return key(a) === key(b);
}

export function nowIso(): string {
  return new Date(workflowNow()).toISOString();
}
