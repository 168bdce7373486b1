/**
 * `duban event …`: an admin records that something happened, and the
 * statutory duty it starts runs from then on. A policy issued starts the
 * 10-working-day feedback disclosure, a comment solicitation closed starts
 * the 7-day publication of its results. The workflow id is the event's
 * business key (unit, date, title), so recording the same event twice finds
 * the running duty instead of starting a second.
 */
import type { Command } from 'commander';
import { startObligation, startRequest } from '../../contracts/start';
import { CalendarRangeError, FIRST_YEAR, isIsoDate, shanghaiDate, yearOf, type Calendar } from '../../domain/calendar';
import { requestReplyDeadlines, statutoryDeadline, statutoryDuties } from '../../domain/deadlines';
import { eventIds, eventObligation, type EventDuty } from '../../domain/event-duties';
import { unitContact } from '../../domain/obligations';
import type { Unit } from '../../domain/plan/units';
import type { RequestReplyInput } from '../../domain/request-reply';
import { loadDirectory, resolveOneUnit } from '../directory';
import { UserFacingError } from '../errors';
import { cliStore } from '../store';
import { withTemporal } from '../temporal';
import { withDelivery } from '../delivery';

export interface EventFlags {
  unit: string;
  title: string;
  date: string;
  units?: string;
  json?: boolean;
}

/** What every event names, checked before anything starts: the unit in the directory, a title, a past or present date. */
export async function checkEvent(flags: EventFlags): Promise<{ unit: Unit; title: string; date: string; calendar: Calendar }> {
  const title = flags.title.trim();
  if (!title) throw new UserFacingError('--title 不能为空：请写文件或事项的标题。');
  const date = flags.date.trim();
  if (!isIsoDate(date)) throw new UserFacingError(`--date 应为有效日期（YYYY-MM-DD），收到“${flags.date}”。`);
  const today = shanghaiDate(Date.now());
  if (date > today) throw new UserFacingError(`--date ${date} 晚于今天（${today}）：只能登记已经发生的事项。`);
  if (yearOf(date) < FIRST_YEAR) throw new UserFacingError(`--date ${date} 早于 ${FIRST_YEAR} 年，超出日历范围。`);
  const unit = resolveOneUnit(await loadDirectory(flags.units), flags.unit);
  return { unit, title, date, calendar: await cliStore().calendar.loadCalendar() };
}

/** Prints the outcome of a start, `{ workflowId, due, started }` with --json. */
export function printStarted(out: { workflowId: string; due: string; provisional: boolean; started: boolean }, what: string, json?: boolean): void {
  if (json) {
    console.log(JSON.stringify({ workflowId: out.workflowId, due: out.due, started: out.started }));
    return;
  }
  const due = `截止 ${out.due}${out.provisional ? '（暂定：当年节假日安排尚未发布）' : ''}`;
  console.log(out.started ? `已启动督办：${what}，${due}。编号 ${out.workflowId}` : `已在运行，未重复启动：${what}，${due}。编号 ${out.workflowId}`);
}

/** A due day for the message; a date the calendar cannot count from is the admin's input error. */
function dueOf<T>(date: string, count: () => T): T {
  try {
    return count();
  } catch (err) {
    if (err instanceof CalendarRangeError) throw new UserFacingError(`--date ${date} 超出可计算范围。`);
    throw err;
  }
}

async function startEventDuty(duty: EventDuty, flags: EventFlags): Promise<void> {
  const { unit, title, date, calendar } = await checkEvent(flags);
  const spec = withDelivery(eventObligation(duty, unitContact(unit), title, date));
  const due = dueOf(date, () => statutoryDeadline(calendar, duty, { planYear: spec.planYear, eventDate: date }).dues[0]!);
  const started = await withTemporal((temporal) => startObligation(temporal.client, temporal.taskQueue, spec));
  printStarted({ workflowId: spec.obligationId, due: due.date, provisional: due.provisional, started }, `${spec.title}（${unit.name}）`, flags.json);
}

/** A request received starts its own workflow (requestReply), keyed by unit, day, title and applicant. */
async function receiveRequest(flags: EventFlags & { applicant?: string }): Promise<void> {
  const { unit, title, date, calendar } = await checkEvent(flags);
  const applicant = flags.applicant?.trim() || undefined;
  const input: RequestReplyInput = {
    requestId: eventIds.request(unit.id, date, title, applicant),
    title,
    ...(applicant ? { applicant } : {}),
    receivedOn: date,
    unit: unitContact(unit),
    ...withDelivery({}),
  };
  const due = dueOf(date, () => requestReplyDeadlines(calendar, { receivedOn: date }).replyDue);
  const started = await withTemporal((temporal) => startRequest(temporal.client, temporal.taskQueue, input));
  printStarted({ workflowId: input.requestId, due: due.date, provisional: due.provisional, started }, `依申请公开答复：${title}（${unit.name}）`, flags.json);
}

function eventCommand(group: Command, name: string, description: string, dateMeaning: string): Command {
  return group
    .command(name)
    .description(description)
    .requiredOption('--unit <unit>', '责任单位（编号、全称或简称）')
    .requiredOption('--title <title>', '标题')
    .requiredOption('--date <date>', `${dateMeaning}（YYYY-MM-DD）`)
    .option('--units <file>', '单位名录（默认：上次 plan start 使用的名录）')
    .option('--json', '输出 {"workflowId","due","started"}');
}

export function registerEventCommands(event: Command): void {  eventCommand(event, 'policy-issued', `政策文件出台：${statutoryDuties.feedbackDisclosure.basis}`, '出台日期').action((flags: EventFlags) =>
    startEventDuty('feedbackDisclosure', flags),
  );
  eventCommand(event, 'comment-closed', `意见征集结束：${statutoryDuties.commentPublication.basis}`, '征集结束日期').action((flags: EventFlags) =>
    startEventDuty('commentPublication', flags),
  );
  eventCommand(event, 'request-received', `收到政府信息公开申请：${statutoryDuties.requestReply.basis}；补正、征求意见、延期和答复用 duban request 登记`, '收到申请日期')
    .option('--applicant <name>', '申请人')
    .action((flags: EventFlags & { applicant?: string }) => receiveRequest(flags));
}
