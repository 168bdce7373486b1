/**
 * Shared by the text readers: lines with their numbers, the heading levels
 * (一、 / （一）), the document's metadata (title, office, issue date,
 * addressees) and the boilerplate every notice carries.
 */
import type { PlanMeta } from './draft';
import { isIsoDate } from '../calendar/dates';

export interface Line {
  /** 1-based line number in the original text. */
  no: number;
  text: string;
}

/**
 * Drops trailing characters of `chars` with a loop: `/[…]+$/` backtracks
 * quadratically on a long run that is not at the end (a hostile line).
 */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** Trailing spaces only: a trailing tab is an empty cell in seed 003. */
function trimEndSpaces(s: string): string {
  return trimEndChars(s, ' ');
}

/**
 * A page saved from a website or a CMS's database: paragraphs and breaks
 * become lines, table cells become `|` lines (one cell per line, as the cell
 * stream reader expects), other tags go, entities and SQL quote escapes are
 * decoded. Text without tags is returned as it is.
 */
export function htmlToText(text: string): string {
  if (!/<\/?(p|br|div|td|th|tr|table|span|li)\b[^>]*>/i.test(text)) return text;
  return text
    .replace(/\\(["'])/g, '$1')
    .replace(/<\/(td|th)\s*>/gi, '\n|\n')
    .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]{0,2000}>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d{1,6});/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Strips a BOM, markdown bold (seed 000), odd spaces; keeps tabs (seed 003's columns). */
export function textLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw, i) => ({ no: i + 1, text: trimEndSpaces(raw.replace(/\*\*/g, '').replace(/[\u00A0\u3000\u200B]/g, ' ')) }));
}

const CN_NUMERAL = '[一二三四五六七八九十百]+';
export const HEADING1 = new RegExp(`^\\s*(${CN_NUMERAL})、\\s*(.*)$`);
export const HEADING2 = new RegExp(`^\\s*[（(]\\s*(${CN_NUMERAL})\\s*[)）]\\s*(.*)$`);

const CN_VALUES: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "十三" → 13, "二十一" → 21, "三" → 3. */
export function chineseNumeral(s: string): number {
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else {
      current = CN_VALUES[ch] ?? 0;
    }
  }
  return total + current;
}

/** Sentence-final punctuation: a line ending without it continues on the next (broken PDF/OCR lines). */
export const TERMINAL = /[。！？；;!?）)]$/;

const DATE_LINE = /^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const PUBLISHED_FIELD = /【(?:公布日期|成文日期|发布日期)】\s*(\d{4})[.\-/年]\s*(\d{1,2})[.\-/月]\s*(\d{1,2})/;

function isoDate(y: string, m: string, d: string): string | undefined {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** Lines that are part of every notice and say nothing about tasks. */
export function isBoilerplate(text: string, office?: string): boolean {
  const t = text.trim();
  if (t === '') return true;
  if (isPageChrome(t)) return true;
  if (DATE_LINE.test(t) && t.replace(DATE_LINE, '').replace(/印发|公布|发布/, '').trim() === '') return true;
  if (/^[（(]此件.{0,8}[)）]$/.test(t)) return true;
  if (/^-\s*\d+\s*-$/.test(t) || /^第\s*\d+\s*页/.test(t)) return true;
  if (/^(抄送|附件)[：:]/.test(t) || t === '附件') return true;
  if (office && t.replace(/\s/g, '') === office) return true;
  // A signature: a short line naming an office, without punctuation.
  return t.length <= 30 && !/[，。,；]/.test(t) && /(办公室|人民政府|委员会|管委会|领导小组)$/.test(t);
}

/** A website's header and footer lines: navigation, counters, copyright, filing numbers. */
export function isPageChrome(t: string): boolean {
  return (
    /^(附件下载|【?打印】?|【?关闭】?|【?(打印本页|关闭窗口)】?|分享到|扫一扫|字号|文字大小|返回顶部|上一篇|下一篇|相关链接)/.test(t) ||
    /^(主办单位|承办单位|版权所有|地址|网站标识码|网站监督|建议使用|联系电话|技术支持)[:：]?/.test(t) ||
    /ICP备|公网安备|浏览量|浏览次数|责任编辑/.test(t)
  );
}

const WEB_DATE = /(?:日期|发布时间|发布日期|成文日期|印发日期)\s*[:：]\s*(\d{4})[-./年]\s*(\d{1,2})[-./月]\s*(\d{1,2})/;

/**
 * Title, issuing office, issue date, year and addressees, from wherever the
 * notice states them: 【制定机关】/【公布日期】 fields (seed 002), the first
 * office line, a date line ("2024年6月5日", "2024年 6月 24日"), the title line
 * ("2024年滕州市政务公开工作要点").
 */
export function readMeta(lines: Line[]): PlanMeta & { addressees: string[] } {
  const meta: PlanMeta & { addressees: string[] } = { addressees: [] };
  const texts = lines.map((l) => l.text.trim());
  for (const t of texts) {
    const f = PUBLISHED_FIELD.exec(t);
    if (f && !meta.issued) meta.issued = isoDate(f[1]!, f[2]!, f[3]!);
    const o = /【制定机关】\s*(\S+)/.exec(t);
    if (o && !meta.office) meta.office = o[1];
  }
  for (const t of texts) {
    const d = DATE_LINE.exec(t) ?? WEB_DATE.exec(t);
    if (d && !meta.issued) meta.issued = isoDate(d[1]!, d[2]!, d[3]!);
  }
  // No title year and no date: the earliest year the text names ("2012年起5年内") is the best guess, said so.
  const years = texts.join('\n').match(/(?<!\d)20\d{2}(?=\s*年)/g);
  if (years) meta.yearInText = Math.min(...years.map(Number));
  for (const [i, t] of texts.entries()) {
    if (!meta.office && i < 40 && t.length <= 30 && !/关于|[，。：:]/.test(t) && /(办公室|人民政府|管委会|领导小组办公室)$/.test(t)) meta.office = t.replace(/\s/g, '');
    if (!meta.title) {
      const withoutDate = t.replace(DATE_LINE, '').trim();
      const m = /^(\d{4})\s*年.{2,40}?(工作要点|实施方案|任务分解表|工作方案|重点工作)[^，。]{0,10}$/.exec(withoutDate);
      if (m && !/关于|通知|印发/.test(withoutDate)) {
        meta.title = withoutDate.replace(/\s+/g, '');
        meta.year = Number(m[1]);
      }
    }
    if (meta.addressees.length === 0 && i < 40 && /^各.{2,80}[：:]$/.test(t)) {
      meta.addressees = t
        .slice(0, -1)
        .split(/[、，,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    }
  }
  return meta;
}

/** Index of the first line of the body: the first 一、 heading after the metadata. */
export function bodyStart(lines: Line[], from = 0): number {
  for (let i = from; i < lines.length; i++) if (HEADING1.test(lines[i]!.text)) return i;
  return lines.length;
}
