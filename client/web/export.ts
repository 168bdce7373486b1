/**
 * The board as a file for the office's own spreadsheets: CSV with a BOM (so
 * Excel reads the Chinese as UTF-8) and XLSX. A cell that starts like a
 * formula is prefixed with an apostrophe in the CSV, never evaluated.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { cardLabel, ruleLabel } from '../../contracts/labels';
import type { OverdueRow } from '../../domain/standing';

const HEADER = ['任务', '单位', '规则', '截止日期', '逾期工作日', '暂定', '督办等级', '计划', '流程编号'];

function cells(r: OverdueRow): Array<string | number> {
  return [r.taskId ?? '', r.unit, ruleLabel(r.rule), r.due, r.workingDaysOverdue, r.provisional ? '暂定' : '', cardLabel(r.card), r.planId ?? '', r.workflowId];
}

const defuse = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function overdueCsv(rows: OverdueRow[]): string {
  return stringify([HEADER, ...rows.map((r) => cells(r).map(defuse))], { bom: true });
}

export async function overdueXlsx(rows: OverdueRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('超期督办');
  sheet.addRow(HEADER).font = { bold: true };
  for (const r of rows) sheet.addRow(cells(r));
  sheet.columns.forEach((c, i) => (c.width = [8, 24, 16, 12, 10, 6, 8, 16, 36][i]));
  return Buffer.from(await book.xlsx.writeBuffer());
}
