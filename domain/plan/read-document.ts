/**
 * A Word or PDF document, once the client has taken it apart (paragraphs and
 * tables, merged cells already repeated into the cells they cover) → a plan.
 *
 * A table whose header names the 任务分解表 columns is read as one (with the
 * tables after it that continue it, as Word splits a table at a section
 * break); the paragraphs before it are the covering notice (title, issue date,
 * the breakdown duty). A document without such a table is running text and is
 * read as text is.
 */
import type { ReadOptions, ReadResult } from './draft';
import { assemblePlan } from './draft';
import type { PlanIssue } from './issues';
import { headerColumns, tableFromGrid } from './read-table';
import { noticeAndBreakdownDuties, readText } from './read-text';
import type { Line } from './text-common';
import { readMeta, textLines } from './text-common';

export type DocumentBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] };

export interface PlanDocument {
  blocks: DocumentBlock[];
}

function hasHeader(rows: string[][]): boolean {
  return rows.slice(0, 30).some((cells) => headerColumns(cells) !== null);
}

/** The document as plain lines: paragraphs, and each table row as its cells separated by two spaces. */
export function documentText(doc: PlanDocument): string {
  return doc.blocks
    .flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.rows.map((cells) => cells.map((c) => c.replace(/\n/g, '')).join('  '))))
    .join('\n');
}

export function readDocument(doc: PlanDocument, opts: ReadOptions): ReadResult {
  const first = doc.blocks.findIndex((b) => b.kind === 'table' && hasHeader(b.rows));
  if (first < 0) return readText(documentText(doc), opts);
  const head = doc.blocks[first] as { kind: 'table'; rows: string[][] };
  const width = Math.max(...head.rows.map((r) => r.length));
  const grid = [...head.rows];
  const notice: string[] = [];
  for (const b of doc.blocks.slice(0, first)) if (b.kind === 'paragraph') notice.push(b.text);
  for (const b of doc.blocks.slice(first + 1)) {
    // A table as wide as the first continues it; anything else (a signature, 抄送) is after it.
    if (b.kind === 'table' && Math.max(...b.rows.map((r) => r.length)) === width) grid.push(...b.rows);
    else if (b.kind === 'paragraph') notice.push(b.text);
  }
  const warnings: PlanIssue[] = [];
  const { tasks, above } = tableFromGrid(grid, opts.file, warnings);
  const lines: Line[] = textLines(notice.join('\n'));
  const meta = readMeta([...lines, ...above]);
  const duties = noticeAndBreakdownDuties(lines, opts.file, warnings);
  return assemblePlan(meta, tasks, duties, opts, warnings);
}
