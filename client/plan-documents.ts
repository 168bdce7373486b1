/**
 * Word and PDF files taken apart for the readers of domain/plan:
 *
 * - `.docx`: the OOXML itself (fflate unzips, fast-xml-parser parses
 *   word/document.xml): paragraphs and tables in document order; a vertically
 *   merged cell (w:vMerge) repeats its text into the cells it covers, a
 *   horizontally merged one (w:gridSpan) leaves them empty.
 * - text PDFs: the runs of text with their positions (unpdf, the serverless
 *   build of pdf.js); domain/plan/pdf-layout puts lines and columns back.
 * - legacy `.doc`/`.wps` and scanned PDFs (no text layer) are refused with
 *   what to do instead.
 */
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { getDocumentProxy } from 'unpdf';
import { issue, PlanReadError } from '../domain/plan/issues';
import type { PositionedText } from '../domain/plan/pdf-layout';
import type { DocumentBlock, PlanDocument } from '../domain/plan/read-document';

/** A legacy binary Office file: an OLE compound document (.doc, .wps, .et, .xls). */
export function isOleFile(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1;
}

export function legacyWordError(file: string): PlanReadError {
  return new PlanReadError([
    issue(
      'file.legacyWord',
      'error',
      { file },
      '这是旧版 Word/WPS 文件（.doc/.wps），无法直接读取：请在 Word 或 WPS 中打开，选择“另存为”，保存类型选 Word 文档（.docx）后再导入；也可另存为 .txt（UTF-8）',
    ),
  ]);
}

/**
 * fast-xml-parser's ordered form: each node is `{ tag: children[], ':@'?: attributes }`
 * or `{ '#text': string }`; namespace prefixes are dropped (w:p → p).
 */
type XmlNode = Record<string, unknown>;

const xmlParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

function tagOf(n: XmlNode): string {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return '';
}

function kids(n: XmlNode): XmlNode[] {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

function child(n: XmlNode | undefined, tag: string): XmlNode | undefined {
  return n ? kids(n).find((c) => tagOf(c) === tag) : undefined;
}

function attr(n: XmlNode | undefined, name: string): string | undefined {
  const a = n?.[':@'] as Record<string, string> | undefined;
  return a?.[name];
}

/** A paragraph's text as shown: runs, tabs and breaks; deleted text and field codes left out. */
function paragraphText(p: XmlNode): string {
  let out = '';
  const walk = (n: XmlNode) => {
    for (const c of kids(n)) {
      switch (tagOf(c)) {
        case '#text':
          break;
        case 't':
          for (const t of kids(c)) if (typeof t['#text'] === 'string') out += t['#text'];
          break;
        case 'tab':
          out += '\t';
          break;
        case 'br':
        case 'cr':
          out += '\n';
          break;
        case 'noBreakHyphen':
          out += '-';
          break;
        case 'delText':
        case 'instrText':
        case 'rPr':
        case 'pPr':
          break;
        default:
          walk(c);
      }
    }
  };
  walk(p);
  return out;
}

/** Paragraphs and tables of a container (the body, a cell, a content control) in order. */
function blocksOf(container: XmlNode, out: DocumentBlock[]): void {
  for (const el of kids(container)) {
    const tag = tagOf(el);
    if (tag === 'p') out.push({ kind: 'paragraph', text: paragraphText(el) });
    else if (tag === 'tbl') out.push({ kind: 'table', rows: tableRows(el) });
    else if (tag === 'sdt') {
      const content = child(el, 'sdtContent');
      if (content) blocksOf(content, out);
    }
  }
}

/** A cell's text: its paragraphs one per line; a table nested in it flattened to lines. */
function cellText(tc: XmlNode): string {
  const inner: DocumentBlock[] = [];
  blocksOf(tc, inner);
  return inner
    .flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.rows.map((r) => r.join(' '))))
    .join('\n')
    .trim();
}

function tableRows(tbl: XmlNode): string[][] {
  const rows: string[][] = [];
  // The text of the cell that starts a vertical merge, by grid column.
  const merging = new Map<number, string>();
  for (const tr of kids(tbl).filter((c) => tagOf(c) === 'tr')) {
    const cells: string[] = [];
    const before = Number(attr(child(child(tr, 'trPr'), 'gridBefore'), 'val') ?? 0) || 0;
    for (let i = 0; i < before; i++) cells.push('');
    for (const tc of kids(tr).filter((c) => tagOf(c) === 'tc')) {
      const tcPr = child(tc, 'tcPr');
      const span = Math.max(1, Number(attr(child(tcPr, 'gridSpan'), 'val') ?? 1) || 1);
      const vMerge = child(tcPr, 'vMerge');
      const col = cells.length;
      let text = cellText(tc);
      if (vMerge && (attr(vMerge, 'val') ?? 'continue') === 'continue') text = merging.get(col) ?? '';
      else if (vMerge) merging.set(col, text);
      else merging.delete(col);
      cells.push(text);
      for (let i = 1; i < span; i++) cells.push('');
    }
    rows.push(cells);
  }
  return rows;
}

/** A `.docx` as paragraphs and tables; a file that is not one is refused with what to do. */
export function docxDocument(bytes: Buffer, file: string): PlanDocument {
  if (isOleFile(bytes)) throw legacyWordError(file);
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'];
  } catch (err) {
    // fflate's reason ("invalid zip data") is for logs; staff read what it means.
    throw new PlanReadError(
      [issue('docx.unreadable', 'error', { file }, '无法读取 Word 文件：文件已损坏，或不是真正的 .docx 文件（如改了扩展名的其他文件）。请用 Word 或 WPS 打开后重新“另存为” .docx 再导入')],
      { cause: err },
    );
  }
  if (!xml) throw new PlanReadError([issue('docx.unreadable', 'error', { file }, '这不是 Word 文档（缺少 word/document.xml）：请用 Word/WPS 另存为 .docx 再试')]);
  const nodes = xmlParser.parse(new TextDecoder('utf-8').decode(xml)) as XmlNode[];
  const body = child(nodes.find((n) => tagOf(n) === 'document'), 'body');
  const blocks: DocumentBlock[] = [];
  if (body) blocksOf(body, blocks);
  return { blocks };
}

/** Pages a plan may have; anything longer is not a plan (and pdf.js would take minutes). */
export const MAX_PDF_PAGES = 2000;

/** The runs of text of every page, with their positions. A PDF with (almost) no text is a scan and is refused. */
export async function pdfText(bytes: Buffer, file: string): Promise<PositionedText[]> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // Text needs no glyphs drawn: no font faces, no system fonts, no eval'd glyph programs.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  } catch (err) {
    // pdf.js says why in English ("Invalid PDF structure."); staff read what it means and what to do.
    const locked = (err as Error | undefined)?.name === 'PasswordException';
    const message = locked
      ? 'PDF 文件设有打开密码，无法读取：请去掉密码后另存一份再导入，或向发文单位索取 Word 版'
      : '无法读取 PDF 文件：文件已损坏，或不是真正的 PDF 文件。请重新下载或重新导出 PDF 后再导入，或改用 Word 版';
    throw new PlanReadError([issue(locked ? 'pdf.encrypted' : 'pdf.unreadable', 'error', { file }, message)], { cause: err });
  }
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new PlanReadError([issue('pdf.tooLarge', 'error', { file }, `PDF 有 ${pdf.numPages} 页，超过上限 ${MAX_PDF_PAGES} 页：请确认选对了文件`)]);
    }
    const items: PositionedText[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      for (const it of content.items) {
        if (!('str' in it) || it.str.trim() === '') continue;
        const [a, b, , , x, y] = it.transform as number[];
        items.push({ page: n, x: x!, y: y!, width: it.width, size: Math.hypot(a!, b!) || it.height || 10, text: it.str });
      }
      page.cleanup();
    }
    const chars = items.reduce((s, i) => s + i.text.trim().length, 0);
    if (chars < 20 * Math.min(pdf.numPages, 5)) {
      throw new PlanReadError([
        issue(
          'pdf.scanned',
          'error',
          { file },
          'PDF 中没有可读取的文字（像是扫描件或图片）：请用 WPS/Adobe Acrobat 的“文字识别（OCR）”转换为 Word 或可复制文字的 PDF 后再导入，或向发文单位索取 Word 版',
        ),
      ]);
    }
    return items;
  } finally {
    await pdf.destroy();
  }
}
