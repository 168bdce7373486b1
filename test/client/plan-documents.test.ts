/**
 * Word and PDF plans: a .docx and a text PDF built here with real libraries
 * (docx; pdf-lib with a CJK font) from a table read out of a text document
 * import to the same tasks, units and deadlines as the text. Legacy Word files
 * and scanned PDFs are refused with what to do.
 *
 * test/fixtures/plans/table.pdf is the invented 南屏市 table (flat-table.txt)
 * built by buildPdf with Debian's DroidSansFallbackFull.ttf, so the PDF reader
 * is tested on machines without a CJK font too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFHexString, PDFName, rgb } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { readPlanFile } from '../../client/plan-files';
import type { ReadResult } from '../../domain/plan/draft';
import type { Plan } from '../../domain/plan/model';
import { readText } from '../../domain/plan/read-text';
import { buildDocx, buildPdf, cjkFont, cjkFontMissingLine, cjkFontPath, tableOfPlan } from '../domain/plan/build-documents';
import { describeSeeds, readSeed, seedText } from '../domain/plan/seeds';

const dir = mkdtempSync(path.join(tmpdir(), 'duban-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/plans/${name}`, import.meta.url));

/** What an admin checks: ids, units by role, the deadline rule. */
function essentials(plan: Plan) {
  return plan.tasks.map((t) => ({ id: t.id, lead: t.leadUnits, responsible: t.responsibleUnits, cooperating: t.cooperatingUnits, deadline: t.deadline }));
}

/** The covering notice as written: the lines before the table's header line. */
function noticeOf(text: string): string[] {
  const lines = text.split('\n');
  return lines.slice(0, lines.findIndex((l) => /^序号\s/.test(l.trim()))).filter((l) => l.trim() !== '');
}

async function write(name: string, bytes: Buffer | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function expectSamePlan(got: ReadResult, want: ReadResult): void {
  expect(essentials(got.plan)).toEqual(essentials(want.plan));
  expect({ issued: got.plan.issued, year: got.plan.year, title: got.plan.title, duties: got.plan.duties }).toEqual({
    issued: want.plan.issued,
    year: want.plan.year,
    title: want.plan.title,
    duties: want.plan.duties,
  });
}

describe('the invented 南屏市 table as Word and PDF', () => {
  const text = readFileSync(fixture('flat-table.txt'), 'utf8');
  const fromText = readText(text, { file: 'flat-table.txt' });

  it('a .docx with merged 工作任务 cells reads to the same tasks as the text', async () => {
    const file = await write('nanping.docx', await buildDocx(tableOfPlan(fromText.plan, noticeOf(text))));
    const got = await readPlanFile(file);
    expect(got.format).toBe('docx');
    expect(got.plan.tasks).toHaveLength(3);
    expectSamePlan(got, fromText);
  });

  it('the text PDF fixture reads to the same tasks as the text, columns put back by position', async () => {
    const got = await readPlanFile(fixture('table.pdf'));
    expect(got.format).toBe('pdf');
    expectSamePlan(got, fromText);
  });

  it.skipIf(!cjkFontPath)('a PDF built here reads the same (needs a CJK font)', async () => {
    const file = await write('nanping.pdf', await buildPdf(tableOfPlan(fromText.plan, noticeOf(text)), cjkFont()));
    expectSamePlan(await readPlanFile(file), fromText);
  });
  if (!cjkFontPath) it.skip(cjkFontMissingLine, () => undefined);
});

describeSeeds('seed 004 as Word and PDF', () => {
  const fromText = readSeed('004');
  const table = tableOfPlan(fromText.plan, noticeOf(seedText('004')));

  it('a .docx of its table imports to the same 53 tasks, units and due days as the text', async () => {
    const got = await readPlanFile(await write('seed-004.docx', await buildDocx(table)));
    expect(got.plan.tasks).toHaveLength(53);
    expectSamePlan(got, fromText);
  });

  it.skipIf(!cjkFontPath)('a text PDF of its table (header on every page, cells wrapped) imports to the same 53 tasks', async () => {
    const got = await readPlanFile(await write('seed-004.pdf', await buildPdf(table, cjkFont())));
    expect(got.plan.tasks).toHaveLength(53);
    expectSamePlan(got, fromText);
  });
});

describe('files the readers refuse, saying how to convert them', () => {
  const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

  it.each(['plan.doc', 'plan.wps', 'renamed.docx', 'renamed.txt'])('%s (an OLE compound file) is a legacy Word/WPS file: save as .docx', async (name) => {
    await expect(readPlanFile(await write(name, ole))).rejects.toMatchObject({
      issues: [{ code: 'file.legacyWord', message: expect.stringContaining('另存为') }],
    });
  });

  it('a scanned PDF (a page with an image and no text) asks for OCR', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([595, 842]);
    page.drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.9, 0.9, 0.9) });
    await expect(readPlanFile(await write('scan.pdf', await pdf.save()))).rejects.toMatchObject({
      issues: [{ code: 'pdf.scanned', message: expect.stringContaining('文字识别（OCR）') }],
    });
  });

  it('a broken .docx says it cannot be read', async () => {
    await expect(readPlanFile(await write('broken.docx', Buffer.from('PK\u0003\u0004 not really a zip')))).rejects.toMatchObject({
      issues: [{ code: 'docx.unreadable' }],
    });
  });

  it('a PDF locked with a password asks for one without it, in Chinese only (pdf.js\'s English is the cause, for logs)', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    // The standard security handler with a user password that the empty one does not match: pdf.js asks for a password.
    const encrypt = pdf.context.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -4 });
    encrypt.set(PDFName.of('O'), PDFHexString.of('00'.repeat(32)));
    encrypt.set(PDFName.of('U'), PDFHexString.of('11'.repeat(32)));
    pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
    pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of('ab'.repeat(16)), PDFHexString.of('ab'.repeat(16))]);
    const err = await readPlanFile(await write('locked.pdf', await pdf.save({ useObjectStreams: false }))).catch((e: unknown) => e);
    expect(err).toMatchObject({
      issues: [{ code: 'pdf.encrypted', message: 'PDF 文件设有打开密码，无法读取：请去掉密码后另存一份再导入，或向发文单位索取 Word 版' }],
      cause: { name: 'PasswordException' },
    });
  });
});
