/**
 * One year of the State Council's holiday arrangement (国务院办公厅关于XXXX年
 * 部分节假日安排的通知) as plain, serialisable data: what the calendar is built
 * from, what the store keeps, what an activity hands a workflow.
 *
 * Two shapes:
 * - `holidayYearFileSchema`: the file an admin writes (holiday ranges, 调休
 *   working days, the notice's title and date), JSON or YAML;
 * - `calendarYearSchema`: the normalised year (one entry per day), with its
 *   source (the chinese-days package, or an imported file) and version.
 */
import { z } from 'zod';
import { dayNumber, formatDay, isIsoDate, weekdayOfDay, type IsoDate } from './dates';

/** Years duban can compute in; rules and plans are limited to the same range. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** The message for a wrong type: a missing field is named as such, not as a wrong type. */
const expected = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? '缺少此字段' : what);

const isoDate = z
  .string({ error: expected('应为日期字符串，格式 YYYY-MM-DD') })
  .refine(isIsoDate, { error: (i) => `不是有效日期（应为 YYYY-MM-DD 的真实日期，实际为 ${JSON.stringify(i.input)}）` });

const yearNumber = z
  .number({ error: expected('应为年份数字，如 2027') })
  .int({ error: '应为整数年份' })
  .min(FIRST_YEAR, { error: `年份应不早于 ${FIRST_YEAR}` })
  .max(LAST_YEAR, { error: `年份应不晚于 ${LAST_YEAR}` });

const name = z.string({ error: expected('应为名称文字，如 春节') }).trim().min(1, { error: '名称不能为空' });

const noticeSchema = z.strictObject(
  {
    title: z.string({ error: expected('应为通知标题文字') }).trim().min(1, { error: '通知标题不能为空' }),
    /** The notice's date (成文或发布日期). Unknown for the package's years. */
    date: isoDate.optional(),
    /** 文号, e.g. 国办发明电〔2025〕7号. */
    number: z.string().trim().min(1).optional(),
  },
  { error: expected('应为对象：title（通知标题）、date（通知日期）') },
);

const dayEntry = z.strictObject({ date: isoDate, name }, { error: expected('应为 { date, name }') });

export const yearSourceSchema = z.discriminatedUnion('kind', [
  /** Built in: the chinese-days package's data. */
  z.strictObject({ kind: z.literal('package'), package: z.string(), packageVersion: z.string() }),
  /** Loaded by an admin with `duban calendar import`. */
  z.strictObject({ kind: z.literal('imported'), file: z.string(), importedAt: z.string(), sha256: z.string() }),
]);
export type YearSource = z.infer<typeof yearSourceSchema>;

/**
 * Checks shared by both shapes: every day real, in the year (a 调休 working
 * day may precede it by up to a month, as for 元旦 in the 2008 and 2012
 * notices), listed once, never both holiday and working day, and a 调休
 * working day on a weekend (a weekday is a working day anyway).
 */
function checkDays(
  year: number,
  holidays: Array<{ date: IsoDate; path: (string | number)[] }>,
  workdays: Array<{ date: IsoDate; path: (string | number)[] }>,
  ctx: z.RefinementCtx,
): void {
  const first = dayNumber(`${year}-01-01`);
  const last = dayNumber(`${year}-12-31`);
  const seen = new Map<IsoDate, string>();
  const check = (entries: typeof holidays, kind: 'holiday' | 'workday') => {
    for (const { date, path } of entries) {
      if (!isIsoDate(date)) continue; // already reported by the date schema
      const day = dayNumber(date);
      const earliest = kind === 'workday' ? first - 31 : first;
      if (day < earliest || day > last) {
        ctx.addIssue({ code: 'custom', path, message: `日期 ${date} 不在 ${year} 年内` });
      }
      if (kind === 'workday' && weekdayOfDay(day) !== 0 && weekdayOfDay(day) !== 6) {
        ctx.addIssue({ code: 'custom', path, message: `调休上班日 ${date} 不是周六或周日（工作日本来就上班）` });
      }
      const before = seen.get(date);
      if (before) {
        const message =
          before === kind ? `日期 ${date} 重复列出` : `日期 ${date} 同时列为节假日和调休上班日`;
        ctx.addIssue({ code: 'custom', path, message });
      }
      seen.set(date, kind);
    }
  };
  check(holidays, 'holiday');
  check(workdays, 'workday');
}

/** A normalised year: one entry per holiday and per 调休 working day, sorted. */
export const calendarYearSchema = z
  .strictObject({
    year: yearNumber,
    /** Days off declared by the notice (weekend days inside a holiday included). */
    holidays: z.array(dayEntry),
    /** 调休上班: weekend days declared working days; name = the holiday they make up for. */
    workdays: z.array(dayEntry),
    notice: noticeSchema,
    source: yearSourceSchema,
    /** 1 for the first data of a year; an amendment (as in 2020) is a new version. */
    version: z.number().int().positive(),
  })
  .superRefine((y, ctx) =>
    checkDays(
      y.year,
      y.holidays.map((h, i) => ({ date: h.date, path: ['holidays', i, 'date'] })),
      y.workdays.map((w, i) => ({ date: w.date, path: ['workdays', i, 'date'] })),
      ctx,
    ),
  );
export type CalendarYear = z.infer<typeof calendarYearSchema>;

const holidayRange = z.strictObject(
  {
    name,
    from: isoDate,
    /** Last day of the holiday; omitted for a single day. */
    to: isoDate.optional(),
  },
  { error: expected('应为 { name, from, to }') },
);

const workdayEntry = z.strictObject(
  { date: isoDate, name: name.optional() },
  { error: expected('应为 { date, name }') },
);

/**
 * The file an admin loads (JSON or YAML), e.g.
 *
 * ```yaml
 * year: 2027
 * notice:
 *   title: 国务院办公厅关于2027年部分节假日安排的通知
 *   date: 2026-11-12
 * holidays:
 *   - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }
 * workdays:
 *   - { date: 2027-02-20, name: 春节 }
 * ```
 */
export const holidayYearFileSchema = z
  .strictObject(
    {
      year: yearNumber,
      notice: noticeSchema.extend({ date: isoDate }),
      holidays: z.array(holidayRange, { error: expected('应为节假日列表') }).min(1, { error: '至少应有一个节假日' }),
      workdays: z.array(workdayEntry, { error: expected('应为调休上班日列表') }).default([]),
    },
    { error: expected('应为对象：year、notice、holidays、workdays') },
  )
  .superRefine(
    (file, ctx) => {
      // Runs even when other fields are wrong, so that one import reports every problem: it
      // looks only at the parts that are well-formed (the value may not match its type yet).
      const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
      const field = (v: unknown, key: string): unknown => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined);
      const year: unknown = file.year;
      if (typeof year !== 'number' || !Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return;
      const holidays: Array<{ date: IsoDate; path: (string | number)[] }> = [];
      list(file.holidays).forEach((h, i) => {
        const fromDate = field(h, 'from');
        const toDate = field(h, 'to');
        if (!isIsoDate(fromDate) || (toDate !== undefined && !isIsoDate(toDate))) return;
        const from = dayNumber(fromDate);
        const to = toDate === undefined ? from : dayNumber(toDate);
        if (to < from) {
          ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: `结束日期 ${toDate} 早于开始日期 ${fromDate}` });
          return;
        }
        if (to - from > 30) {
          ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: '一个假期不应超过 31 天，请检查日期' });
          return;
        }
        for (let d = from; d <= to; d++) holidays.push({ date: formatDay(d), path: ['holidays', i, d === from ? 'from' : 'to'] });
      });
      const workdays = list(file.workdays).flatMap((w, i) => {
        const date = field(w, 'date');
        return isIsoDate(date) ? [{ date, path: ['workdays', i, 'date'] }] : [];
      });
      checkDays(year, holidays, workdays, ctx);
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type HolidayYearFile = z.input<typeof holidayYearFileSchema>;

/** Normalises a validated file to a CalendarYear (source and version come from the store). */
export function yearFromFile(
  file: z.output<typeof holidayYearFileSchema>,
  source: YearSource,
  version: number,
): CalendarYear {
  const holidays: CalendarYear['holidays'] = [];
  for (const h of file.holidays) {
    const to = dayNumber(h.to ?? h.from);
    for (let d = dayNumber(h.from); d <= to; d++) holidays.push({ date: formatDay(d), name: h.name });
  }
  const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return {
    year: file.year,
    holidays: holidays.sort(byDate),
    workdays: file.workdays.map((w) => ({ date: w.date, name: w.name ?? '调休' })).sort(byDate),
    notice: file.notice,
    source,
    version,
  };
}

/** One validation problem, placed: field is a path like 'holidays[2].from'. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Turns zod issues into placed problems with Chinese messages for staff. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.map((issue) => {
    const field =
      issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('') || '（整个文件）';
    const message = issue.code === 'unrecognized_keys' ? `未知字段：${issue.keys.join('、')}` : issue.message;
    return { field, message };
  });
}
