/**
 * Files → the pure readers of domain/plan. Everything that touches bytes
 * lives here: the size limit, binary and encoding detection (WPS on Chinese
 * Windows still saves GB18030), and XLSX through exceljs. Cell values are
 * taken as data: a formula cell becomes its formula text, flagged by the
 * reader, never its computed result.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ReadOptions, ReadResult } from '../domain/plan/draft';
import { issue, PlanReadError } from '../domain/plan/issues';
import { MAX_PLAN_FILE_BYTES } from '../domain/plan/limits';
import type { Path } from '../domain/plan/yaml-source';
import { readCanonical } from '../domain/plan/read-canonical';
import { headerColumns, readCsv, readGrid } from '../domain/plan/read-table';
import { readText } from '../domain/plan/read-text';
import { readDocument } from '../domain/plan/read-document';
import { pdfDocument } from '../domain/plan/pdf-layout';
import { docxDocument, isOleFile, legacyWordError, pdfText } from './plan-documents';
import type { UnitIndex } from '../domain/plan/units';
import { readDirectoryCsv, readDirectoryYaml } from '../domain/plan/units';

/** A 任务分解表 is kilobytes; anything larger than this (domain/plan/limits) is a wrong file, refused before it is read. */
export { MAX_PLAN_FILE_BYTES };
/** Rows of one sheet: a plan has tens to thousands of tasks; a sheet with more is refused, never read in part. */
export const MAX_SHEET_ROWS = 100_000;

export type PlanFileFormat = 'canonical' | 'csv' | 'xlsx' | 'docx' | 'pdf' | 'legacyWord' | 'text';

const FORMAT_BY_EXTENSION: Record<string, PlanFileFormat> = {
  '.txt': 'text',
  '.docx': 'docx',
  '.pdf': 'pdf',
  '.xlsx': 'xlsx',
  '.csv': 'csv',
  '.yaml': 'canonical',
  '.yml': 'canonical',
  '.json': 'canonical',
  '.doc': 'legacyWord',
  '.wps': 'legacyWord',
};

/**
 * The extensions the readers know, as an upload form may take them: .doc and
 * .wps too, so that their advice (save as .docx) reaches whoever chose one.
 */
export const PLAN_FILE_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

/** By extension; any other name is read as text. */
export function formatOf(file: string): PlanFileFormat {
  return FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()] ?? 'text';
}

/** What the bytes say, over the name: a PDF or a .docx saved as .txt, a .doc renamed .docx. */
function sniff(bytes: Buffer, byName: PlanFileFormat): PlanFileFormat {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (isOleFile(bytes) && byName !== 'xlsx') return 'legacyWord';
  if (byName === 'text' && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes.includes('word/document.xml')) return 'docx';
  return byName;
}

export interface PlanFileResult extends ReadResult {
  format: PlanFileFormat;
  /** Line lookup for canonical files, so validation points into them. */
  locate?: (p: Path) => number | undefined;
}

function readBytes(filePath: string, name: string, limit = MAX_PLAN_FILE_BYTES): Buffer {
  let size: number;
  try {
    size = statSync(filePath).size;
  } catch {
    throw new PlanReadError([issue('file.notFound', 'error', { file: name }, `找不到文件 ${filePath}`)]);
  }
  if (size > limit) {
    throw new PlanReadError([
      issue('file.tooLarge', 'error', { file: name }, `文件有 ${(size / 1024 / 1024).toFixed(1)} MB，超过上限 ${limit / 1024 / 1024} MB：请确认选对了文件`),
    ]);
  }
  return readFileSync(filePath);
}

/**
 * UTF-16 as Windows Notepad saves "Unicode" text: by its byte-order mark, or
 * without one by the zero bytes its ASCII characters (digits, line breaks)
 * leave on one side of each pair. Undefined when the bytes are not UTF-16.
 */
function utf16Of(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = bytes.subarray(0, 8192 - (Math.min(bytes.length, 8192) % 2));
  if (head.length < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i += 2) {
    if (head[i] === 0) even += 1;
    if (head[i + 1] === 0) odd += 1;
  }
  const pairs = head.length / 2;
  // Chinese characters leave zeros too (一 is 00 4E, 开 00 5F in UTF-16LE), but one in 256, far fewer than ASCII's.
  if (odd >= pairs * 0.05 && odd > even * 2) return 'utf-16le';
  if (even >= pairs * 0.05 && even > odd * 2) return 'utf-16be';
  return undefined;
}

/**
 * Text as offices save it: UTF-8 (with or without BOM), UTF-16 (Notepad's
 * "Unicode"), else GB18030, which covers GBK and GB2312 (WPS on Chinese
 * Windows). NUL bytes or a ZIP/OLE signature mean it is not text; bytes that
 * are none of these are refused rather than read as garbled characters.
 */
export function decodeText(bytes: Buffer, name: string): string {
  if (bytes.length === 0) throw new PlanReadError([issue('file.empty', 'error', { file: name }, '文件是空的')]);
  const utf16 = utf16Of(bytes);
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(bytes);
      // Text has no control characters but line breaks and tabs; a binary file read as UTF-16 has them.
      if (!/[\0-\x08\x0e-\x1f]/.test(text)) return text;
    } catch {
      // Not well-formed UTF-16 after all: judged as bytes below.
    }
  }
  const head = bytes.subarray(0, 8192);
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  const ole = head[0] === 0xd0 && head[1] === 0xcf;
  if (zip || ole || head.includes(0)) {
    const hint = zip || ole ? '这像是 Word/Excel 文件：请保留原扩展名（.docx/.xlsx）导入；旧版 .doc/.xls 请先另存为 .docx/.xlsx' : '文件含有二进制内容，不是文本';
    throw new PlanReadError([issue('file.binary', 'error', { file: name }, hint)]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: GB18030 next.
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    throw new PlanReadError([
      issue('file.encoding', 'error', { file: name }, '无法识别文件的编码（不是 UTF-8、UTF-16 或 GBK/GB18030）：请在记事本或 WPS 中“另存为”，编码选 UTF-8 后再导入'),
    ]);
  }
}

/** A cell as the text a clerk sees; a formula is kept as its formula, never computed. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value && typeof value.formula === 'string') return `=${value.formula}`;
    if ('sharedFormula' in value && typeof value.sharedFormula === 'string') return `=${value.sharedFormula}`;
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return String(value.error);
  }
  return '';
}

/** What the parts of a workbook may add up to once unpacked: a real 任务分解表 is a few megabytes. */
export const MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * The unpacked size a ZIP's central directory declares, read before exceljs
 * inflates anything, so a small "zip bomb" is refused instead of filling
 * memory. Undefined when the directory cannot be read (exceljs then reports
 * the file as unreadable); ZIP64 sizes count as infinite.
 */
export function zipUnpackedSize(bytes: Buffer): number | undefined {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let eocd = bytes.length - 22; eocd >= min; eocd--) {
    if (bytes.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = bytes.readUInt16LE(eocd + 10);
    let at = bytes.readUInt32LE(eocd + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return undefined;
      const size = bytes.readUInt32LE(at + 24);
      total += size === 0xffffffff ? Infinity : size;
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    return total;
  }
  return undefined;
}

/** Refuses a ZIP (workbook, Word file) whose parts unpack to more than a plan can be: a "zip bomb". */
function checkUnpacked(bytes: Buffer, name: string, kind: 'Excel' | 'Word'): void {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked !== undefined && unpacked > MAX_XLSX_UNPACKED_BYTES) {
    const [code, what] = kind === 'Excel' ? ['xlsx.tooLarge', '任务分解表'] : ['docx.tooLarge', '工作要点或任务分解表'];
    throw new PlanReadError([issue(code, 'error', { file: name }, `${kind} 文件解压后超过 ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB，不像${what}：请确认选对了文件`)]);
  }
}

/** The first sheet with a 任务分解表 header, as rows of cell text with their sheet row numbers. */
export async function xlsxGrid(bytes: Buffer, name: string): Promise<{ grid: string[][]; rowNumbers: number[] }> {
  checkUnpacked(bytes, name, 'Excel');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    // exceljs says why in English ("Can't find end of central directory"): staff read what it means and what to do.
    throw new PlanReadError(
      [issue('xlsx.unreadable', 'error', { file: name }, '无法读取 Excel 文件：文件已损坏，或不是真正的 .xlsx 文件（如改了扩展名的其他文件）。请用 Excel 或 WPS 打开后重新“另存为” .xlsx 再导入')],
      { cause: err },
    );
  }
  let first: { grid: string[][]; rowNumbers: number[] } | undefined;
  for (const sheet of workbook.worksheets) {
    const grid: string[][] = [];
    const rowNumbers: number[] = [];
    if (sheet.actualRowCount > MAX_SHEET_ROWS) {
      throw new PlanReadError([
        issue('xlsx.tooManyRows', 'error', { file: name, field: sheet.name }, `工作表“${sheet.name}”有 ${sheet.actualRowCount} 行，超过上限 ${MAX_SHEET_ROWS} 行：请确认选对了文件，或删去无关的行`),
      ]);
    }
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
      grid.push(cells);
      rowNumbers.push(rowNumber);
    });
    first ??= { grid, rowNumbers };
    if (grid.slice(0, 30).some((cells) => headerColumns(cells) !== null)) return { grid, rowNumbers };
  }
  return first ?? { grid: [], rowNumbers: [] };
}

/** Reads a plan in any supported format; throws PlanReadError when it cannot be read at all. */
export async function readPlanFile(filePath: string, opts: Omit<ReadOptions, 'file'> = {}): Promise<PlanFileResult> {
  const file = path.basename(filePath);
  const bytes = readBytes(filePath, file);
  const format = sniff(bytes, formatOf(filePath));
  const options: ReadOptions = { ...opts, file };
  switch (format) {
    case 'legacyWord':
      throw legacyWordError(file);
    case 'docx':
      checkUnpacked(bytes, file, 'Word');
      return { ...readDocument(docxDocument(bytes, file), options), format };
    case 'pdf':
      return { ...readDocument(pdfDocument(await pdfText(bytes, file)), options), format };
    case 'xlsx': {
      const { grid, rowNumbers } = await xlsxGrid(bytes, file);
      return { ...readGrid(grid, options, rowNumbers), format };
    }
    case 'csv':
      return { ...readCsv(decodeText(bytes, file), options), format };
    case 'canonical':
      return { ...readCanonical(decodeText(bytes, file), options), format };
    case 'text':
      return { ...readText(decodeText(bytes, file), options), format };
  }
}

/** The unit directory, YAML or CSV by extension. */
export function readUnitsFile(filePath: string): UnitIndex {
  const file = path.basename(filePath);
  const text = decodeText(readBytes(filePath, file), file);
  return path.extname(filePath).toLowerCase() === '.csv' ? readDirectoryCsv(text, file) : readDirectoryYaml(text, file);
}
