/**
 * 任务分解表 as rows: the columns offices use (序号, 工作任务, 牵头单位,
 * 责任单位, 配合单位, 具体要求, 完成时限), whatever their order. XLSX (through
 * the client's adapter), CSV and the two table-shaped text documents (seeds
 * 003, 004) all end here.
 *
 * An empty cell repeats the cell above, as a merged cell does in Word or WPS.
 * When that happens on a row that starts a new 工作任务, the reader says so: a
 * merged cell rarely crosses a task group, so a human should confirm it.
 *
 * Cell text is data, never code: a cell that looks like a formula
 * (`=HYPERLINK(...)`) is kept as text and flagged.
 */
import { parseCsvFile } from './csv';
import type { ReadOptions, ReadResult } from './draft';
import { assemblePlan } from './draft';
import type { PlanIssue } from './issues';
import { issue, PlanReadError } from './issues';
import type { Place, Task } from './model';
import { looksLikeFormula } from './model';
import type { Line } from './text-common';
import { chineseNumeral, HEADING1, HEADING2, readMeta } from './text-common';
import type { TaskContext } from './task-build';
import { buildTask } from './task-build';
import { mergeRoles, splitUnitCell } from './unit-names';

export type Column = 'number' | 'task' | 'lead' | 'responsible' | 'cooperating' | 'requirement' | 'deadline';

const HEADER_NAMES: Array<[Column, RegExp]> = [
  ['number', /^(序号|编号|序)$/],
  ['task', /^(工作任务|重点任务|主要任务|任务|工作内容|任务内容|任务名称|具体职责)$/],
  ['lead', /^(牵头单位|牵头部门|牵头)$/],
  ['responsible', /^(责任单位|责任部门|责任主体|承办单位|责任科室|责任处室)$/],
  ['cooperating', /^(配合单位|配合部门|协办单位|配合)$/],
  ['requirement', /^(具体要求|工作要求|任务要求|具体措施|工作措施|具体任务|内容标准)$/],
  ['deadline', /^(完成时限|时限|完成时间|时间要求|完成期限|时限要求|公开时限)$/],
];

export { columnOf };

export const EXPECTED_COLUMNS = '序号、工作任务、牵头单位、责任单位、配合单位、具体要求、完成时限';

function columnOf(cell: string): Column | undefined {
  const t = cell.replace(/\s+/g, '');
  return HEADER_NAMES.find(([, re]) => re.test(t))?.[0];
}

/** The columns a header row names, or null when it is not a 任务分解表 header. */
export function headerColumns(cells: string[]): Array<Column | undefined> | null {
  const cols = cells.map(columnOf);
  const has = (c: Column) => cols.includes(c);
  const units = has('lead') || has('responsible') || has('cooperating');
  return (has('task') || has('requirement')) && units ? cols : null;
}

export interface TableRow {
  cells: Partial<Record<Column, string>>;
  place: Place;
}

const INHERITED: Column[] = ['lead', 'responsible', 'cooperating', 'deadline'];
const UNIT_COLUMN_NAMES: Record<string, string> = { lead: '牵头单位', responsible: '责任单位', cooperating: '配合单位', deadline: '完成时限' };

/** Keys of the row cells that hold a formula-looking string: flagged, never evaluated. */
function flagFormulas(row: TableRow, file: string, warnings: PlanIssue[]): void {
  for (const [col, value] of Object.entries(row.cells)) {
    if (value && looksLikeFormula(value)) {
      warnings.push(issue('cell.formula', 'warning', { file, ...row.place, field: col }, `单元格内容像公式（${value.slice(0, 40)}），不计算，按文字保留，请改为实际内容`));
    }
  }
}

export function tasksFromRows(rows: TableRow[], ctx: TaskContext, hasDeadlineColumn: boolean, warnings: PlanIssue[]): Task[] {
  const tasks: Task[] = [];
  let level1: string | undefined;
  let category: string | undefined;
  let group = 0;
  let inGroup = 0;
  let above: Partial<Record<Column, string>> = {};
  for (const row of rows) {
    const cells = Object.fromEntries(Object.entries(row.cells).map(([k, v]) => [k, (v ?? '').trim()])) as Partial<Record<Column, string>>;
    const filled = Object.values(cells).filter((v) => v !== '');
    if (filled.length === 0) continue;
    if (filled.length === 1 && HEADING1.test(filled[0]!)) {
      level1 = filled[0]!;
      above = {};
      category = undefined;
      continue;
    }
    if (filled.every((v) => columnOf(v) !== undefined)) continue; // a header repeated on a new page
    if (!cells.task && !cells.requirement && !category) {
      warnings.push(issue('table.noContent', 'warning', { file: ctx.file, ...row.place }, '此行没有工作任务和具体要求，已跳过'));
      continue;
    }
    flagFormulas(row, ctx.file, warnings);
    const newCategory = !!cells.task && cells.task !== category;
    if (newCategory) {
      category = cells.task;
      const h2 = HEADING2.exec(category!);
      group = h2 ? chineseNumeral(h2[1]!) : group + 1;
      inGroup = 0;
    }
    for (const col of INHERITED) {
      if (cells[col] || !above[col]) continue;
      cells[col] = above[col];
      if (newCategory) {
        warnings.push(
          issue('cell.inherited', 'warning', { file: ctx.file, ...row.place, field: col }, `${UNIT_COLUMN_NAMES[col]}为空，沿用上一行的“${above[col]!.replace(/\n/g, '、')}”，请核对`),
        );
      }
    }
    above = { ...cells };
    inGroup += 1;
    const number = cells.number?.replace(/\s/g, '');
    const numbered = number !== undefined && /^\d{1,4}$/.test(number);
    const roles = mergeRoles(
      mergeRoles(splitUnitCell(cells.lead ?? '', 'lead'), splitUnitCell(cells.responsible ?? '', 'responsible')),
      splitUnitCell(cells.cooperating ?? '', 'cooperating'),
    );
    const content = category ?? cells.requirement ?? '';
    tasks.push(
      buildTask(
        {
          id: numbered ? number : `${group}.${inGroup}`,
          ...(numbered ? { label: number } : {}),
          section: [level1, category && HEADING2.test(category) ? category : undefined].filter((x): x is string => !!x),
          content: content || (cells.requirement ?? ''),
          ...(cells.requirement && cells.requirement !== content ? { requirement: cells.requirement } : {}),
          roles,
          ...(hasDeadlineColumn ? { deadlineCell: cells.deadline ?? '' } : {}),
          source: row.place,
        },
        ctx,
        warnings,
      ),
    );
  }
  return tasks;
}

/**
 * The tasks of a grid that holds a 任务分解表 header in its first 30 rows, and
 * the rows above the header as lines (title, year). Throws when there is no header.
 */
export function tableFromGrid(grid: string[][], file: string, warnings: PlanIssue[], rowNumbers?: number[]): { tasks: Task[]; above: Line[] } {
  const headerAt = grid.slice(0, 30).findIndex((cells) => headerColumns(cells) !== null);
  if (headerAt < 0) {
    throw new PlanReadError([issue('table.noHeader', 'error', { file }, `没有找到任务分解表的表头。表头应包含：${EXPECTED_COLUMNS}（至少要有工作任务或具体要求，以及一个单位列）`)]);
  }
  const cols = headerColumns(grid[headerAt]!)!;
  const rowNo = (i: number) => rowNumbers?.[i] ?? i + 1;
  const rows: TableRow[] = grid.slice(headerAt + 1).map((cells, k) => {
    const i = headerAt + 1 + k;
    const row: TableRow = { cells: {}, place: { row: rowNo(i) } };
    cols.forEach((col, j) => {
      if (col && cells[j] !== undefined) row.cells[col] = cells[j];
    });
    return row;
  });
  const above: Line[] = grid.slice(0, headerAt).map((cells, i) => ({ no: rowNo(i), text: cells.filter(Boolean).join(' ') }));
  if (!cols.includes('deadline')) {
    warnings.push(issue('table.noDeadlineColumn', 'warning', { file, row: rowNo(headerAt) }, '表头没有“完成时限”列，时限从任务文字中识别'));
  }
  return { tasks: tasksFromRows(rows, { file }, cols.includes('deadline'), warnings), above };
}

/** Rows of cells (a sheet, a CSV) → a plan. Rows above the header give the title and year. */
export function readGrid(grid: string[][], opts: ReadOptions, rowNumbers?: number[]): ReadResult {
  const warnings: PlanIssue[] = [];
  const { tasks, above } = tableFromGrid(grid, opts.file, warnings, rowNumbers);
  return assemblePlan(readMeta(above), tasks, [], opts, warnings);
}

/** A CSV 任务分解表 (UTF-8, with or without BOM, as WPS and Excel save it). */
export function readCsv(text: string, opts: ReadOptions): ReadResult {
  const grid = parseCsvFile<string[][]>(text, { bom: true, relax_column_count: true, relax_quotes: true }, opts.file);
  return readGrid(grid, opts);
}
