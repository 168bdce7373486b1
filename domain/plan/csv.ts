/**
 * CSV as offices save it (UTF-8, with or without BOM), parsed by csv-parse;
 * its refusals said in Chinese on their line, for the clerk who saved the
 * file (the library's messages are English).
 */
import { parse, type Options } from 'csv-parse/sync';
import { issue, PlanReadError } from './issues';

/** What csv-parse's error codes mean; codes not listed get the general advice. */
const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '有未闭合的双引号：单元格里的双引号须成对，或写成两个双引号（""）',
  CSV_INVALID_CLOSING_QUOTE: '双引号后紧跟了其他字符：单元格里的双引号须写成两个双引号（""）',
  INVALID_OPENING_QUOTE: '单元格中间出现了双引号：请把整个单元格用双引号括起，里面的双引号写成两个（""）',
  CSV_RECORD_INCONSISTENT_COLUMNS: '这一行的列数与表头不同：请检查是否多了或少了逗号',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: '这一行的列数与表头不同：请检查是否多了或少了逗号',
  CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH: '这一行的列数与表头不同：请检查是否多了或少了逗号',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '双引号后紧跟了其他字符：单元格里的双引号须写成两个双引号（""）',
};
const CSV_ERROR_OTHERWISE = '请用 Excel 或 WPS 打开后另存为“CSV UTF-8（逗号分隔）”再上传';

/** Parses `text`, or refuses with one issue naming the file, the line where the library stopped, and what is wrong. */
export function parseCsvFile<T>(text: string, options: Options, file: string): T {
  try {
    return parse(text, options) as T;
  } catch (err) {
    const { code, lines } = err as { code?: string; lines?: unknown };
    const line = typeof lines === 'number' ? lines : undefined;
    throw new PlanReadError(
      [issue('csv.malformed', 'error', { file, ...(line ? { line } : {}) }, `CSV 文件格式有误：${(code && CSV_ERRORS[code]) ?? CSV_ERROR_OTHERWISE}`)],
      { cause: err },
    );
  }
}
