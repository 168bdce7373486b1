/**
 * Deadlines from rules: a rule (domain/rules.ts) plus its anchor — the date of
 * the event it counts from and the plan year — gives its due day(s), each
 * with the exact instant ("by day D" = the end of D in Asia/Shanghai) and
 * the provisional flag. Also the statutory duties of docs/domain.md by name, and
 * the request-reply clock with its extension, 补正 restart and paused
 * consultation time.
 *
 * Pure: the calendar is passed in, nothing reads the clock.
 */
import {
  dayNumber,
  endOfDay,
  FIRST_YEAR,
  isIsoDate,
  LAST_YEAR,
  lastDayOfMonth,
  shanghaiDate,
  toEpochMs,
  type Calendar,
  type DatedResult,
  type Instant,
  type IsoDate,
  yearOf,
} from './calendar';
import { ruleSchema, type Rule, type StatutoryDuty } from './rules';

/** One due day. Structurally the `Deadline` of domain/accountability.ts, plus a label. */
export interface Due {
  /** The due day, 'YYYY-MM-DD' in Asia/Shanghai. */
  date: IsoDate;
  /** The end of that day: '2026-10-16T23:59:59.999+08:00'. */
  instant: Instant;
  /**
   * True when the day, or a day the count crossed, lies in a year with no
   * holiday notice loaded: recompute (and tell the units) once it is.
   */
  provisional: boolean;
  /** For staff: '30日内', '第二季度', '6月底前', '年底前复核'. */
  label: string;
}

export interface RuleAnchor {
  /** The plan's year: month-end, quarterly, count and review rules fall in it. */
  planYear: number;
  /**
   * The date of the anchor event ('YYYY-MM-DD'). Required by calendarDays and
   * workingDays (the event named by the rule's `from`); for fixedYearly it is
   * the reference date (default January 1 of the plan year).
   */
  eventDate?: IsoDate;
}

export interface RuleDeadlines {
  /** Due days in order; one for most rules, four for quarterly. */
  dues: Due[];
  /** atLeastTimes: how many occurrences are due by the (single) due day. */
  requiredCount?: number;
  /** openEnded (长期坚持/持续推进): no date of its own, only the year-end review. */
  reviewOnly: boolean;
}

/** A rule that cannot be evaluated with the anchor given: the caller's input is wrong, retrying will not help. */
export class CalendarInputError extends Error {
  override name = 'CalendarInputError';
  constructor(
    readonly code: 'missingEventDate' | 'invalidDate' | 'invalidYear' | 'invalidRule' | 'invalidInput',
    message: string,
  ) {
    super(message);
  }
}

/** The due for a day that needs no counting (a fixed date, a month end): provisional while its year has no notice. */
export function dueOn(calendar: Calendar, date: IsoDate, label = date): Due {
  requireDate(date, 'date');
  return { date, instant: endOfDay(date), provisional: !calendar.isCovered(yearOf(date)), label };
}

function dueFrom(result: DatedResult, label: string): Due {
  return { date: result.date, instant: endOfDay(result.date), provisional: result.provisional, label };
}

function requireDate(date: unknown, field: string): asserts date is IsoDate {
  if (!isIsoDate(date)) throw new CalendarInputError('invalidDate', `${field} is not a valid date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function requireYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new CalendarInputError('invalidYear', `planYear must be a whole year ${FIRST_YEAR}–${LAST_YEAR}: ${year}`);
  }
}

function eventDateOf(anchor: RuleAnchor, rule: Rule): IsoDate {
  if (anchor.eventDate === undefined) {
    const from = 'from' in rule ? rule.from : 'event';
    throw new CalendarInputError('missingEventDate', `A ${rule.kind} rule needs the date of its anchor event (${from})`);
  }
  requireDate(anchor.eventDate, 'eventDate');
  return anchor.eventDate;
}

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];

/**
 * The due day(s) of a rule, given its anchor.
 *
 * evaluateRule(calendar, { kind: 'workingDays', days: 10, from: 'policyIssued' }, { planYear: 2026, eventDate: '2026-09-28' })
 *   → { dues: [{ date: '2026-10-16', instant: '2026-10-16T23:59:59.999+08:00', provisional: false, label: '10个工作日内' }], reviewOnly: false }
 *
 * Fixed dates and month ends are due on that very day even when it is a rest
 * day ("3月31日前" means by March 31): only counted periods move to the next
 * working day, as procedural law has it.
 */
export function evaluateRule(calendar: Calendar, rule: Rule, anchor: RuleAnchor): RuleDeadlines {
  const parsed = ruleSchema.safeParse(rule);
  if (!parsed.success) throw new CalendarInputError('invalidRule', `Invalid rule: ${parsed.error.message}`);
  requireYear(anchor.planYear);
  const one = (due: Due): RuleDeadlines => ({ dues: [due], reviewOnly: false });
  switch (rule.kind) {
    case 'calendarDays':
      return one(dueFrom(calendar.addCalendarDays(eventDateOf(anchor, rule), rule.days), `${rule.days}日内`));
    case 'workingDays':
      return one(dueFrom(calendar.addWorkingDays(eventDateOf(anchor, rule), rule.days), `${rule.days}个工作日内`));
    default: {
      if (anchor.eventDate !== undefined) requireDate(anchor.eventDate, 'eventDate');
      const dues = ruleDays(rule, anchor).map(({ date, label }) => dueOn(calendar, date, label));
      return { dues, ...(rule.kind === 'atLeastTimes' ? { requiredCount: rule.times } : {}), reviewOnly: rule.kind === 'openEnded' };
    }
  }
}

/** Every rule but the counted periods: it names its days outright, and no holiday notice can move them. */
export type NamedDayRule = Exclude<Rule, { kind: 'calendarDays' | 'workingDays' }>;

/**
 * The days a rule names, with their labels for staff. No calendar is
 * needed, so validation checks a plan against the very days the workflow
 * will keep. A fixed yearly date falls in the anchor's year, or the next
 * when it has passed; an explicit year (fixedDate, monthEnd with a year)
 * is kept as written.
 *
 * ruleDays({ kind: 'fixedDate', year: 2030, month: 1, day: 15 }, { planYear: 2024, eventDate: '2024-06-05' })
 *   → [{ date: '2030-01-15', label: '2030年1月15日前' }]
 */
export function ruleDays(rule: NamedDayRule, anchor: RuleAnchor): Array<{ date: IsoDate; label: string }> {
  const year = anchor.planYear;
  switch (rule.kind) {
    case 'fixedYearly': {
      const reference = anchor.eventDate ?? `${year}-01-01`;
      const refYear = yearOf(reference);
      const dateIn = (y: number) => fixedDate(y, rule.month, rule.day);
      return [{ date: dateIn(refYear) >= reference ? dateIn(refYear) : dateIn(refYear + 1), label: `${rule.month}月${rule.day}日前` }];
    }
    case 'fixedDate':
      return [{ date: fixedDate(rule.year, rule.month, rule.day), label: `${rule.year}年${rule.month}月${rule.day}日前` }];
    case 'monthEnd': {
      const y = rule.year ?? year;
      return [{ date: lastDayOfMonth(y, rule.month), label: rule.month === 12 ? `${y}年底前` : `${rule.month}月底前` }];
    }
    case 'quarterly':
      return [3, 6, 9, 12].map((m, i) => ({ date: lastDayOfMonth(year, m), label: QUARTERS[i]! }));
    case 'atLeastTimes':
      return [{ date: `${year}-12-31`, label: `年底前至少${rule.times}次` }];
    case 'openEnded':
      return [{ date: `${year}-12-31`, label: '年底前复核' }];
  }
}

/**
 * The due days a rule owes from its anchor on: what `evaluateRule` gives,
 * less any occurrence before the anchor's day. A plan issued mid-year owes
 * no quarter that had already ended, and a dated deadline that passed before
 * the plan existed is owed nowhere (validation refuses such a plan). This is
 * the one place due days are taken from: the obligation workflow's calendar
 * activity and `plan preview`, and through the workflow `overdue`,
 * `task show` and the mail.
 *
 * owedDues(calendar, { kind: 'quarterly' }, { planYear: 2024, eventDate: '2024-06-05' }).dues.map((d) => d.date)
 *   → ['2024-06-30', '2024-09-30', '2024-12-31']
 */
export function owedDues(calendar: Calendar, rule: Rule, anchor: RuleAnchor): RuleDeadlines {
  const all = evaluateRule(calendar, rule, anchor);
  return { ...all, dues: all.dues.filter((d) => isOwed(d.date, anchor)) };
}

/** Whether a day is owed from the anchor on; the anchor's own day is (a task due the day its plan is issued). */
export function isOwed(date: IsoDate, anchor: RuleAnchor): boolean {
  return anchor.eventDate === undefined || date >= anchor.eventDate;
}

/** A month/day in a year; February 29 falls back to the 28th in common years. */
function fixedDate(year: number, month: number, day: number): IsoDate {
  const last = lastDayOfMonth(year, month);
  const wanted = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(wanted) ? wanted : last;
}

export interface StatutoryDutyDefinition {
  duty: StatutoryDuty;
  /** For staff. */
  title: string;
  rule: Rule;
  /** The legal source, for mail and pages. */
  basis: string;
  /** requestReply: the one extension the office's head may approve. */
  extension?: { maxWorkingDays: number };
}

/** The statutory duties of docs/domain.md, by name. Rules are data: a workflow may carry `statutoryDuties[d].rule`. */
export const statutoryDuties: Readonly<Record<StatutoryDuty, StatutoryDutyDefinition>> = {
  breakdownSubmission: {
    duty: 'breakdownSubmission',
    title: '任务分解（工作台账）报送',
    rule: { kind: 'calendarDays', days: 30, from: 'planIssued' },
    basis: '工作要点印发后30日内报送任务分解',
  },
  feedbackDisclosure: {
    duty: 'feedbackDisclosure',
    title: '意见收集采纳情况公开',
    rule: { kind: 'workingDays', days: 10, from: 'policyIssued' },
    basis: '政策文件出台后10个工作日内公开意见收集采纳情况',
  },
  commentPublication: {
    duty: 'commentPublication',
    title: '意见征集结果公开',
    rule: { kind: 'calendarDays', days: 7, from: 'commentClosed' },
    basis: '意见征集结束后7日内公开',
  },
  smeArrearsDisclosure: {
    duty: 'smeArrearsDisclosure',
    title: '逾期尚未支付中小企业款项情况公开',
    rule: { kind: 'fixedYearly', month: 3, day: 31 },
    basis: '《保障中小企业款项支付条例》（2025年修订第十八条）：每年3月31日前公开上一年度情况',
  },
  requestReply: {
    duty: 'requestReply',
    title: '依申请公开答复',
    rule: { kind: 'workingDays', days: 20, from: 'requestReceived' },
    basis: '《政府信息公开条例》第三十三条：收到申请之日起20个工作日内答复，经批准可延长不超过20个工作日',
    extension: { maxWorkingDays: 20 },
  },
  proactiveDisclosure: {
    duty: 'proactiveDisclosure',
    title: '主动公开',
    rule: { kind: 'workingDays', days: 20, from: 'informationCreated' },
    basis: '《政府信息公开条例》第二十六条：信息形成或变更之日起20个工作日内公开',
  },
  annualReportDepartment: {
    duty: 'annualReportDepartment',
    title: '部门政府信息公开工作年度报告',
    rule: { kind: 'fixedYearly', month: 1, day: 31 },
    basis: '《政府信息公开条例》第四十九条：每年1月31日前',
  },
  annualReportGovernment: {
    duty: 'annualReportGovernment',
    title: '政府信息公开工作年度报告',
    rule: { kind: 'fixedYearly', month: 3, day: 31 },
    basis: '《政府信息公开条例》第四十九条：县级以上人民政府每年3月31日前公布',
  },
};

/**
 * A statutory duty's due day.
 * statutoryDeadline(calendar, 'commentPublication', { planYear: 2024, eventDate: '2024-09-28' }).dues[0].date === '2024-10-08'
 */
export function statutoryDeadline(calendar: Calendar, duty: StatutoryDuty, anchor: RuleAnchor): RuleDeadlines {
  return owedDues(calendar, statutoryDuties[duty].rule, anchor);
}

/** The request-reply clock of 政府信息公开条例 art. 30–34. */
export interface RequestClock {
  /** The day the request was received (art. 31 says what counts as received). */
  receivedOn: IsoDate;
  /** The day the amended request (补正) was received: the reply clock restarts from it (art. 30). */
  amendedReceivedOn?: IsoDate;
  /**
   * Consultation of a third party or another agency (art. 32, 34), not
   * counted: working days d with from < d ≤ to are skipped (the day the
   * consultation is sent still counts, as a period's start day is not counted).
   */
  pauses?: Array<{ from: IsoDate; to: IsoDate }>;
  /** An approved extension (art. 33), 1–20 working days added to the reply due day. */
  extensionWorkingDays?: number;
}

export interface RequestReplyDeadlines {
  /** 补正 must be asked, in one notice, within 7 working days of receipt (art. 30). */
  amendmentNoticeDue: Due;
  /** 20 working days from receipt (or from the amended request), paused time not counted. */
  replyDue: Due;
  /** replyDue moved by the approved extension, paused time not counted. */
  extendedReplyDue?: Due;
  /** Working days of consultation skipped in reaching the latest due day. */
  pausedWorkingDays: number;
}

const REPLY_WORKING_DAYS = 20;
const AMENDMENT_NOTICE_WORKING_DAYS = 7;

/**
 * The reply due days of a request for disclosure.
 *
 * requestReplyDeadlines(calendar, { receivedOn: '2026-09-28' }).replyDue.date === '2026-10-30'
 * With pauses [{ from: '2026-10-09', to: '2026-10-16' }] (6 working days of consultation,
 * the 调休 Saturday 10-10 among them): '2026-11-09'; extended by 20 more: '2026-12-07'.
 */
export function requestReplyDeadlines(calendar: Calendar, clock: RequestClock): RequestReplyDeadlines {
  requireDate(clock.receivedOn, 'receivedOn');
  const start = clock.amendedReceivedOn ?? clock.receivedOn;
  requireDate(start, 'amendedReceivedOn');
  if (start < clock.receivedOn) throw new CalendarInputError('invalidInput', 'amendedReceivedOn is before receivedOn');
  const extension = clock.extensionWorkingDays;
  if (extension !== undefined && (!Number.isInteger(extension) || extension < 1 || extension > REPLY_WORKING_DAYS)) {
    throw new CalendarInputError('invalidInput', `extensionWorkingDays must be 1–${REPLY_WORKING_DAYS}: ${extension}`);
  }
  const paused = pausedDays(calendar, clock.pauses ?? []);

  const reply = addWorkingDaysSkipping(calendar, start, REPLY_WORKING_DAYS, paused);
  const result: RequestReplyDeadlines = {
    amendmentNoticeDue: dueFrom(calendar.addWorkingDays(clock.receivedOn, AMENDMENT_NOTICE_WORKING_DAYS), `${AMENDMENT_NOTICE_WORKING_DAYS}个工作日内告知补正`),
    replyDue: dueFrom(reply.result, `${REPLY_WORKING_DAYS}个工作日内答复`),
    pausedWorkingDays: reply.skipped,
  };
  if (extension !== undefined) {
    const extended = addWorkingDaysSkipping(calendar, start, REPLY_WORKING_DAYS + extension, paused);
    result.extendedReplyDue = dueFrom(extended.result, `延长${extension}个工作日后答复`);
    result.pausedWorkingDays = extended.skipped;
  }
  return result;
}

/** The working days inside the pauses, as day numbers. */
function pausedDays(calendar: Calendar, pauses: ReadonlyArray<{ from: IsoDate; to: IsoDate }>): { days: Set<number>; provisional: boolean } {
  const days = new Set<number>();
  let provisional = false;
  for (const [i, p] of pauses.entries()) {
    requireDate(p.from, `pauses[${i}].from`);
    requireDate(p.to, `pauses[${i}].to`);
    if (p.to < p.from) throw new CalendarInputError('invalidInput', `pauses[${i}] ends before it starts`);
    for (let d = calendar.nextWorkingDay(p.from); d.date <= p.to; d = calendar.nextWorkingDay(d.date)) {
      days.add(dayNumber(d.date));
      provisional ||= d.provisional;
    }
  }
  return { days, provisional };
}

/** n working days after start, not counting paused working days; a fixed point, as each skipped day may reach further pauses. */
function addWorkingDaysSkipping(
  calendar: Calendar,
  start: IsoDate,
  n: number,
  paused: { days: Set<number>; provisional: boolean },
): { result: DatedResult; skipped: number } {
  const from = dayNumber(start);
  let skipped = 0;
  for (;;) {
    const result = calendar.addWorkingDays(start, n + skipped);
    const to = dayNumber(result.date);
    let inWindow = 0;
    for (const d of paused.days) if (d > from && d <= to) inWindow++;
    if (inWindow === skipped) {
      return { result: { date: result.date, provisional: result.provisional || (skipped > 0 && paused.provisional) }, skipped };
    }
    skipped = inWindow;
  }
}

/**
 * Working days a report came late: the working days after the due day up to
 * the day of `at` (0 when on time, or when only rest days have passed).
 * workingDaysLate(calendar, '2026-10-16T23:59:59.999+08:00', '2026-10-19T10:00:00+08:00') === 1
 */
export function workingDaysLate(calendar: Calendar, dueInstant: Instant | number, at: Instant | number): number {
  if (toEpochMs(at) <= toEpochMs(dueInstant)) return 0;
  return calendar.workingDaysBetween(shanghaiDate(dueInstant), shanghaiDate(at)).count;
}
