/**
 * A text document (a notice copied out of Word, WPS, a PDF or a web page) →
 * a draft plan and the list of everything the reader was unsure of.
 *
 * Which of the five seed shapes it is decides the reader:
 *   tab-indented table (003) → flattened PDF table (004) → numbered items
 *   (000 with units, 001 without) → unnumbered paragraphs (002).
 */
import type { ReadOptions, ReadResult } from './draft';
import { assemblePlan } from './draft';
import type { PlanIssue } from './issues';
import { issue, PlanReadError } from './issues';
import type { PlanDuty, Task } from './model';
import { readNumberedItems, readParagraphs } from './read-prose';
import { looksLikeFlatTable, looksLikeTabTable, readFlatTable, readTabTable } from './read-text-tables';
import { looksLikeCellStream, readCellStream } from './read-cell-stream';
import { statutoryDuties } from '../deadlines';
import { findPlanDuties } from './deadline-phrases';
import { YEAR_END } from './task-build';
import type { Line } from './text-common';
import { bodyStart, htmlToText, readMeta, textLines } from './text-common';

export type TextShape = 'tabTable' | 'flatTable' | 'cellStream' | 'numberedItems' | 'paragraphs';

const ITEM_LINE = /^\s*\d{1,3}\s*[.．]\s*\S/;

export function detectShape(lines: Line[]): TextShape {
  if (looksLikeTabTable(lines)) return 'tabTable';
  if (looksLikeFlatTable(lines)) return 'flatTable';
  if (looksLikeCellStream(lines)) return 'cellStream';
  if (lines.slice(bodyStart(lines)).some((l) => ITEM_LINE.test(l.text))) return 'numberedItems';
  return 'paragraphs';
}

/** Plan-level duties a table document states in its covering notice, before the table. */
function noticeDuties(lines: Line[]): PlanDuty[] {
  const text = lines.map((l) => l.text.trim()).join('');
  return findPlanDuties(text);
}

/**
 * The duties a covering notice sets for a table (a Word or PDF 任务分解表):
 * the breakdown submission with its period, or the statutory one assumed.
 */
export function noticeAndBreakdownDuties(lines: Line[], file: string, warnings: PlanIssue[]): PlanDuty[] {
  const duties = noticeDuties(lines);
  if (!duties.some((d) => d.duty === 'breakdownSubmission')) duties.push(...undatedBreakdown(lines, file, warnings));
  return duties;
}

export function readText(text: string, opts: ReadOptions): ReadResult {
  const file = opts.file;
  if (text.trim() === '') throw new PlanReadError([issue('file.empty', 'error', { file }, '文件是空的')]);
  if (/[\u0000-\u0008\u000E-\u001F\uFFFD]/.test(text.slice(0, 4096))) {
    throw new PlanReadError([issue('file.binary', 'error', { file }, '文件含有二进制内容或编码不是 UTF-8：请另存为 UTF-8 文本，或直接导入 .xlsx/.csv')]);
  }
  const lines = textLines(htmlToText(text));
  const meta = readMeta(lines);
  const warnings: PlanIssue[] = [];
  const shape = detectShape(lines);
  // A plan titled with its year ("2024年…工作要点") means year-end by an item without a date; a document
  // without one (an 意见 or a 方案 spanning years) does not: no deadline, and a warning says so.
  const annual = meta.year !== undefined;
  const ctx = { file, office: meta.office, defaultUnits: meta.addressees, ...(annual ? { defaultDeadline: YEAR_END } : {}), ...(opts.units ? { units: opts.units } : {}) };
  let tasks: Task[];
  let duties: PlanDuty[];
  switch (shape) {
    case 'tabTable':
      tasks = readTabTable(lines, { file }, warnings);
      duties = noticeDuties(lines);
      break;
    case 'flatTable':
      tasks = readFlatTable(lines, { file, ...(opts.units ? { units: opts.units } : {}) }, warnings);
      duties = noticeDuties(lines);
      break;
    case 'cellStream':
      tasks = readCellStream(lines, { file }, warnings);
      duties = noticeDuties(lines);
      break;
    case 'numberedItems':
      ({ tasks, duties } = readNumberedItems(lines, ctx, warnings));
      break;
    case 'paragraphs':
      ({ tasks, duties } = readParagraphs(lines, ctx, warnings));
      break;
  }
  if (!duties.some((d) => d.duty === 'breakdownSubmission')) duties.push(...undatedBreakdown(lines, file, warnings));
  return assemblePlan(meta, tasks, duties, opts, warnings);
}

const UNDATED_BREAKDOWN = /做好任务分解|形成本?单位工作台账|任务分解.{0,10}报送|工作台账.{0,10}报送/;

/**
 * A notice that asks every unit for its breakdown or 工作台账 without a period
 * (seed 004): the duty is the statutory one, 30 days from the plan's issue
 * (docs/domain.md), and the reader says it assumed the period.
 */
function undatedBreakdown(lines: Line[], file: string, warnings: PlanIssue[]): PlanDuty[] {
  for (const [i, line] of lines.entries()) {
    // Phrases broken over two lines are common in PDF text: look at each line with the next.
    const m = UNDATED_BREAKDOWN.exec(line.text.trim() + (lines[i + 1]?.text.trim() ?? ''));
    if (!m || m.index >= line.text.trim().length) continue;
    const { rule, title } = statutoryDuties.breakdownSubmission;
    warnings.push(
      issue('duty.periodAssumed', 'warning', { file, line: line.no }, `文中要求“${m[0]}”但未写报送期限，按${title}的法定期限（印发后${rule.kind === 'calendarDays' ? rule.days : ''}日内）计`),
    );
    return [{ duty: 'breakdownSubmission', rule, units: 'allNamed', text: m[0] }];
  }
  return [];
}
