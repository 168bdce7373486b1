/**
 * Deadline phrases and statutory duties as the documents write them, turned
 * into the rule contract of `domain/rules.ts`.
 *
 * Two modes, because the same words mean different things in different places:
 * in a 完成时限 column "持续推进" *is* the deadline (none: reviewed at year-end);
 * inside running text it is only a verb ("持续推进义务教育…信息公开"), so
 * prose recognises only the unambiguous "长期坚持" as open-ended.
 */
import type { Rule } from '../rules';
import type { PlanDuty, TaskDuty } from './model';
import { daysInMonth } from '../calendar/dates';

export interface PhraseProblem {
  code: 'deadline.invalidMonth' | 'deadline.invalidDate' | 'deadline.invalidPeriod' | 'deadline.unrecognised' | 'deadline.ambiguous';
  message: string;
}

export interface DeadlineReading {
  rule?: Rule;
  /** The phrase as written. */
  text?: string;
  problems: PhraseProblem[];
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "30" → 30, "三十" → 30, "十二" → 12, "二十" → 20; anything else → NaN. */
export function parseCount(s: string): number {
  const t = s.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(t);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  if (t.length === 1 && t in CN_DIGITS) return CN_DIGITS[t]!;
  return Number.NaN;
}

/** Full-width digits (from WPS and OCR) matched like ASCII ones. */
export function normalizeDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

// Bounded: an unbounded run would backtrack quadratically on a long string of digits. Never the tail of
// a longer number, a signed one or a fraction: "-1个工作日内" is not one working day.
const NUM = '(?<![.．\\d])(?<!(?<!\\d)[-－−﹣])(\\d{1,4}|[一二两三四五六七八九十]{1,4})';
/**
 * A period's count as written, sign and fraction included, so a nonsense one is
 * named instead of read as another: "-1个", "0个", "1.5个", "99999个". Linear: a
 * run of digits is tried only from its first digit.
 */
const PERIOD_COUNT = '(?<![\\d.．])([-－−﹣])?(\\d+(?:[.．]\\d+)?|[一二两三四五六七八九十]{1,4})';
/** The longest period a plan may set: ten years. */
export const MAX_PERIOD_DAYS = 3660;

interface Pattern {
  re: RegExp;
  build: (m: RegExpExecArray, problems: PhraseProblem[]) => Rule | undefined;
}

/** A written year the rules cannot carry ("1024年", a typo) is a problem, not a rule that fails later. */
function badYear(year: number | undefined, written: string, problems: PhraseProblem[]): boolean {
  if (year === undefined || (year >= 2000 && year <= 2100)) return false;
  problems.push({ code: 'deadline.invalidDate', message: `完成时限“${written}”中的年份 ${year} 超出 2000–2100` });
  return true;
}

function monthEnd(month: number, year: number | undefined, written: string, problems: PhraseProblem[]): Rule | undefined {
  if (badYear(year, written, problems)) return undefined;
  if (month < 1 || month > 12) {
    problems.push({ code: 'deadline.invalidMonth', message: `完成时限“${written}”中的月份 ${month} 不存在` });
    return undefined;
  }
  return year === undefined ? { kind: 'monthEnd', month } : { kind: 'monthEnd', month, year };
}

/** "3月31日前" is a date every year; "2030年1月15日前" is that one day, its year kept as written. */
function fixedDay(month: number, day: number, written: string, problems: PhraseProblem[], year?: number): Rule | undefined {
  if (badYear(year, written, problems)) return undefined;
  if (month < 1 || month > 12) {
    problems.push({ code: 'deadline.invalidMonth', message: `完成时限“${written}”中的月份 ${month} 不存在` });
    return undefined;
  }
  // A yearly date must exist every year; 2月29日 is accepted as the leap-year maximum.
  if (day < 1 || day > daysInMonth(year ?? 2024, month)) {
    problems.push({ code: 'deadline.invalidDate', message: `完成时限“${written}”中的日期 ${year ? `${year}年` : ''}${month}月${day}日 不存在` });
    return undefined;
  }
  return year === undefined ? { kind: 'fixedYearly', month, day } : { kind: 'fixedDate', year, month, day };
}

function relativeAnchor(context: string): 'policyIssued' | 'commentClosed' | 'requestReceived' | 'informationCreated' | 'planIssued' {
  if (/意见征集结束|征求意见结束/.test(context)) return 'commentClosed';
  if (/(收到|受理).{0,6}申请|申请.{0,10}答复/.test(context)) return 'requestReceived';
  if (/(形成|变更)之日/.test(context)) return 'informationCreated';
  // "7个工作日内公开" in a disclosure list: counted from when the information is made (条例 art. 26).
  if (/工作日内(?:予以)?公开/.test(context) && !/出台|印发|发布|公布|征集|申请|采纳/.test(context)) return 'informationCreated';
  if (/本要点|本方案|任务分解|工作台账/.test(context)) return 'planIssued';
  return 'policyIssued';
}

/** A dated day (an Excel date cell, "2024.6.15"): a month end stays one, any other day is that very day, year and all. */
function datedDay(year: number, month: number, day: number, written: string, problems: PhraseProblem[]): Rule | undefined {
  if (badYear(year, written, problems)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    problems.push({ code: 'deadline.invalidDate', message: `完成时限“${written}”不是有效日期` });
    return undefined;
  }
  return day === daysInMonth(year, month) ? { kind: 'monthEnd', month, year } : { kind: 'fixedDate', year, month, day };
}

/** Date-like phrases, in the order they are tried at each position. */
const DATE_PATTERNS: Pattern[] = [
  {
    re: /(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)/g,
    build: (m, p) => datedDay(Number(m[1]), Number(m[2]), Number(m[3]), m[0], p),
  },
  {
    re: /(\d{4})\s*年\s*年?底前?/g,
    build: (m, p) => monthEnd(12, Number(m[1]), m[0], p),
  },
  {
    re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|之前)/g,
    build: (m, p) => fixedDay(Number(m[2]), Number(m[3]), m[0], p, m[1] ? Number(m[1]) : undefined),
  },
  {
    re: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:底|末)\s*(?:前|之前)?/g,
    build: (m, p) => monthEnd(Number(m[2]), m[1] ? Number(m[1]) : undefined, m[0], p),
  },
  {
    re: new RegExp(`${PERIOD_COUNT}\\s*个\\s*工作日\\s*内`, 'g'),
    build: (m, p) => period(m, p, (days) => ({ kind: 'workingDays', days, from: 'policyIssued' })),
  },
  {
    re: new RegExp(`${PERIOD_COUNT}\\s*(?:日|天)\\s*内`, 'g'),
    build: (m, p) => period(m, p, (days) => ({ kind: 'calendarDays', days, from: 'policyIssued' })),
  },
  { re: /(?:每|按|逐)\s*(?:个)?\s*季度/g, build: () => ({ kind: 'quarterly' }) },
  {
    re: new RegExp(`(?:每年|年内|全年)[^。；;]{0,30}?(?:至少|不少于|不低于)[^，。；,;\\d]{0,8}?${NUM}\\s*(?:次|场|期)`, 'g'),
    build: (m) => positive(parseCount(m[1]!), (times) => ({ kind: 'atLeastTimes', times })),
  },
  { re: /年底前/g, build: () => ({ kind: 'monthEnd', month: 12 }) },
];

function positive(n: number, make: (n: number) => Rule): Rule | undefined {
  return Number.isInteger(n) && n > 0 && n <= MAX_PERIOD_DAYS ? make(n) : undefined;
}

/** "10个工作日内" → 10; "-1个工作日内", "0日内", "1.5个工作日内", "99999日内" → a problem naming the phrase, no rule. */
function period(m: RegExpExecArray, problems: PhraseProblem[], make: (n: number) => Rule): Rule | undefined {
  const n = parseCount(m[2]!.replace('．', '.'));
  const rule = m[1] ? undefined : positive(n, make);
  // Chinese numerals that are no count ("两三天内") stay words, as before; written digits must make sense.
  if (!rule && (m[1] || /\d/.test(m[2]!))) {
    problems.push({ code: 'deadline.invalidPeriod', message: `完成时限“${m[0].trim()}”不是有效的期限：天数应为 1–${MAX_PERIOD_DAYS} 的整数` });
  }
  return rule;
}

/** Relative periods take their anchor from the words just before them. */
function anchorRelative(rule: Rule, text: string, index: number): Rule {
  if (rule.kind !== 'calendarDays' && rule.kind !== 'workingDays') return rule;
  return { ...rule, from: relativeAnchor(text.slice(Math.max(0, index - 40), index + 10)) };
}

interface Found {
  index: number;
  text: string;
  rule: Rule;
}

function scan(text: string, problems: PhraseProblem[]): Found[] {
  const t = normalizeDigits(text);
  const found: Found[] = [];
  const taken: Array<[number, number]> = [];
  for (const { re, build } of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const [start, end] = [m.index, m.index + m[0].length];
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);
      const rule = build(m, problems);
      if (rule) found.push({ index: start, text: m[0].trim(), rule: anchorRelative(rule, t, start) });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

const COLUMN_OPEN_ENDED = /^(长期坚持|持续推进|长期|常态化|持续开展|持续)$/;

/**
 * A 完成时限 cell: "12月底前" → month end; "长期坚持"/"持续推进" → open-ended;
 * "13月底前" → a problem, no rule (never a guess).
 *
 * @example parseDeadlineCell('6月底前') // { rule: { kind: 'monthEnd', month: 6 }, text: '6月底前', problems: [] }
 */
export function parseDeadlineCell(cell: string): DeadlineReading {
  const written = cell.replace(/\s+/g, ' ').trim();
  if (written === '') return { problems: [] };
  if (COLUMN_OPEN_ENDED.test(written.replace(/\s/g, ''))) return { rule: { kind: 'openEnded' }, text: written, problems: [] };
  const problems: PhraseProblem[] = [];
  // A cell that is only a date ("2024年6月15日", as WPS shows a date cell) is that day; in prose such a date may be an event's.
  const date = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(normalizeDigits(written));
  if (date) {
    const rule = datedDay(Number(date[1]), Number(date[2]), Number(date[3]), written, problems);
    return { ...(rule ? { rule } : {}), text: written, problems };
  }
  const found = scan(written, problems);
  if (found.length === 0) {
    if (problems.length === 0) problems.push({ code: 'deadline.unrecognised', message: `无法识别完成时限“${written}”` });
    return { text: written, problems };
  }
  return { rule: found[0]!.rule, text: written, problems };
}

/**
 * The deadline stated inside a task's text, the first one written; "长期坚持"
 * counts, "持续推进" does not (see the module comment). Several different
 * deadlines in one text are reported as ambiguous.
 *
 * @example findDeadlineInText('2021年底前，在区级政务服务大厅…设立…专区') // rule { kind: 'monthEnd', month: 12, year: 2021 }
 */
export function findDeadlineInText(text: string): DeadlineReading {
  const problems: PhraseProblem[] = [];
  const found = scan(text, problems);
  const open = /长期坚持/.exec(text);
  if (open) found.push({ index: open.index, text: open[0], rule: { kind: 'openEnded' } });
  found.sort((a, b) => a.index - b.index);
  const first = found[0];
  if (!first) return { problems };
  // "2022年底11月前": a date phrase running into another month is garbled; which one is meant needs a human.
  const after = normalizeDigits(text).slice(first.index + first.text.length, first.index + first.text.length + 6);
  if (/^\s*\d{1,2}\s*月/.test(after)) {
    problems.push({ code: 'deadline.ambiguous', message: `完成时限“${first.text}${after.trim()}”写法有误，已按“${first.text}”计，请核对` });
  }
  const distinct = new Set(found.map((f) => JSON.stringify(f.rule)));
  if (distinct.size > 1) {
    problems.push({
      code: 'deadline.ambiguous',
      message: `文中有多个时限（${found.map((f) => `“${f.text}”`).join('、')}），已取第一个“${first.text}”，请核对`,
    });
  }
  return { rule: first.rule, text: first.text, problems };
}

interface DutyPattern {
  duty: TaskDuty['duty'];
  re: RegExp;
  /** The text must also say this, so a bare "10个工作日" is not taken for a duty. */
  context?: RegExp;
  rule: (m: RegExpExecArray) => Rule | undefined;
}

const DUTY_PATTERNS: DutyPattern[] = [
  {
    duty: 'commentPublication',
    re: new RegExp(`(?:意见征集|征求意见)结束后\\s*${NUM}\\s*(?:日|天)内`),
    rule: (m) => positive(parseCount(m[1]!), (days) => ({ kind: 'calendarDays', days, from: 'commentClosed' })),
  },
  {
    duty: 'feedbackDisclosure',
    re: new RegExp(`(?:出台|印发|公布|发布)后的?\\s*${NUM}\\s*个\\s*工作日内`),
    context: /采纳|意见/,
    rule: (m) => positive(parseCount(m[1]!), (days) => ({ kind: 'workingDays', days, from: 'policyIssued' })),
  },
  {
    duty: 'smeArrearsDisclosure',
    re: /(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*前/,
    context: /中小企业/,
    rule: (m) => fixedDay(Number(m[1]), Number(m[2]), m[0], []),
  },
  {
    duty: 'requestReply',
    re: new RegExp(`${NUM}\\s*个\\s*工作日内`),
    context: /申请.{0,20}答复|答复.{0,20}申请/,
    rule: (m) => positive(parseCount(m[1]!), (days) => ({ kind: 'workingDays', days, from: 'requestReceived' })),
  },
  {
    duty: 'proactiveDisclosure',
    re: new RegExp(`(?:形成|变更)之日起\\s*${NUM}\\s*个\\s*工作日内`),
    rule: (m) => positive(parseCount(m[1]!), (days) => ({ kind: 'workingDays', days, from: 'informationCreated' })),
  },
  {
    duty: 'annualReportDepartment',
    re: /1\s*月\s*31\s*日\s*前/,
    context: /年度报告/,
    rule: () => ({ kind: 'fixedYearly', month: 1, day: 31 }),
  },
  {
    duty: 'annualReportGovernment',
    re: /3\s*月\s*31\s*日\s*前/,
    context: /年度报告/,
    rule: () => ({ kind: 'fixedYearly', month: 3, day: 31 }),
  },
];

/**
 * Statutory duties a task's text states with their period: 3月31日前 (SME
 * arrears), 意见征集结束后7日内, 出台后10个工作日内, …
 */
export function findDuties(text: string): TaskDuty[] {
  const t = normalizeDigits(text);
  const duties: TaskDuty[] = [];
  for (const p of DUTY_PATTERNS) {
    const m = p.re.exec(t);
    if (!m || (p.context && !p.context.test(t))) continue;
    const rule = p.rule(m);
    if (rule) duties.push({ duty: p.duty, rule, text: m[0] });
  }
  return duties;
}

/**
 * Plan-level duties stated in a closing paragraph: "于本要点发布后 30 日内报送
 * 市政府办公室政务公开办" — every unit submits its breakdown within 30 days of
 * the plan's issue (seed 000).
 */
export function findPlanDuties(text: string): PlanDuty[] {
  const t = normalizeDigits(text);
  const m = new RegExp(`(?:发布|印发|下发)(?:之日)?后\\s*${NUM}\\s*(?:日|天)内\\s*(?:报送|报)`).exec(t);
  if (!m || !/任务分解|工作台账|分解/.test(t)) return [];
  const days = parseCount(m[1]!);
  if (!Number.isInteger(days) || days <= 0) return [];
  return [{ duty: 'breakdownSubmission', rule: { kind: 'calendarDays', days, from: 'planIssued' }, units: 'allNamed', text: m[0] }];
}
