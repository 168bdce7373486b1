/**
 * Word and PDF files taken apart for the readers of domain/plan:
 *
 * - `.docx`: the OOXML itself (fflate unzips, @xmldom/xmldom parses
 *   word/document.xml): paragraphs and tables in document order; a vertically
 *   merged cell (w:vMerge) repeats its text into the cells it covers, a
 *   horizontally merged one (w:gridSpan) leaves them empty.
 * - text PDFs: the runs of text with their positions (unpdf, the serverless
 *   build of pdf.js); domain/plan/pdf-layout puts lines and columns back.
 * - legacy `.doc`/`.wps` and scanned PDFs (no text layer) are refused with
 *   what to do instead.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Element as XmlElement, Node as XmlNode } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { getDocumentProxy } from 'unpdf';
import { issue, PlanReadError } from '../domain/plan/issues';
import type { PositionedText } from '../domain/plan/pdf-layout';
import type { DocumentBlock, PlanDocument } from '../domain/plan/read-document';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

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

function children(node: XmlNode): XmlElement[] {
  const out: XmlElement[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as XmlElement);
  return out;
}

function child(node: XmlNode, name: string): XmlElement | undefined {
  return children(node).find((c) => c.namespaceURI === W && c.localName === name);
}

function attr(el: XmlElement | undefined, name: string): string | null {
  return el ? el.getAttributeNS(W, name) || el.getAttribute(`w:${name}`) : null;
}

/** A paragraph's text as shown: runs, tabs and breaks; deleted text and field codes left out. */
function paragraphText(p: XmlNode): string {
  let out = '';
  const walk = (n: XmlNode) => {
    for (const c of children(n)) {
      if (c.namespaceURI !== W) continue;
      switch (c.localName) {
        case 't':
          out += c.textContent ?? '';
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
  for (const el of children(container)) {
    if (el.namespaceURI !== W) continue;
    if (el.localName === 'p') out.push({ kind: 'paragraph', text: paragraphText(el) });
    else if (el.localName === 'tbl') out.push({ kind: 'table', rows: tableRows(el) });
    else if (el.localName === 'sdt') {
      const content = child(el, 'sdtContent');
      if (content) blocksOf(content, out);
    }
  }
}

/** A cell's text: its paragraphs one per line; a table nested in it flattened to lines. */
function cellText(tc: XmlElement): string {
  const inner: DocumentBlock[] = [];
  blocksOf(tc, inner);
  return inner
    .flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.rows.map((r) => r.join(' '))))
    .join('\n')
    .trim();
}

function tableRows(tbl: XmlElement): string[][] {
  const rows: string[][] = [];
  // The text of the cell that starts a vertical merge, by grid column.
  const merging = new Map<number, string>();
  for (const tr of children(tbl).filter((c) => c.namespaceURI === W && c.localName === 'tr')) {
    const cells: string[] = [];
    const trPr = child(tr, 'trPr');
    const before = Number(attr(trPr && child(trPr, 'gridBefore'), 'val') ?? 0);
    for (let i = 0; i < before; i++) cells.push('');
    for (const tc of children(tr).filter((c) => c.namespaceURI === W && c.localName === 'tc')) {
      const tcPr = child(tc, 'tcPr');
      const span = Math.max(1, Number(attr(tcPr && child(tcPr, 'gridSpan'), 'val') ?? 1) || 1);
      const vMerge = tcPr && child(tcPr, 'vMerge');
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
    throw new PlanReadError([issue('docx.unreadable', 'error', { file }, `无法读取 Word 文件（${(err as Error).message}）：请用 Word/WPS 打开后另存为 .docx 再试`)]);
  }
  if (!xml) throw new PlanReadError([issue('docx.unreadable', 'error', { file }, '这不是 Word 文档（缺少 word/document.xml）：请用 Word/WPS 另存为 .docx 再试')]);
  const doc = new DOMParser().parseFromString(new TextDecoder('utf-8').decode(xml), 'text/xml');
  const body = doc.documentElement && child(doc.documentElement, 'body');
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
    pdf = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  } catch (err) {
    throw new PlanReadError([issue('pdf.unreadable', 'error', { file }, `无法读取 PDF 文件（${(err as Error).message}）`)]);
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
