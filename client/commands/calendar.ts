import type { Command } from 'commander';
import { CalendarFileError } from '../../store';
import { CalendarRangeError, isIsoDate, type Calendar, type CalendarYear, type DayReason } from '../../domain/calendar';
import { notifyCalendarChange } from '../calendar-notify';
import { UserFacingError } from '../errors';
import { cliStore } from '../store';
import { withTemporal } from '../temporal';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const REASONS: Record<DayReason, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '节假日',
  adjustedWorkday: '调休上班',
};

function store() {
  return cliStore().calendar;
}

function date(value: string, option: string): string {
  if (!isIsoDate(value)) throw new UserFacingError(`${option} 应为 YYYY-MM-DD 格式的有效日期，实际为“${value}”`);
  return value;
}

function count(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3650) {
    throw new UserFacingError(`${option} 应为 1 到 3650 之间的整数天数，实际为“${value}”`);
  }
  return Number(value);
}

/** The calendar spans 2000–2105; outside it staff get a sentence, not a stack trace. */
function inRange<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof CalendarRangeError) throw new UserFacingError('日期或结果超出可计算范围（2000 年至 2105 年）');
    throw err;
  }
}

/** The English mark the issue asked for, so scripts can grep it; the Chinese hint goes to stderr. */
function provisionalMark(calendar: Calendar, from: string, to: string): string {
  const years = calendar.uncoveredYears(from < to ? from : to, from < to ? to : from);
  return `(provisional: no ${years.join(', ')} holiday notice loaded)`;
}

function provisionalHint(calendar: Calendar, from: string, to: string): void {
  const years = calendar.uncoveredYears(from < to ? from : to, from < to ? to : from);
  console.error(
    `提示：尚未导入 ${years.join('、')} 年国务院节假日安排，结果仅按周末推算（暂定）；导入后（duban calendar import 文件）请重新计算。`,
  );
}

function sourceText(y: CalendarYear): string {
  return y.source.kind === 'package'
    ? `内置 ${y.source.package} ${y.source.packageVersion}`
    : `导入 ${y.source.file}（${y.source.importedAt.slice(0, 10)}）`;
}

function noticeText(y: CalendarYear): string {
  return y.notice.date ? `${y.notice.title}（${y.notice.date}）` : y.notice.title;
}

/** Years with no data between the first covered and a few years past the last, as ranges for staff. */
function provisionalYearsText(covered: readonly number[]): string {
  const first = covered[0];
  const last = covered[covered.length - 1];
  if (first === undefined || last === undefined) return '所有年份';
  const gaps: number[] = [];
  for (let y = first; y <= last; y++) if (!covered.includes(y)) gaps.push(y);
  return [`${first - 1} 年及以前`, ...gaps.map((y) => `${y} 年`), `${last + 1} 年及以后`].join('、');
}

/** `duban calendar …`: checking dates by hand and loading holiday notices. */
/** After an import: running obligations recompute provisional deadlines (and tell their units through their log). */
async function notifyRunningObligations(year: number, version: number, json?: boolean): Promise<string | null> {
  try {
    const { jobId } = await withTemporal((temporal) => notifyCalendarChange(temporal.client, { year, version }));
    if (!json) console.log(`已通知运行中的督办流程重新计算暂定期限（批量任务 ${jobId}）。`);
    return jobId;
  } catch (err) {
    // The import itself succeeded and stands; only the notice is owed, and it can be sent later.
    console.error(`注意：日历已导入，但未能通知运行中的督办流程（${(err as Error).message}）。系统启动后请运行 duban calendar notify ${year}。`);
    return null;
  }
}

export function registerCalendarCommands(calendar: Command): void {
  calendar
    .command('deadline')
    .description('计算期限：自某日起若干工作日，或若干日（起算日不计入，期满日遇休息日顺延至下一个工作日）')
    .requiredOption('--from <date>', '起算日（事件发生之日），YYYY-MM-DD')
    .option('--working-days <n>', '工作日数')
    .option('--days <n>', '日数（自然日，按程序法计算）')
    .option('--json', '以 JSON 输出：{ "due": "...", "provisional": true|false }')
    .action(async (opts: { from: string; workingDays?: string; days?: string; json?: boolean }) => {
      const from = date(opts.from, '--from');
      const working = count(opts.workingDays, '--working-days');
      const days = count(opts.days, '--days');
      if ((working === undefined) === (days === undefined)) {
        throw new UserFacingError('请给出 --working-days 或 --days 其中之一');
      }
      const cal = await store().loadCalendar();
      const result = inRange(() => (working !== undefined ? cal.addWorkingDays(from, working) : cal.addCalendarDays(from, days!)));
      if (opts.json) {
        console.log(`{ "due": ${JSON.stringify(result.date)}, "provisional": ${result.provisional} }`);
      } else {
        console.log(result.provisional ? `${result.date} ${provisionalMark(cal, from, result.date)}` : result.date);
      }
      if (result.provisional) provisionalHint(cal, from, result.date);
    });

  calendar
    .command('is-workday')
    .description('某日是否工作日，以及原因（调休上班 / 节假日 / 周末）')
    .argument('<date>', '日期，YYYY-MM-DD')
    .option('--json', '以 JSON 输出')
    .action(async (value: string, opts: { json?: boolean }) => {
      const day = date(value, '日期');
      const cal = await store().loadCalendar();
      const info = inRange(() => cal.dayInfo(day));
      const reason = REASONS[info.reason];
      if (opts.json) {
        const out = { date: info.date, workday: info.workday, reason, ...(info.holiday ? { holiday: info.holiday } : {}), provisional: info.provisional };
        console.log(JSON.stringify(out));
        return;
      }
      const why =
        info.reason === 'workday' ? '' : `（${reason}${info.reason !== 'weekend' && info.holiday ? `，${info.holiday}` : ''}）`;
      const line = `${info.date} ${WEEKDAYS[info.weekday]}：${info.workday ? '工作日' : '休息日'}${why}`;
      console.log(info.provisional ? `${line} ${provisionalMark(cal, day, day)}` : line);
      if (info.provisional) provisionalHint(cal, day, day);
    });

  calendar
    .command('import')
    .description('导入一年的节假日安排（JSON 或 YAML 文件）；有错误时不导入任何内容')
    .argument('<file>', '节假日安排文件')
    .option('--json', '输出 {"year","version","unchanged","previousVersion","jobId"}（jobId：通知运行中流程的批量任务，未能通知时为 null）')
    .action(async (file: string, opts: { json?: boolean }) => {
      try {
        const result = await store().importYearFile(file);
        const y = result.year;
        if (opts.json) {
          const jobId = result.unchanged ? null : await notifyRunningObligations(y.year, y.version, true);
          console.log(JSON.stringify({ year: y.year, version: y.version, unchanged: result.unchanged, previousVersion: result.previous?.version ?? null, jobId }));
          return;
        }
        if (result.unchanged) {
          console.log(`${y.year} 年节假日安排与现有数据（第 ${y.version} 版）相同，未作更改。`);
          return;
        }
        console.log(
          `已导入 ${y.year} 年节假日安排（第 ${y.version} 版）：${noticeText(y)}；节假日 ${y.holidays.length} 天，调休上班 ${y.workdays.length} 天。`,
        );
        if (result.previous) console.log(`此前使用的是第 ${result.previous.version} 版（${sourceText(result.previous)}），已保留备查。`);
        await notifyRunningObligations(y.year, y.version);
      } catch (err) {
        if (err instanceof CalendarFileError) throw new UserFacingError(err.message, 2);
        throw err;
      }
    });

  calendar
    .command('notify')
    .description('通知运行中的督办流程：某年的节假日安排已更新，重新计算暂定期限')
    .argument('<year>', '年份')
    .option('--json', '输出 {"year","version","jobId"}')
    .action(async (year: string, opts: { json?: boolean }) => {
      const y = Number(year);
      if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new UserFacingError(`年份应为 2000–2100 之间的整数，收到“${year}”`);
      const version = (await store().summary()).find((s) => s.year === y)?.current.version ?? 0;
      const jobId = await notifyRunningObligations(y, version, opts.json);
      if (opts.json) console.log(JSON.stringify({ year: y, version, jobId }));
      if (jobId === null) process.exitCode = 1;
    });

  calendar
    .command('years')
    .description('列出已有节假日安排的年份、来源与版本，以及暂定的年份')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      const summary = await store().summary();
      const covered = summary.map((s) => s.year);
      if (opts.json) {
        const years = summary.map(({ year, current, earlier }) => ({
          year,
          source: current.source,
          version: current.version,
          notice: current.notice,
          earlierVersions: earlier.map((e) => e.version),
        }));
        console.log(JSON.stringify({ years, provisional: provisionalYearsText(covered) }, null, 2));
        return;
      }
      console.log('年份  版本  来源  通知');
      for (const { year, current, earlier } of summary) {
        const history = earlier.length ? `；早先版本 ${earlier.map((e) => `第 ${e.version} 版`).join('、')}` : '';
        console.log(`${year}  第 ${current.version} 版  ${sourceText(current)}${history}  ${noticeText(current)}`);
      }
      console.log(`暂定（未载入节假日安排，仅按周末计算）：${provisionalYearsText(covered)}`);
    });
}
