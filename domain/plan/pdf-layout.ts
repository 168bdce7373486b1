/**
 * A text PDF's runs of text, with their positions, put back into lines and,
 * where a 任务分解表 header is found, into the table's columns and rows.
 *
 * A PDF has no cells, only text drawn at places: a line is the runs at one
 * height; a column is found from the header's names and the white gaps that
 * no run below it crosses (cell padding); a row starts where the 序号 column
 * holds the next number (or, without one, after a taller gap than the lines
 * of a cell). Text of one cell broken over lines is joined again, except that
 * a unit column keeps one unit per line when each line ends like a unit name.
 */
import type { DocumentBlock, PlanDocument } from './read-document';
import type { Column } from './read-table';
import { headerColumns } from './read-table';
import { HEADING1 } from './text-common';

export interface PositionedText {
  /** 1-based page number. */
  page: number;
  /** Left edge and baseline, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** The font size: the unit for every tolerance here. */
  size: number;
  text: string;
}

interface PdfLine {
  page: number;
  y: number;
  size: number;
  items: PositionedText[];
}

/** Runs at the same height (within half a font size) on one page, left to right. */
export function pdfLines(items: PositionedText[]): PdfLine[] {
  const sorted = items.filter((i) => i.text.trim() !== '').sort((a, b) => a.page - b.page || b.y - a.y || a.x - b.x);
  const lines: PdfLine[] = [];
  for (const item of sorted) {
    const last = lines[lines.length - 1];
    if (last && last.page === item.page && Math.abs(last.y - item.y) < Math.max(last.size, item.size) * 0.5) last.items.push(item);
    else lines.push({ page: item.page, y: item.y, size: item.size, items: [item] });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** Runs closer than a character are one piece of text; a wider gap separates cells (two spaces). */
function lineText(line: PdfLine): string {
  let out = '';
  let end = -Infinity;
  for (const i of line.items) {
    if (out && i.x - end > line.size * 0.8) out += '  ';
    out += i.text;
    end = i.x + i.width;
  }
  return out.trim();
}

/** The line's pieces (runs merged across small gaps), each with its extent. */
function pieces(line: PdfLine): Array<{ text: string; left: number; right: number }> {
  const out: Array<{ text: string; left: number; right: number }> = [];
  for (const i of line.items) {
    const last = out[out.length - 1];
    if (last && i.x - last.right <= line.size * 0.8) {
      last.text += i.text;
      last.right = i.x + i.width;
    } else out.push({ text: i.text, left: i.x, right: i.x + i.width });
  }
  return out.map((p) => ({ ...p, text: p.text.trim() }));
}

const PAGE_NUMBER = /^(-\s*\d+\s*-|第\s*\d+\s*页(\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;
const TABLE_END = /^(抄送|附件\d*[：:]|[（(]此件)/;

/** x positions separating the header's columns: a white gap no run crosses, else the middle between names. */
function boundaries(header: Array<{ left: number; right: number }>, body: PdfLine[]): number[] {
  const spans: Array<[number, number]> = [];
  for (const l of body) for (const i of l.items) spans.push([i.x, i.x + i.width]);
  spans.sort((a, b) => a[0] - b[0]);
  // Uncovered gaps between the runs' extents.
  const gaps: Array<[number, number]> = [];
  let reach = -Infinity;
  for (const [a, b] of spans) {
    if (a > reach && reach !== -Infinity) gaps.push([reach, a]);
    reach = Math.max(reach, b);
  }
  const cuts: number[] = [];
  for (let j = 0; j + 1 < header.length; j++) {
    const [c1, c2] = [(header[j]!.left + header[j]!.right) / 2, (header[j + 1]!.left + header[j + 1]!.right) / 2];
    const inside = gaps.filter(([a, b]) => a >= c1 - 1 && b <= c2 + 1);
    const widest = inside.sort((p, q) => q[1] - q[0] - (p[1] - p[0]))[0];
    cuts.push(widest ? (widest[0] + widest[1]) / 2 : (header[j]!.right + header[j + 1]!.left) / 2);
  }
  return cuts;
}

const UNIT_END = /(局|委|委员会|会|办公室|中心|部门|镇街|分局|政府|法院|检察院|院|部|办|处|所|队|街道|镇|公司|集团|单位|科室|牵头|配合)$/;

/** One cell's visual lines as its text: joined, but one unit per line in a unit column. */
export function cellText(lines: string[], column: Column | undefined): string {
  if (column !== 'lead' && column !== 'responsible' && column !== 'cooperating') return lines.join('');
  const out: string[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (!UNIT_END.test(prev) || /[、，,]$/.test(prev))) out[out.length - 1] = prev + l;
    else out.push(l);
  }
  return out.join('\n');
}

/** The text PDF as a document: lines as paragraphs, and the 任务分解表 when a header line names its columns. */
export function pdfDocument(items: PositionedText[]): PlanDocument {
  const lines = pdfLines(items).filter((l) => !PAGE_NUMBER.test(lineText(l)));
  const headerAt = lines.findIndex((l) => {
    const ps = pieces(l);
    return ps.length >= 3 && headerColumns(ps.map((p) => p.text)) !== null;
  });
  if (headerAt < 0) return { blocks: lines.map((l) => ({ kind: 'paragraph', text: lineText(l) })) };

  const header = pieces(lines[headerAt]!);
  const headerKey = header.map((p) => p.text.replace(/\s/g, '')).join('|');
  const cols = headerColumns(header.map((p) => p.text))!;
  let end = lines.length;
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (TABLE_END.test(lineText(lines[i]!))) {
      end = i;
      break;
    }
  }
  const body = lines.slice(headerAt + 1, end).filter((l) => pieces(l).map((p) => p.text.replace(/\s/g, '')).join('|') !== headerKey);
  const cuts = boundaries(header, body);
  const columnOf = (x: number) => {
    let j = 0;
    while (j < cuts.length && x >= cuts[j]!) j++;
    return j;
  };
  const numberCol = cols.indexOf('number');
  const rows: string[][] = [header.map((p) => p.text)];
  let cells: string[][] | undefined;
  let expected = 1;
  let previous: PdfLine | undefined;
  const flush = () => {
    if (cells) rows.push(cells.map((c, j) => cellText(c, cols[j])));
    cells = undefined;
  };
  for (const line of body) {
    const parts: string[][] = header.map(() => []);
    for (const i of line.items) parts[columnOf(i.x + line.size * 0.2)]!.push(i.text);
    const texts = parts.map((p) => p.join('').trim());
    const whole = lineText(line);
    const filled = texts.filter((t) => t !== '').length;
    const numbered = numberCol >= 0 && /^\d{1,4}$/.test(texts[numberCol]!) && Number(texts[numberCol]) >= expected;
    const gap = previous && previous.page === line.page ? previous.y - line.y : 0;
    if (HEADING1.test(whole) && filled === 1 && !numbered) {
      flush();
      rows.push([whole.replace(/\s+/g, '')]);
    } else if (numbered || !cells || (numberCol < 0 && gap > line.size * 1.9)) {
      flush();
      if (numbered) expected = Number(texts[numberCol]) + 1;
      cells = texts.map((t) => (t ? [t] : []));
    } else {
      texts.forEach((t, j) => {
        if (t) cells![j]!.push(t);
      });
    }
    previous = line;
  }
  flush();
  const blocks: DocumentBlock[] = [
    ...lines.slice(0, headerAt).map((l): DocumentBlock => ({ kind: 'paragraph', text: lineText(l) })),
    { kind: 'table', rows },
    ...lines.slice(end).map((l): DocumentBlock => ({ kind: 'paragraph', text: lineText(l) })),
  ];
  return { blocks };
}
