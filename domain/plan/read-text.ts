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
import { findPlanDuties } from './deadline-phrases';
import { YEAR_END } from './task-build';
import type { Line } from './text-common';
import { bodyStart, readMeta, textLines } from './text-common';

export type TextShape = 'tabTable' | 'flatTable' | 'numberedItems' | 'paragraphs';

const ITEM_LINE = /^\s*\d{1,3}\s*[.．]\s*\S/;

export function detectShape(lines: Line[]): TextShape {
  if (looksLikeTabTable(lines)) return 'tabTable';
  if (looksLikeFlatTable(lines)) return 'flatTable';
  if (lines.slice(bodyStart(lines)).some((l) => ITEM_LINE.test(l.text))) return 'numberedItems';
  return 'paragraphs';
}

/** Plan-level duties a table document states in its covering notice, before the table. */
function noticeDuties(lines: Line[]): PlanDuty[] {
  const text = lines.map((l) => l.text.trim()).join('');
  return findPlanDuties(text);
}

export function readText(text: string, opts: ReadOptions): ReadResult {
  const file = opts.file;
  if (text.trim() === '') throw new PlanReadError([issue('file.empty', 'error', { file }, '文件是空的')]);
  if (/[\u0000-\u0008\u000E-\u001F\uFFFD]/.test(text.slice(0, 4096))) {
    throw new PlanReadError([issue('file.binary', 'error', { file }, '文件含有二进制内容或编码不是 UTF-8：请另存为 UTF-8 文本，或直接导入 .xlsx/.csv')]);
  }
  const lines = textLines(text);
  const meta = readMeta(lines);
  const warnings: PlanIssue[] = [];
  const shape = detectShape(lines);
  const ctx = { file, office: meta.office, defaultUnits: meta.addressees, defaultDeadline: YEAR_END };
  let tasks: Task[];
  let duties: PlanDuty[];
  switch (shape) {
    case 'tabTable':
      tasks = readTabTable(lines, { file }, warnings);
      duties = noticeDuties(lines);
      break;
    case 'flatTable':
      tasks = readFlatTable(lines, { file }, warnings);
      duties = noticeDuties(lines);
      break;
    case 'numberedItems':
      ({ tasks, duties } = readNumberedItems(lines, ctx, warnings));
      break;
    case 'paragraphs':
      ({ tasks, duties } = readParagraphs(lines, ctx, warnings));
      break;
  }
  return assemblePlan(meta, tasks, duties, opts, warnings);
}
