/**
 * Real plans from other provinces (DUBAN_CORPUS_DIR, default ../shared/corpus),
 * read in place and never copied here, and what a careful reader finds in each:
 * facts only (task ids, unit names, due days), written by reading the documents.
 *
 * Due days are written year-independent where the document is: `2012-10-31` a
 * written date, `--12-31` year-end of the plan's year, `open` 长期坚持/持续推进,
 * `+7wd/informationCreated` 7 working days from the information's creation,
 * `none` no deadline stated (the reader must say so).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readPlanFile } from '../../../client/plan-files';
import { projectRoot } from '../../../config/env';
import type { PlanIssue } from '../../../domain/plan/issues';
import { PlanReadError } from '../../../domain/plan/issues';
import type { Task } from '../../../domain/plan/model';
import type { Rule } from '../../../domain/rules';

export const corpusDir = path.resolve(projectRoot, process.env.DUBAN_CORPUS_DIR ?? '../shared/corpus');
export const haveCorpus = existsSync(corpusDir);
export const corpusMissingLine = `corpus documents not found at ${corpusDir}; set DUBAN_CORPUS_DIR to measure the importer on them`;

/** [task id, units (all roles, 、-joined), due] */
type Expected = Array<[string, string, string]>;

const gz = (ids: number[], units: string[]): Expected => ids.map((id, i) => [String(id), units[i]!, id === 43 ? '2012-10-31' : 'none']);
const GZ_REST = '各区、各县级市';

export const EXPECTED: Record<string, Expected> = {
  // 广州 人才集聚工程实施意见: item 1 is the overall goal (no units), 2–45 are tasks; "5年内" is a five-year target, not a deadline.
  '01_guangdong-2012-guangzhou-rencai-jiju': gz(
    Array.from({ length: 44 }, (_, i) => i + 2),
    [
      `市发展改革委、市委组织部、市人力资源和社会保障局、${GZ_REST}`,
      '市委组织部、市国资委',
      `市经贸委、市人力资源和社会保障局、市工商联、${GZ_REST}`,
      `市人力资源和社会保障局、市教育局、${GZ_REST}`,
      `市金融办、市发展改革委、市人力资源和社会保障局、${GZ_REST}`,
      `市人力资源和社会保障局、${GZ_REST}`,
      `市人力资源和社会保障局、市工商局、市金融办、团市委、${GZ_REST}`,
      '市委组织部、市科技和信息化局、市人力资源和社会保障局',
      '市委组织部、各有关单位',
      `市人力资源和社会保障局、${GZ_REST}`,
      `市人力资源和社会保障局、${GZ_REST}`,
      `市科技和信息化局、${GZ_REST}`,
      '市教育局、市人力资源和社会保障局、市国资委',
      '市科协、市发展改革委、市科技和信息化局、市国资委、市经贸委',
      `市委组织部、${GZ_REST}`,
      `市城管委、${GZ_REST}`,
      `市人力资源和社会保障局、市委组织部、${GZ_REST}`,
      '市农业局、市科协、各有关区、各有关县级市',
      `市委宣传部、各有关单位、${GZ_REST}`,
      `市文化广电新闻出版局、各有关单位、${GZ_REST}`,
      `市体育局、市人力资源和社会保障局、${GZ_REST}`,
      `市教育局、市人力资源和社会保障局、${GZ_REST}`,
      `市卫生局、市人力资源和社会保障局、${GZ_REST}`,
      `市民政局、市人力资源和社会保障局、${GZ_REST}`,
      `市委政法委、市法院、市检察院、市公安局、市司法局、市法制办、${GZ_REST}`,
      '团市委、市人力资源和社会保障局',
      `市留交办、各有关单位、${GZ_REST}`,
      '市人力资源和社会保障局',
      `市人力资源和社会保障局、各有关单位、${GZ_REST}`,
      `市委组织部、市发展改革委、市人力资源和社会保障局、市科技和信息化局、市教育局、${GZ_REST}`,
      `市留交办、各有关单位、${GZ_REST}`,
      '市委组织部、市科技和信息化局、市人力资源和社会保障局、市留交办',
      `市人力资源和社会保障局、各有关单位、${GZ_REST}`,
      '市委组织部、市科技和信息化局、市人力资源和社会保障局、市财政局、越秀区',
      '市委组织部、市人力资源和社会保障局、市科技和信息化局、各有关区、各有关县级市',
      `市人力资源和社会保障局、市委组织部、各有关单位、${GZ_REST}`,
      `市住房保障办、市规划局、市国土房管局、${GZ_REST}`,
      `市人力资源和社会保障局、市委组织部、各有关单位、${GZ_REST}`,
      `市委组织部、市编办、市人力资源和社会保障局、各有关单位、${GZ_REST}`,
      `市财政局、市委组织部、各有关单位、${GZ_REST}`,
      `市委组织部、各有关单位、${GZ_REST}`,
      `市委组织部、各项目牵头单位、${GZ_REST}`,
      `市委组织部、各项目牵头单位、${GZ_REST}`,
      `市委组织部、市委宣传部、各有关单位、${GZ_REST}`,
    ],
  ),
  // 池州市信访局 重点任务清单: 8 rows; row 4 continues the merged 工作任务 above.
  '02_anhui-undated-chizhou-xfj-zwgk-renwu-qingdan': [
    ['1', '办公室', '--12-31'],
    ['2', '各科室', 'open'],
    ['3', '各科室', 'open'],
    ['4', '办公室', 'open'],
    ['5', '各科室', 'open'],
    ['6', '办公室', 'open'],
    ['7', '各科室', 'open'],
    ['8', '办公室', 'open'],
  ],
  // 永州市信访局 主动公开全清单: 7 rows, one department (no unit column), periods from the information's creation.
  '03_hunan-undated-yongzhou-xfj-zhudong-gongkai-qingdan': [
    ['1', '', '+7wd/informationCreated'],
    ['2', '', '+7wd/informationCreated'],
    ['3', '', '+7wd/informationCreated'],
    ['4', '', '+15wd/informationCreated'],
    ['5', '', '+15wd/informationCreated'],
    ['6', '', '+7wd/informationCreated'],
    ['7', '', '+15wd/informationCreated'],
  ],
  // 彰武县 标准化规范化工作方案: 3 tasks under 主要任务 and 3 milestones under 进度安排; 工作要求's captions are not tasks.
  // "2011年底前" is a typo for 2021 and "2022年底11月前" is garbled (read as 2022-11-30): the reader can only flag them.
  '04_liaoning-2020-zhangwu-jiceng-zwgk-biaozhunhua-fangan': [
    ['1.1', '', '2020-11-30'],
    ['1.2', '', '2021-12-31'],
    ['1.3', '', '2022-11-30'],
    ['1', '', '2020-09-30'],
    ['2', '', '2020-11-30'],
    ['3', '', '2022-03-31'],
  ],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A rule as the year-independent label above. */
export function dueLabel(rule: Rule | undefined): string {
  if (!rule) return 'none';
  switch (rule.kind) {
    case 'monthEnd': {
      const day = new Date(Date.UTC(rule.year ?? 2001, rule.month, 0)).getUTCDate();
      return `${rule.year ?? '-'}-${pad(rule.month)}-${pad(day)}`;
    }
    case 'fixedDate':
      return `${rule.year}-${pad(rule.month)}-${pad(rule.day)}`;
    case 'fixedYearly':
      return `--${pad(rule.month)}-${pad(rule.day)}`;
    case 'openEnded':
      return 'open';
    case 'workingDays':
      return `+${rule.days}wd/${rule.from}`;
    case 'calendarDays':
      return `+${rule.days}d/${rule.from}`;
    default:
      return rule.kind;
  }
}

const unitsOf = (t: Task) => [...t.leadUnits, ...t.responsibleUnits, ...t.cooperatingUnits];

export interface DocumentScore {
  name: string;
  expected: number;
  found: number;
  /** Expected tasks whose units (as a set) are right. */
  unitsRight: number;
  dueRight: number;
  /** Tasks with a wrong unit or due day and no warning on them. */
  silentMisses: string[];
  warnings: number;
  /** `--year` had to be given (the document names no year). */
  yearGiven: boolean;
}

/** Reads one corpus document as `duban plan import` would (adding --year only when it asks for one) and scores it. */
export async function scoreDocument(file: string): Promise<DocumentScore> {
  const name = path.basename(file).replace(/\.[^.]+$/, '');
  const expected = EXPECTED[name] ?? [];
  let yearGiven = false;
  let result;
  try {
    result = await readPlanFile(file);
  } catch (err) {
    if (!(err instanceof PlanReadError) || err.issues[0]?.code !== 'plan.yearMissing') throw err;
    yearGiven = true;
    result = await readPlanFile(file, { year: 2024 });
  }
  const { plan, warnings } = result;
  const flagged = (t: Task) => warnings.some((w: PlanIssue) => w.place.line !== undefined && w.place.line === t.source?.line);
  let unitsRight = 0;
  let dueRight = 0;
  const silentMisses: string[] = [];
  for (const [id, units, due] of expected) {
    const t = plan.tasks.find((x) => x.id === id);
    if (!t) {
      silentMisses.push(`${id}: not found`);
      continue;
    }
    const want = units === '' ? [] : units.split('、');
    const got = unitsOf(t);
    const uOk = want.length === got.length && want.every((u) => got.includes(u));
    const dOk = dueLabel(t.deadline) === due;
    if (uOk) unitsRight++;
    if (dOk) dueRight++;
    if ((!uOk || !dOk) && !flagged(t)) silentMisses.push(`${id}: ${uOk ? '' : `units ${got.join('、')}`} ${dOk ? '' : `due ${dueLabel(t.deadline)} ≠ ${due}`}`.trim());
  }
  return { name, expected: expected.length, found: plan.tasks.length, unitsRight, dueRight, silentMisses, warnings: warnings.length, yearGiven };
}

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((f) => !f.endsWith('.json'))
    .sort()
    .map((f) => path.join(corpusDir, f));
}
