/** The file adapter: sizes, encodings, binary files and real XLSX workbooks written with exceljs. */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, MAX_SHEET_ROWS, readPlanFile, readUnitsFile, zipUnpackedSize } from '../../client/plan-files';
import { PlanReadError } from '../../domain/plan/issues';

const dir = mkdtempSync(path.join(tmpdir(), 'duban-plan-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readError(f: () => Promise<unknown>): Promise<PlanReadError> {
  try {
    await f();
  } catch (err) {
    if (err instanceof PlanReadError) return err;
    throw err;
  }
  throw new Error('expected a PlanReadError');
}

/** A 任务分解表 as offices keep it: title row, header, a merged 牵头单位 cell, a formula someone pasted. */
async function writeWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本表由政务公开办编制']);
  const ws = wb.addWorksheet('任务分解表');
  ws.addRow(['2024年示例市政务公开工作要点任务分解表']);
  ws.addRow(['序号', '工作任务', '牵头单位', '责任单位', '具体要求', '完成时限']);
  ws.addRow([1, '（一）政策公开', '市政府办公室', '市司法局、市财政局', '规范发布政策文件', '12月底前']);
  ws.addRow([2, '', '', '各镇街', '做好政策解读', '6月底前']);
  ws.mergeCells('C3:C4');
  ws.addRow([3, '（二）平台建设', '市政府办公室', '市政府各部门', { text: '专区建设', hyperlink: 'http://x.test' }, '12月底前']);
  ws.addRow([4, '（二）平台建设', '市政府办公室', { formula: 'HYPERLINK("http://x.test","市民政局")', result: '市民政局' }, '公开救助标准', '12月底前']);
  ws.addRow([5, '（二）平台建设', '市政府办公室', '市民政局', '日期单元格', new Date(Date.UTC(2024, 8, 30))]);
  await wb.xlsx.writeFile(file);
}

describe('XLSX', () => {
  it('reads the sheet with the header, repeats merged cells, keeps formulas as text, reads date cells', async () => {
    const file = path.join(dir, '分解表.xlsx');
    await writeWorkbook(file);
    const { plan, warnings, format } = await readPlanFile(file, { issued: '2024-03-01' });
    expect(format).toBe('xlsx');
    expect({ title: plan.title, year: plan.year }).toEqual({ title: '2024年示例市政务公开工作要点任务分解表', year: 2024 });
    expect(plan.tasks.map((t) => [t.id, t.leadUnits, t.responsibleUnits, t.requirement, t.deadline])).toEqual([
      ['1', ['市政府办公室'], ['市司法局', '市财政局'], '规范发布政策文件', { kind: 'monthEnd', month: 12 }],
      ['2', ['市政府办公室'], ['各镇街'], '做好政策解读', { kind: 'monthEnd', month: 6 }],
      ['3', ['市政府办公室'], ['市政府各部门'], '专区建设', { kind: 'monthEnd', month: 12 }],
      ['4', ['市政府办公室'], ['=HYPERLINK("http://x.test","市民政局")'], '公开救助标准', { kind: 'monthEnd', month: 12 }],
      ['5', ['市政府办公室'], ['市民政局'], '日期单元格', { kind: 'monthEnd', month: 9, year: 2024 }],
    ]);
    expect(plan.tasks[1]!.source).toEqual({ file: '分解表.xlsx', row: 4 });
    expect(warnings.map((w) => [w.code, w.place.row, w.place.field])).toEqual([['cell.formula', 6, 'responsible']]);
  });

  it(`refuses a sheet of more than ${MAX_SHEET_ROWS} rows whole, never reading part of it`, async () => {
    const file = path.join(dir, 'rows.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const ws = wb.addWorksheet('任务分解表');
    ws.addRow(['序号', '工作任务', '责任单位', '完成时限']).commit();
    for (let i = 1; i <= MAX_SHEET_ROWS; i++) ws.addRow([i, '做好公开', '市司法局', '12月底前']).commit();
    await wb.commit();
    const err = await readError(() => readPlanFile(file));
    expect(err.issues).toEqual([
      {
        code: 'xlsx.tooManyRows',
        severity: 'error',
        place: { file: 'rows.xlsx', field: '任务分解表' },
        message: '工作表“任务分解表”有 100001 行，超过上限 100000 行：请确认选对了文件，或删去无关的行',
      },
    ]);
  }, 120_000);

  it('refuses a workbook that would unpack to gigabytes, before unpacking it', async () => {
    // A ZIP central directory with one entry declaring 4 GB: what a "zip bomb" looks like from outside.
    const entry = Buffer.alloc(46 + 5);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(0xfffffffe, 24);
    entry.writeUInt16LE(5, 28);
    entry.write('a.xml', 46);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(entry.length, 12);
    eocd.writeUInt32LE(0, 16);
    const file = path.join(dir, 'bomb.xlsx');
    writeFileSync(file, Buffer.concat([entry, eocd]));
    expect((await readError(() => readPlanFile(file))).issues).toEqual([
      { code: 'xlsx.tooLarge', severity: 'error', place: { file: 'bomb.xlsx' }, message: 'Excel 文件解压后超过 200 MB，不像任务分解表：请确认选对了文件' },
    ]);
    const real = path.join(dir, '分解表.xlsx');
    expect(zipUnpackedSize(readFileSync(real))).toBeGreaterThan(1000);
  });

  it('refuses a file that only pretends to be a workbook, saying in Chinese what is wrong; exceljs\'s English stays in the cause, for logs', async () => {
    const file = path.join(dir, 'fake.xlsx');
    writeFileSync(file, 'not a zip at all');
    const err = await readError(() => readPlanFile(file));
    expect(err.issues).toEqual([
      {
        code: 'xlsx.unreadable',
        severity: 'error',
        place: { file: 'fake.xlsx' },
        message: '无法读取 Excel 文件：文件已损坏，或不是真正的 .xlsx 文件（如改了扩展名的其他文件）。请用 Excel 或 WPS 打开后重新“另存为” .xlsx 再导入',
      },
    ]);
    expect((err.cause as Error).message).toMatch(/central directory/);
  });
});

describe('files that are not plans', () => {
  it('refuses a 50 MB file before reading it', async () => {
    const file = path.join(dir, 'huge.txt');
    writeFileSync(file, '');
    truncateSync(file, 50 * 1024 * 1024);
    const err = await readError(() => readPlanFile(file));
    expect(err.issues).toEqual([{ code: 'file.tooLarge', severity: 'error', place: { file: 'huge.txt' }, message: '文件有 50.0 MB，超过上限 20 MB：请确认选对了文件' }]);
  });

  it('refuses empty, missing and binary files, and unreadable Word documents with a hint', async () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect((await readError(() => readPlanFile(empty))).issues[0]!.code).toBe('file.empty');
    expect((await readError(() => readPlanFile(path.join(dir, 'nope.txt')))).issues[0]!.code).toBe('file.notFound');
    const bin = path.join(dir, 'a.txt');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    expect((await readError(() => readPlanFile(bin))).issues[0]!.message).toBe('文件含有二进制内容，不是文本');
    const docx = path.join(dir, '要点.docx');
    writeFileSync(docx, Buffer.from('PK\u0003\u0004rest'));
    const word = await readError(() => readPlanFile(docx));
    expect(word.issues[0]!.message).toBe('无法读取 Word 文件：文件已损坏，或不是真正的 .docx 文件（如改了扩展名的其他文件）。请用 Word 或 WPS 打开后重新“另存为” .docx 再导入');
    expect((word.cause as Error).message).toBe('invalid zip data');
    const pdf = path.join(dir, '要点.pdf');
    writeFileSync(pdf, '%PDF-1.4\nnot really a PDF\n%%EOF\n');
    expect((await readError(() => readPlanFile(pdf))).issues[0]!.message).toBe('无法读取 PDF 文件：文件已损坏，或不是真正的 PDF 文件。请重新下载或重新导出 PDF 后再导入，或改用 Word 版');
  });

  it('decodes GB18030 text saved by WPS on Chinese Windows', () => {
    // "工作要点" in GB18030.
    expect(decodeText(Buffer.from([0xb9, 0xa4, 0xd7, 0xf7, 0xd2, 0xaa, 0xb5, 0xe3]), 'gbk.txt')).toBe('工作要点');
    expect(decodeText(Buffer.from('\uFEFF工作要点', 'utf8'), 'bom.txt')).toBe('工作要点');
  });

  it('decodes UTF-16 as Notepad saves it ("Unicode", "Unicode big endian"), with or without the byte-order mark', () => {
    const text = '2024年政务公开工作要点\n一、总则\n1. 做好公开。（责任单位：市司法局）\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'le.txt')).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'be.txt')).toBe(text);
    expect(decodeText(le, 'le.txt')).toBe(text);
    expect(decodeText(be, 'be.txt')).toBe(text);
  });

  it('reads a UTF-16 plan and a GBK directory through the file readers', async () => {
    const plan = path.join(dir, 'utf16.txt');
    writeFileSync(plan, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('2024年政务公开工作要点\n一、总则\n1. 6月底前做好公开。（责任单位：市司法局）\n', 'utf16le')]));
    const { plan: read } = await readPlanFile(plan, { issued: '2024-03-01' });
    expect(read.tasks.map((t) => [t.id, t.responsibleUnits, t.deadline])).toEqual([['1', ['市司法局'], { kind: 'monthEnd', month: 6 }]]);
    const units = path.join(dir, 'gbk.csv');
    // 市司法局 in GBK, the rest ASCII.
    const name = Buffer.from([0xca, 0xd0, 0xcb, 0xbe, 0xb7, 0xa8, 0xbe, 0xd6]);
    writeFileSync(
      units,
      Buffer.concat([
        Buffer.from('id,name,aliases,groups,contact_name,contact_email,head_name,head_email,supervisor_name,supervisor_email\nsfj,'),
        name,
        Buffer.from(',,,,sfj@duban.test,,h@duban.test,,s@duban.test\n'),
      ]),
    );
    expect(readUnitsFile(units).resolve('市司法局')).toMatchObject({ kind: 'unit', units: [{ id: 'sfj' }] });
  });

  it('refuses bytes that are neither UTF-8, UTF-16 nor GB18030, instead of reading garbled characters', () => {
    expect(() => decodeText(Buffer.from([0x31, 0x2e, 0xff, 0xff, 0x0a]), 'odd.txt')).toThrow(PlanReadError);
    try {
      decodeText(Buffer.from([0x31, 0x2e, 0xff, 0xff, 0x0a]), 'odd.txt');
    } catch (err) {
      expect((err as PlanReadError).issues).toEqual([
        {
          code: 'file.encoding',
          severity: 'error',
          place: { file: 'odd.txt' },
          message: '无法识别文件的编码（不是 UTF-8、UTF-16 或 GBK/GB18030）：请在记事本或 WPS 中“另存为”，编码选 UTF-8 后再导入',
        },
      ]);
    }
  });

  it('decodes any bytes to text or refuses them with PlanReadError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        try {
          expect(typeof decodeText(Buffer.from(bytes), 'x.txt')).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(PlanReadError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads a unit directory as CSV by its extension', () => {
    const file = path.join(dir, 'units.csv');
    writeFileSync(
      file,
      'id,name,aliases,groups,contact_name,contact_email,head_name,head_email,supervisor_name,supervisor_email\nsfj,市司法局,,市政府各部门,,sfj@duban.test,,h@duban.test,,s@duban.test\n',
    );
    expect(readUnitsFile(file).resolve('市政府各部门')).toMatchObject({ kind: 'group', units: [{ id: 'sfj' }] });
  });
});
