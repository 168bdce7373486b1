/**
 * Tables that arrive as text:
 *
 * - tab-indented (seed 003, copied out of Word): every cell starts with a tab;
 *   a line without one continues the cell above; a row is the run of cells
 *   after a blank line; a one-cell row is a 一、 heading.
 * - a PDF table flattened to text (seed 004): 序号 alone or followed by the
 *   first cells, 工作任务 broken into short fragments ("（一）以", "公开助推"…),
 *   one unit per line (long names broken: "市人力资源和社会" / "保障局"),
 *   the 具体要求 over several lines, the 完成时限 last; header rows and page
 *   numbers (`- 12 -`) repeated on every page.
 *
 * Both produce rows for `tasksFromRows`, which handles merged cells.
 */
import type { PlanIssue } from './issues';
import { issue } from './issues';
import type { Task } from './model';
import type { Column, TableRow } from './read-table';
import { headerColumns, tasksFromRows } from './read-table';
import type { TaskContext } from './task-build';
import type { UnitDictionary } from './unit-names';
import type { Line } from './text-common';
import { HEADING1, HEADING2 } from './text-common';

interface Cell {
  text: string;
  line: number;
}

/** Finds seed 003's shape: the first tab-started run of cells that is a header row. */
export function looksLikeTabTable(lines: Line[]): boolean {
  return tabBlocks(lines).some((b) => headerColumns(b.map((c) => c.text)) !== null);
}

function tabBlocks(lines: Line[]): Cell[][] {
  const blocks: Cell[][] = [];
  let block: Cell[] | undefined;
  let blank = true;
  for (const { no, text } of lines) {
    if (text.startsWith('\t')) {
      if (blank || !block) {
        block = [];
        blocks.push(block);
      }
      block.push({ text: text.slice(1).trim(), line: no });
      blank = false;
    } else if (text.trim() === '') {
      blank = true;
    } else if (block && block.length > 0) {
      const last = block[block.length - 1]!;
      last.text += `\n${text.trim()}`;
      blank = false;
    }
  }
  return blocks;
}

export function readTabTable(lines: Line[], ctx: TaskContext, warnings: PlanIssue[]): Task[] {
  const blocks = tabBlocks(lines);
  const headerAt = blocks.findIndex((b) => headerColumns(b.map((c) => c.text)) !== null);
  const cols = headerColumns(blocks[headerAt]!.map((c) => c.text))!;
  const rows: TableRow[] = [];
  for (const block of blocks.slice(headerAt + 1)) {
    const line = block[0]!.line;
    if (block.length === 1) {
      rows.push({ cells: { task: block[0]!.text }, place: { line } });
      continue;
    }
    if (block.length !== cols.length) {
      warnings.push(issue('table.shape', 'warning', { file: ctx.file, line }, `此行有 ${block.length} 个单元格，表头有 ${cols.length} 列，请核对`));
    }
    const row: TableRow = { cells: {}, place: { line } };
    cols.forEach((col, j) => {
      if (col && block[j]) row.cells[col] = block[j].text;
    });
    rows.push(row);
  }
  return tasksFromRows(rows, ctx, cols.includes('deadline'), warnings);
}

const HEADER_LINE = /^序号\s+\S/;
const DEADLINE_CELL = /^(\d{1,2}\s*月\s*(?:底|末)\s*前?|\d{4}\s*年\s*年?底前?|年底前|长期坚持|持续推进|\d{1,2}\s*月\s*\d{1,2}\s*日\s*前|每季度|按季度)$/;
const TRAILING_DEADLINE = /\s+(\d{1,2}\s*月\s*(?:底|末)\s*前?|\d{4}\s*年\s*年?底前?|年底前|长期坚持|持续推进)$/;
// Not a bare 会: "市人力资源和社会" is a broken name, not a 委员会.
const UNIT_END = /(局|委|委员会|协会|商会|联合会|办公室|中心|部门|镇街|分局|政府|法院|检察院|人武部|街道|镇|办|处|所|队|公司|集团|院|部|牵头|配合)[，,、]?$/;
/** The tail of a unit name broken after its parent: "济宁市生态环境局" / "邹城市分局". */
const BRANCH_TAIL = /^[\u4e00-\u9fff]{1,4}[市县区]分局$/;

function unitLike(t: string, units?: UnitDictionary): boolean {
  if (units?.has(t)) return true;
  if (t.length > 24 || /[。“”"：:；;（(]/.test(t)) return false;
  return /^(市|各|区|县|镇|省|济宁|邹城)/.test(t) || UNIT_END.test(t);
}

export function looksLikeFlatTable(lines: Line[]): boolean {
  return lines.some((l) => HEADER_LINE.test(l.text.trim()) && headerColumns(l.text.trim().split(/\s+/)) !== null);
}

interface FlatRow {
  number: string;
  line: number;
  category: string[];
  units: string[];
  requirement: string[];
  deadline: string[];
  phase: 'category' | 'units' | 'requirement';
}

function feed(row: FlatRow, piece: string, units?: UnitDictionary): void {
  const t = piece.trim();
  if (!t) return;
  if (DEADLINE_CELL.test(t)) {
    row.deadline.push(t);
    return;
  }
  if (row.phase === 'category') {
    if (HEADING2.test(t) && row.category.length === 0) {
      row.category.push(t);
      return;
    }
    if (row.category.length > 0 && t.length <= 6 && !unitLike(t, units)) {
      row.category.push(t);
      return;
    }
    row.phase = 'units';
  }
  if (row.phase === 'units') {
    const last = row.units[row.units.length - 1];
    // A name the directory knows is whole: never the tail of the one before it.
    if (last !== undefined && !units?.has(t) && (BRANCH_TAIL.test(t) || (!UNIT_END.test(last) && !units?.has(last) && unitLike(t, units) && t.length <= 8))) {
      row.units[row.units.length - 1] = last + t;
      return;
    }
    if (unitLike(t, units)) {
      row.units.push(t);
      return;
    }
    row.phase = 'requirement';
  }
  row.requirement.push(t);
}

export function readFlatTable(lines: Line[], ctx: TaskContext, warnings: PlanIssue[]): Task[] {
  const start = lines.findIndex((l) => HEADER_LINE.test(l.text.trim()) && headerColumns(l.text.trim().split(/\s+/)) !== null);
  const cols = headerColumns(lines[start]!.text.trim().split(/\s+/))!;
  const unitColumn: Column = (['responsible', 'lead', 'cooperating'] as const).find((c) => cols.includes(c))!;
  const rows: TableRow[] = [];
  let row: FlatRow | undefined;
  const flush = () => {
    if (!row) return;
    if (row.deadline.length === 0) {
      warnings.push(issue('table.noDeadline', 'warning', { file: ctx.file, line: row.line, field: 'deadline' }, `序号 ${row.number}：未找到完成时限`));
    }
    rows.push({
      cells: {
        number: row.number,
        task: row.category.join(''),
        [unitColumn]: row.units.join('\n'),
        requirement: row.requirement.join(''),
        deadline: row.deadline.join(''),
      },
      place: { line: row.line },
    });
    row = undefined;
  };
  let expected = 1;
  for (const { no, text } of lines.slice(start + 1)) {
    const t = text.trim();
    if (t === '' || HEADER_LINE.test(t) || /^-\s*\d+\s*-$/.test(t)) continue;
    if (/^抄送[：:]/.test(t)) break;
    if (HEADING1.test(t)) {
      flush();
      rows.push({ cells: { task: t }, place: { line: no } });
      continue;
    }
    const start = /^(\d{1,3})(?:\s+(.*))?$/.exec(t);
    if (start && Number(start[1]) === expected) {
      flush();
      expected += 1;
      row = { number: start[1]!, line: no, category: [], units: [], requirement: [], deadline: [], phase: 'category' };
      for (const piece of (start[2] ?? '').split(/\s+/)) feed(row, piece, ctx.units);
      continue;
    }
    if (!row) {
      warnings.push(issue('text.unplaced', 'warning', { file: ctx.file, line: no }, `表格中此行无法归入任何任务：“${t.slice(0, 40)}”`));
      continue;
    }
    // Only the tail can hold the 完成时限; matching the whole of a long line would backtrack.
    const tail = t.slice(-24);
    const trailing = TRAILING_DEADLINE.exec(tail);
    const body = trailing ? t.slice(0, t.length - tail.length + trailing.index) : t;
    // Before the 具体要求 starts, spaces separate cells ("市政府办公室 持续提高…"); inside it they are text.
    if (row.phase === 'requirement') feed(row, body, ctx.units);
    else for (const piece of body.split(/\s+/)) feed(row, piece, ctx.units);
    if (trailing) row.deadline.push(trailing[1]!);
  }
  flush();
  return tasksFromRows(rows, ctx, true, warnings);
}
