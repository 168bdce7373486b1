/**
 * The two prose shapes:
 *
 * - numbered items under 一、/（一） headings (seeds 000, 001): `1.` … each item
 *   a task, its units in a closing `（责任单位：…）` when the document has them;
 *   numbering that restarts under every （一） makes ids like `3.2` (label `（三）2`).
 * - unnumbered paragraphs under the headings (seed 002): each paragraph that
 *   states a duty is a task, id `<subsection>.<paragraph>`.
 *
 * Lines broken mid-sentence (PDF/OCR exports) are joined: a line that does not
 * end a sentence continues on the next.
 */
import type { PlanDuty, Task } from './model';
import type { PlanIssue } from './issues';
import { issue } from './issues';
import { findDeadlineInText, findPlanDuties } from './deadline-phrases';
import type { Line } from './text-common';
import { bodyStart, chineseNumeral, HEADING1, HEADING2, isBoilerplate, isPageChrome, TERMINAL } from './text-common';
import type { TaskContext } from './task-build';
import { buildTask } from './task-build';
import type { UnitDictionary, UnitRoles } from './unit-names';
import { splitUnitCell } from './unit-names';

const ITEM = /^\s*(\d{1,3})\s*[.．、]\s*(.*)$/;
const UNIT_CLAUSE = /[（(]\s*((?:责任|牵头|配合)(?:单位|部门)\s*[：:][^（）()]*)[)）]\s*$/;
const UNIT_CLAUSE_START = /^\s*[（(]\s*(?:责任|牵头|配合)(?:单位|部门)\s*[：:]/;
/** A closing parenthesis with no key: units only if the directory knows every name in it. */
const BARE_CLAUSE = /[（(]([^（）()]{1,120})[)）]\s*[。；;]?\s*$/;

/** The item's closing unit clause: keyed (`（责任单位：…）`), or bare and made only of the directory's names. */
function unitClause(text: string, units: UnitDictionary | undefined): { index: number; roles: UnitRoles } | undefined {
  const keyed = UNIT_CLAUSE.exec(text);
  if (keyed) return { index: keyed.index, roles: splitUnitCell(keyed[1]!) };
  const bare = units ? BARE_CLAUSE.exec(text) : null;
  const roles = bare ? units!.roles(bare[1]!) : undefined;
  return roles ? { index: bare!.index, roles } : undefined;
}

interface Section {
  level1?: string;
  level2?: string;
  level2No?: number;
}

interface Block {
  kind: 'item' | 'paragraph';
  number?: number;
  /** The joined text, set once the block is complete. */
  text: string;
  /** Lines so far, and the last few hundred characters: appending to one string and testing it would flatten it every line. */
  parts: string[];
  tail: string;
  line: number;
  section: Section;
}

export interface ProseFindings {
  tasks: Task[];
  duties: PlanDuty[];
}

function sectionPath(s: Section): string[] {
  return [s.level1, s.level2].filter((x): x is string => x !== undefined);
}

/** Splits the body into headings, numbered items and paragraphs, joining broken lines. */
function blocks(lines: Line[], numbered: boolean, unitsPerItem: boolean, units?: UnitDictionary): Block[] {
  const out: Block[] = [];
  let section: Section = {};
  let level1No = 0;
  let current: Block | undefined;
  // The clause closes the item, so only the tail needs looking at (an item can be long).
  const complete = (b: Block): boolean => (b.kind === 'item' && unitsPerItem ? unitClause(b.tail, units) !== undefined : TERMINAL.test(b.tail));
  const start = (kind: Block['kind'], text: string, no: number, number?: number): Block => ({
    kind,
    ...(number !== undefined ? { number } : {}),
    text: '',
    parts: [text],
    tail: text.slice(-500),
    line: no,
    section,
  });
  for (const line of lines.slice(bodyStart(lines))) {
    const t = line.text.trim();
    if (t === '' || isPageChrome(t)) continue;
    // Signatures, dates and page numbers between paragraphs are not content.
    if ((!current || complete(current)) && isBoilerplate(t)) continue;
    const h1 = HEADING1.exec(t);
    const h2 = HEADING2.exec(t);
    const item = numbered ? ITEM.exec(t) : null;
    // The next 一、 in sequence is a heading even after an item without a full stop (web pages drop them).
    const nextHeading = h1 !== null && chineseNumeral(h1[1]!) === level1No + 1;
    if (h1 && (nextHeading || !(current && !complete(current) && current.kind === 'item'))) {
      level1No = chineseNumeral(h1[1]!);
      section = { level1: t };
      current = undefined;
    } else if (h2 && !UNIT_CLAUSE_START.test(t)) {
      section = { ...section, level2: t, level2No: chineseNumeral(h2[1]!) };
      current = undefined;
    } else if (item) {
      current = start('item', item[2]!, line.no, Number(item[1]));
      out.push(current);
    } else if (current && (!complete(current) || UNIT_CLAUSE_START.test(t))) {
      current.parts.push(t);
      current.tail = (current.tail + t).slice(-500);
    } else {
      current = start('paragraph', t, line.no);
      out.push(current);
    }
  }
  for (const b of out) b.text = b.parts.join('');
  return out;
}

/** A paragraph outside any item: a plan-level duty, boilerplate, or something to tell the admin about. */
function looseParagraph(b: Block, office: string | undefined, file: string, duties: PlanDuty[], warnings: PlanIssue[]): void {
  const found = findPlanDuties(b.text);
  if (found.length > 0) {
    duties.push(...found);
    return;
  }
  if (isBoilerplate(b.text, office)) return;
  const excerpt = b.text.length > 40 ? `${b.text.slice(0, 40)}…` : b.text;
  warnings.push(issue('text.unplaced', 'warning', { file, line: b.line }, `此段未归入任何任务：“${excerpt}”`));
}

export function readNumberedItems(lines: Line[], ctx: TaskContext & { office?: string }, warnings: PlanIssue[]): ProseFindings {
  const unitsPerItem = lines.some((l) => UNIT_CLAUSE_START.test(l.text) || unitClause(l.text, ctx.units) !== undefined);
  const all = blocks(lines, true, unitsPerItem, ctx.units);
  const items = all.filter((b) => b.kind === 'item');
  // Numbering that runs through the document (1–16) is the id; numbering that restarts per （一） is qualified by it.
  const numbers = items.map((b) => b.number);
  const continuous = new Set(numbers).size === numbers.length;
  const tasks: Task[] = [];
  const duties: PlanDuty[] = [];
  for (const b of all) {
    if (b.kind === 'paragraph') {
      looseParagraph(b, ctx.office, ctx.file, duties, warnings);
      continue;
    }
    const clause = unitClause(b.text, ctx.units);
    const content = clause ? b.text.slice(0, clause.index).trim() : b.text.trim();
    const notTask = clause ? undefined : notATask(content, b.section, unitsPerItem);
    if (notTask) {
      warnings.push(issue('text.notTask', 'warning', { file: ctx.file, line: b.line }, `第${b.number}项“${content.slice(0, 20)}”${notTask}，未作为任务，请核对`));
      continue;
    }
    const sub = b.section.level2No;
    const qualified = !continuous && sub !== undefined;
    const h2 = b.section.level2 ? HEADING2.exec(b.section.level2) : null;
    tasks.push(
      buildTask(
        {
          id: qualified ? `${sub}.${b.number}` : String(b.number),
          label: qualified && h2 ? `（${h2[1]}）${b.number}` : String(b.number),
          section: sectionPath(b.section),
          content,
          roles: clause ? clause.roles : { lead: [], responsible: [], cooperating: [] },
          source: { line: b.line },
        },
        unitsPerItem ? { ...ctx, defaultUnits: undefined } : ctx,
        warnings,
      ),
    );
  }
  return { tasks, duties };
}

const GOAL_SECTION = /(总体目标|总体要求|指导思想|基本原则|工作目标|主要目标|工作原则)/;
const REQUIREMENT_SECTION = /(工作要求|保障措施|组织保障|组织实施|工作保障)/;

/**
 * Numbered items that are not tasks: a goal under 总体目标 in a document whose
 * tasks name their units, or a bare caption ("加强组织领导") under 工作要求 /
 * 保障措施 with neither a sentence nor a date. Returns why, or undefined.
 */
function notATask(content: string, section: Section, unitsPerItem: boolean): string | undefined {
  const heading = section.level1 ?? '';
  if (unitsPerItem && GOAL_SECTION.test(heading)) return '属于总体目标，且未写责任单位';
  const caption = content.length <= 16 && !/[，。；,;：:]/.test(content) && findDeadlineInText(content).rule === undefined;
  if (caption && REQUIREMENT_SECTION.test(heading)) return '是工作要求的小标题，没有具体内容';
  return undefined;
}

/** A paragraph states a duty when it is a sentence: it ends like one and is longer than a caption. */
function statesDuty(text: string): boolean {
  return TERMINAL.test(text) && text.length >= 12;
}

export function readParagraphs(lines: Line[], ctx: TaskContext & { office?: string }, warnings: PlanIssue[]): ProseFindings {
  const tasks: Task[] = [];
  const duties: PlanDuty[] = [];
  const perSection = new Map<string, number>();
  for (const b of blocks(lines, false, false)) {
    if (b.section.level2No === undefined || !statesDuty(b.text)) {
      looseParagraph(b, ctx.office, ctx.file, duties, warnings);
      continue;
    }
    duties.push(...findPlanDuties(b.text));
    const key = String(b.section.level2No);
    const n = (perSection.get(key) ?? 0) + 1;
    perSection.set(key, n);
    tasks.push(
      buildTask(
        {
          id: `${key}.${n}`,
          section: sectionPath(b.section),
          content: b.text,
          roles: { lead: [], responsible: [], cooperating: [] },
          source: { line: b.line },
        },
        ctx,
        warnings,
      ),
    );
  }
  return { tasks, duties };
}
