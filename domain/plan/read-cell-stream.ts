/**
 * A table flattened one cell per line (a web page's table copied as text):
 * cells separated by `|` lines or by blank lines, the header's names first,
 * then the rows with nothing marking where one ends.
 *
 * Rows are found by the numbering grammar, not by counting: the 序号 cells
 * run 1, 2, 3…; after a number come the header's columns that follow 序号
 * (requirement, units, deadline…); cells left over before the next number are
 * the next row's leading columns (工作任务 written before its 序号), and when
 * they are missing the row continues the merged cell above. Cells beyond a
 * row's columns are reported, never silently dropped.
 */
import type { PlanIssue } from './issues';
import { issue } from './issues';
import type { Task } from './model';
import type { Column, TableRow } from './read-table';
import { columnOf, tasksFromRows } from './read-table';
import type { TaskContext } from './task-build';
import type { Line } from './text-common';

interface Cell {
  text: string;
  line: number;
}

/** Cells split on `|` lines when the text has them, else on blank lines. */
function cellsOf(lines: Line[]): Cell[] {
  const pipes = lines.filter((l) => l.text.trim() === '|').length;
  const cells: Cell[] = [];
  let current: Cell | undefined;
  for (const { no, text } of lines) {
    const t = text.trim();
    const separator = pipes >= 3 ? t === '|' : t === '';
    if (separator) {
      current = undefined;
      continue;
    }
    if (t === '') continue;
    if (current) current.text += t;
    else {
      current = { text: t, line: no };
      cells.push(current);
    }
  }
  return cells;
}

const HEADER_CELL = /^[\u4e00-\u9fff]{2,6}$/;

/** The header: a run of short cells naming columns, with a deadline column and a task or requirement one. */
function findHeader(cells: Cell[]): { at: number; cols: Array<Column | undefined> } | undefined {
  for (let i = 0; i < Math.min(cells.length, 60); i++) {
    const cols: Array<Column | undefined> = [];
    let j = i;
    while (j < cells.length && HEADER_CELL.test(cells[j]!.text) && (cols.length > 0 || columnOf(cells[j]!.text))) {
      cols.push(columnOf(cells[j]!.text));
      j++;
    }
    const has = (c: Column) => cols.includes(c);
    if (cols.length >= 3 && has('deadline') && (has('task') || has('requirement'))) return { at: i, cols };
  }
  return undefined;
}

export function looksLikeCellStream(lines: Line[]): boolean {
  return findHeader(cellsOf(lines)) !== undefined;
}

/**
 * The cells after a 序号 for the columns that follow it. The deadline cell is
 * found by its grammar, so a row with a cell split in two or one missing
 * before it still puts the deadline (and what follows) in its column.
 */
function alignOnDeadline(segment: Cell[], trailing: Array<Column | undefined>, no: number, file: string, warnings: PlanIssue[]): { cells: string[]; consumed: number } {
  const expected = trailing.indexOf('deadline');
  const plain = { cells: segment.slice(0, trailing.length).map((c) => c.text), consumed: Math.min(segment.length, trailing.length) };
  if (expected < 0) return plain;
  const found = segment.slice(0, trailing.length + 2).findIndex((c) => DEADLINE_LIKE.test(c.text));
  if (found < 0 || found === expected) return plain;
  const before = segment.slice(0, found).map((c) => c.text);
  // Extra cells before the deadline are joined onto the last column before it; missing ones stay empty.
  const pre = before.length > expected ? [...before.slice(0, expected - 1), before.slice(expected - 1).join('；')] : before;
  while (pre.length < expected) pre.push('');
  const postCount = trailing.length - expected - 1;
  const post = segment.slice(found + 1, found + 1 + postCount).map((c) => c.text);
  warnings.push(
    issue('table.shape', 'warning', { file, line: segment[0]!.line }, `序号 ${no}：完成时限前有 ${found} 个单元格，表头为 ${expected} 列，已按完成时限对齐，请核对各列`),
  );
  return { cells: [...pre, segment[found]!.text, ...post], consumed: Math.min(segment.length, found + 1 + postCount) };
}

const DEADLINE_LIKE = /^(\d{1,2}\s*月\s*(底|末|\d{1,2}\s*日)\s*前?|\d{4}\s*年.{0,8}前|年底前|长期坚持|持续推进|长期|常态化|每季度|按季度|\d{1,3}\s*个?\s*工作日内\S{0,4}|\d{1,3}\s*[日天]内\S{0,4})$/;

export function readCellStream(lines: Line[], ctx: TaskContext, warnings: PlanIssue[]): Task[] {
  const cells = cellsOf(lines);
  const { at, cols } = findHeader(cells)!;
  const body = cells.slice(at + cols.length);
  // The 序号 cells: 1, 2, 3… in order.
  const numbers: number[] = [];
  for (const [i, c] of body.entries()) if (c.text === String(numbers.length + 1)) numbers.push(i);
  const numberAt = cols.indexOf('number');
  const leading = numberAt >= 0 ? cols.slice(0, numberAt) : cols.slice(0, Math.min(numbers[0] ?? 0, cols.length));
  const trailing = numberAt >= 0 ? cols.slice(numberAt + 1) : cols.slice(leading.length);
  const rows: TableRow[] = [];
  let lead: Cell[] = body.slice(0, numbers[0] ?? 0).slice(-leading.length || body.length);
  if (leading.length === 0) lead = [];
  numbers.forEach((start, k) => {
    const end = numbers[k + 1] ?? body.length;
    const segment = body.slice(start + 1, end);
    const own = alignOnDeadline(segment, trailing, k + 1, ctx.file, warnings);
    const rest = segment.slice(own.consumed);
    const last = k === numbers.length - 1;
    // Leftovers before the next number are its leading cells; more than those are spill.
    const nextLead = last || leading.length === 0 ? [] : rest.slice(-leading.length);
    const spill = rest.slice(0, rest.length - nextLead.length);
    const row: TableRow = { cells: { number: String(k + 1) }, place: { line: body[start]!.line } };
    leading.forEach((col, j) => {
      const c = lead[lead.length - leading.length + j];
      if (col && c) row.cells[col] = c.text;
    });
    trailing.forEach((col, j) => {
      if (col && own.cells[j]) row.cells[col] = own.cells[j];
    });
    if (spill.length > 0) {
      warnings.push(
        issue('table.shape', 'warning', { file: ctx.file, line: spill[0]!.line }, `序号 ${k + 1} 之后多出 ${spill.length} 个单元格（“${spill.map((c) => c.text.slice(0, 12)).join('”“')}”），未归入任何列，请核对`),
      );
    }
    rows.push(row);
    lead = nextLead;
  });
  return tasksFromRows(rows, ctx, cols.includes('deadline'), warnings);
}
