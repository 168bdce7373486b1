/**
 * The overdue list as files a clerk opens in Excel or WPS: CSV with a UTF-8
 * BOM (without it Excel reads Chinese as mojibake) and an XLSX workbook with
 * a header row, column widths and the cards coloured.
 *
 * Both are safe against formula injection (OWASP "CSV Injection"): a unit
 * name or task id from a directory or a plan may start with `=`, `+`, `-`,
 * `@` (or a tab or carriage return). In CSV such a cell is written with a
 * single quote in front (`'=HYPERLINK(…)`), which Excel and WPS show as text
 * and never evaluate; in XLSX every cell is written as a string cell (never
 * a formula), so it needs no prefix and keeps its exact text.
 */
import { stringify } from 'csv-stringify/sync';

export interface SheetColumn {
  header: string;
  /** Width in characters (a CJK character counts two). */
  width: number;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: Array<Array<string | number>>;
  /** Fill colour (ARGB) of a row, e.g. by its card. */
  fill?: (row: number) => string | undefined;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell text a spreadsheet would evaluate, made inert: `=1+1` → `'=1+1`. */
export function inertCell(value: string | number): string | number {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV with a UTF-8 BOM; every formula-looking cell prefixed with a single quote. */
export function csvBytes(sheet: Sheet): Buffer {
  const body = stringify([sheet.columns.map((c) => c.header), ...sheet.rows].map((r) => r.map(inertCell)), { bom: true });
  return Buffer.from(body, 'utf8');
}

/** An XLSX workbook of one sheet: bold, frozen header row; widths; rows filled as `fill` says; strings stay strings. */
export async function xlsxBytes(sheet: Sheet): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'duban';
  const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  sheet.rows.forEach((values, i) => {
    const row = ws.getRow(i + 2);
    // Assigned cell by cell as plain values: exceljs writes a string as a shared string, never as a formula.
    values.forEach((v, j) => (row.getCell(j + 1).value = v));
    const argb = sheet.fill?.(i);
    if (argb) row.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } }));
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
