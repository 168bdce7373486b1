/**
 * Word and PDF versions of a 任务分解表, built with real libraries (docx,
 * pdf-lib with a CJK font) the way offices' files are laid out: a covering
 * notice, then a table whose 工作任务 cells are merged down their group, units
 * one per line, a 一、 heading as a row across the table, and in the PDF the
 * header repeated on every page, cells wrapped to their column's width.
 */
import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import type { PDFFont } from 'pdf-lib';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { Plan } from '../../../domain/plan/model';

export interface TableDocument {
  notice: string[];
  header: string[];
  /** A row of one cell is a heading across the table; '' in `merged` column continues the cell above. */
  rows: string[][];
  /** The column whose empty cells are merged with the one above (工作任务). */
  merged: number;
}

export const HEADER = ['序号', '工作任务', '责任单位', '具体要求', '完成时限'];

/** The table a plan came from: one row per task, the 工作任务 written once per group, headings between sections. */
export function tableOfPlan(plan: Plan, notice: string[]): TableDocument {
  const rows: string[][] = [];
  let section: string | undefined;
  let category: string | undefined;
  for (const t of plan.tasks) {
    if (t.section[0] && t.section[0] !== section) {
      section = t.section[0];
      rows.push([section]);
      category = undefined;
    }
    // Roles as tables write them: "市政府办公室牵头", "各镇街、各部门配合"; plain names are the column's (责任单位).
    const units = [
      ...(t.leadUnits.length ? [`${t.leadUnits.join('、')}牵头`] : []),
      ...t.responsibleUnits,
      ...(t.cooperatingUnits.length ? [`${t.cooperatingUnits.join('、')}配合`] : []),
    ].join('\n');
    rows.push([t.label ?? t.id, t.content === category ? '' : t.content, units, t.requirement ?? '', t.deadlineText ?? '']);
    category = t.content;
  }
  return { notice, header: HEADER, rows, merged: 1 };
}

function paragraphs(text: string): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

export async function buildDocx(doc: TableDocument): Promise<Buffer> {
  const width = doc.header.length;
  const cell = (text: string, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) => new TableCell({ children: paragraphs(text), ...extra });
  const rows = [new TableRow({ tableHeader: true, children: doc.header.map((h) => cell(h)) })];
  doc.rows.forEach((r, i) => {
    if (r.length === 1) {
      rows.push(new TableRow({ children: [cell(r[0]!, { columnSpan: width })] }));
      return;
    }
    const continues = r[doc.merged] === '';
    const startsMerge = !continues && doc.rows[i + 1]?.length !== 1 && doc.rows[i + 1]?.[doc.merged] === '';
    rows.push(
      new TableRow({
        children: r.map((text, j) => {
          if (j !== doc.merged) return cell(text);
          if (continues) return cell('', { verticalMerge: VerticalMergeType.CONTINUE });
          return cell(text, startsMerge ? { verticalMerge: VerticalMergeType.RESTART } : {});
        }),
      }),
    );
  });
  const document = new Document({
    sections: [
      {
        children: [
          ...doc.notice.flatMap(paragraphs),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
          new Paragraph({ children: [new TextRun('抄送：市委办公室。')] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A CJK TrueType font on this machine (Debian's fonts-droid-fallback), or DUBAN_CJK_FONT. */
export const cjkFontPath = [process.env.DUBAN_CJK_FONT, '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'].find(
  (p): p is string => !!p && existsSync(p),
);
export const cjkFontMissingLine = 'no CJK TrueType font (apt-get install fonts-droid-fallback, or set DUBAN_CJK_FONT): PDFs are not built here';

const COLUMN_WIDTHS = [0.06, 0.16, 0.16, 0.5, 0.12];

/** Greedy wrap of one paragraph to a width (CJK text breaks anywhere). */
function wrap(text: string, width: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const ch of para) {
      if (line && measure(line + ch) > width) {
        out.push(line);
        line = '';
      }
      line += ch;
    }
    if (line) out.push(line);
  }
  return out;
}

export async function buildPdf(doc: TableDocument, fontBytes: Uint8Array): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  // The fallback CJK font has no Latin glyphs: ASCII is drawn in Helvetica, as Word mixes fonts in one line.
  const cjk = await pdf.embedFont(fontBytes, { subset: true });
  const latin = await pdf.embedFont(StandardFonts.Helvetica);
  const size = 9;
  const runs = (s: string): Array<[string, PDFFont]> => {
    const out: Array<[string, PDFFont]> = [];
    for (const ch of s) {
      const font = ch.charCodeAt(0) < 0x80 ? latin : cjk;
      const last = out[out.length - 1];
      if (last && last[1] === font) last[0] += ch;
      else out.push([ch, font]);
    }
    return out;
  };
  const lead = 12;
  const [pageW, pageH, margin] = [842, 595, 36];
  const tableW = pageW - 2 * margin;
  const xs = COLUMN_WIDTHS.reduce<number[]>((acc, w, i) => [...acc, acc[i]! + w * tableW], [margin]);
  const measure = (s: string) => runs(s).reduce((w, [t, f]) => w + f.widthOfTextAtSize(t, size), 0);
  let page = pdf.addPage([pageW, pageH]);
  let y = pageH - margin;
  let pageNo = 1;
  const text = (s: string, x: number, at: number) => {
    for (const [t, font] of runs(s)) {
      page.drawText(t, { x, y: at, size, font, color: rgb(0, 0, 0) });
      x += font.widthOfTextAtSize(t, size);
    }
  };
  const newPage = () => {
    text(`- ${pageNo} -`, pageW / 2 - 10, margin / 2);
    page = pdf.addPage([pageW, pageH]);
    pageNo += 1;
    y = pageH - margin;
  };
  for (const line of doc.notice.flatMap((p) => wrap(p, tableW, measure))) {
    if (y < margin + lead) newPage();
    text(line, margin, y);
    y -= lead * 1.5;
  }
  const drawRow = (cells: string[]) => {
    const wrapped = cells.length === 1 ? [wrap(cells[0]!, tableW - 6, measure)] : cells.map((c, j) => wrap(c, xs[j + 1]! - xs[j]! - 6, measure));
    const height = Math.max(1, ...wrapped.map((w) => w.length)) * lead + 6;
    if (y - height < margin) {
      newPage();
      drawHeader();
    }
    wrapped.forEach((lines, j) => lines.forEach((l, k) => text(l, xs[j]! + 3, y - 3 - size - k * lead)));
    page.drawLine({ start: { x: margin, y: y - height }, end: { x: pageW - margin, y: y - height }, thickness: 0.5 });
    y -= height;
  };
  const drawHeader = () => drawRow(doc.header);
  drawHeader();
  for (const r of doc.rows) drawRow(r);
  text('抄送：市委办公室。', margin, Math.max(margin, y - lead * 2));
  text(`- ${pageNo} -`, pageW / 2 - 10, margin / 2);
  return Buffer.from(await pdf.save());
}

export function cjkFont(): Uint8Array {
  return readFileSync(cjkFontPath!);
}
