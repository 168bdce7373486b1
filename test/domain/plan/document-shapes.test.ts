/**
 * The readers on the project's own documents (test/fixtures/plans): one small,
 * invented plan in each shape offices send, so the readers stay covered where
 * the real seed documents are absent. Due days are those `plan preview` shows.
 */
import { readFileSync } from 'node:fs';
import { Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createCalendar, packageYears } from '../../../domain/calendar';
import type { ReadResult } from '../../../domain/plan/draft';
import { readCanonical } from '../../../domain/plan/read-canonical';
import { readCsv } from '../../../domain/plan/read-table';
import { detectShape, readText } from '../../../domain/plan/read-text';
import { scheduleRule } from '../../../domain/plan/schedule';
import { textLines } from '../../../domain/plan/text-common';

const calendar = createCalendar(packageYears());
const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/plans/${name}`, import.meta.url), 'utf8');

function read(name: string): ReadResult {
  const text = fixtureText(name);
  return name.endsWith('.csv') ? readCsv(text, { file: name }) : readText(text, { file: name });
}

/** Each task as [id, lead units, responsible units, cooperating units, due day or null]. */
function rows({ plan }: ReadResult): Array<[string, string[], string[], string[], string | null]> {
  return plan.tasks.map((t) => [t.id, t.leadUnits, t.responsibleUnits, t.cooperatingUnits, scheduleRule(calendar, plan, t.deadline).due?.date ?? null]);
}

const warningsOf = ({ warnings }: ReadResult) => warnings.map((w) => [w.code, w.place.line ?? w.place.row ?? null]);

describe('the five text shapes are told apart', () => {
  it.each([
    ['numbered-with-units.txt', 'numberedItems'],
    ['numbered-without-units.txt', 'numberedItems'],
    ['paragraphs.txt', 'paragraphs'],
    ['tab-table.txt', 'tabTable'],
    ['flat-table.txt', 'flatTable'],
  ])('%s is read as %s', (name, shape) => {
    expect(detectShape(textLines(fixtureText(name)))).toBe(shape);
  });
});

describe('numbered items ending in （责任单位：…）', () => {
  const result = read('numbered-with-units.txt');
  const { plan } = result;

  it('reads the title, office and issue date from the notice', () => {
    expect({ title: plan.title, office: plan.office, issued: plan.issued, year: plan.year }).toEqual({
      title: '2025年临溪市政务公开工作要点',
      office: '临溪市人民政府办公室',
      issued: '2025-03-10',
      year: 2025,
    });
  });

  it('numbers items by their subsection and takes the units each one names', () => {
    expect(rows(result)).toEqual([
      ['1.1', [], ['市水务局'], [], '2025-06-30'],
      ['1.2', [], ['市水务局', '市农业农村局'], [], '2025-03-31'],
      ['2.1', [], ['市统计局'], [], '2025-12-31'],
      ['2.2', [], ['市统计局', '市大数据中心'], [], '2025-12-31'],
      ['3.1', [], ['市政府办公室'], [], null],
    ]);
  });

  it('turns each deadline phrase into its rule, and says when it assumed the year end', () => {
    expect(plan.tasks.map((t) => [t.deadline, t.deadlineText ?? null])).toEqual([
      [{ kind: 'monthEnd', month: 6 }, '6月底前'],
      [{ kind: 'quarterly' }, '按季度'],
      [{ kind: 'atLeastTimes', times: 4 }, '每年至少4次'],
      [{ kind: 'monthEnd', month: 12 }, null],
      [{ kind: 'openEnded' }, '长期坚持'],
    ]);
    expect(warningsOf(result)).toEqual([['deadline.defaulted', 29]]);
  });

  it('finds the 30-day breakdown duty in the closing paragraph', () => {
    expect(plan.duties).toEqual([
      { duty: 'breakdownSubmission', rule: { kind: 'calendarDays', days: 30, from: 'planIssued' }, units: 'allNamed', text: '印发后30日内报送' },
    ]);
    expect(scheduleRule(calendar, plan, plan.duties[0]!.rule).due?.date).toBe('2025-04-09');
  });
});

describe('numbered items that name no unit', () => {
  const result = read('numbered-without-units.txt');

  it('gives every item to the notice\'s addressees, with a warning each', () => {
    expect(rows(result)).toEqual([
      ['1', [], ['各乡镇', '县政府各部门'], [], '2025-12-31'],
      ['2', [], ['各乡镇', '县政府各部门'], [], '2025-12-31'],
      ['3', [], ['各乡镇', '县政府各部门'], [], '2025-09-30'],
      ['4', [], ['各乡镇', '县政府各部门'], [], '2025-12-31'],
    ]);
    expect(warningsOf(result)).toEqual([
      ['units.defaulted', 11],
      ['deadline.defaulted', 13],
      ['units.defaulted', 13],
      ['units.defaulted', 15],
      ['deadline.defaulted', 19],
      ['units.defaulted', 19],
    ]);
  });

  it('keeps the year written in the text, and the issue date signed at the end', () => {
    expect(result.plan.tasks[0]!.deadline).toEqual({ kind: 'monthEnd', month: 12, year: 2025 });
    expect({ issued: result.plan.issued, office: result.plan.office }).toEqual({ issued: '2025-04-18', office: '青岚县政务公开领导小组办公室' });
  });
});

describe('unnumbered paragraphs with statutory timelines', () => {
  const result = read('paragraphs.txt');

  it('makes each paragraph a task of its subsection; event-driven periods have no date yet', () => {
    expect(rows(result)).toEqual([
      ['1.1', [], ['各区县人民政府', '市政府各部门', '有关单位'], [], '2025-12-31'],
      // Issued 2025-05-20: the next March 31 is the following year's.
      ['1.2', [], ['各区县人民政府', '市政府各部门', '有关单位'], [], '2026-03-31'],
      ['2.1', [], ['各区县人民政府', '市政府各部门', '有关单位'], [], null],
      ['2.2', [], ['各区县人民政府', '市政府各部门', '有关单位'], [], null],
      ['2.3', [], ['各区县人民政府', '市政府各部门', '有关单位'], [], '2025-12-31'],
    ]);
  });

  it('recognises the SME arrears, feedback and comment duties', () => {
    expect(result.plan.tasks.map((t) => t.duties.map((d) => [d.duty, d.rule, d.text]))).toEqual([
      [],
      [['smeArrearsDisclosure', { kind: 'fixedYearly', month: 3, day: 31 }, '3月31日前']],
      [['feedbackDisclosure', { kind: 'workingDays', days: 10, from: 'policyIssued' }, '出台后10个工作日内']],
      [['commentPublication', { kind: 'calendarDays', days: 7, from: 'commentClosed' }, '意见征集结束后7日内']],
      [],
    ]);
    expect(result.plan.tasks[4]!.deadline).toEqual({ kind: 'atLeastTimes', times: 2 });
  });
});

describe('a tab-indented table with merged cells', () => {
  const result = read('tab-table.txt');

  it('reads lead and responsible units per row; an empty cell repeats the one above', () => {
    expect(rows(result)).toEqual([
      ['1.1', ['区市场监管局'], ['各街道'], [], '2025-06-30'],
      ['1.2', ['区税务分局', '区财政局'], ['各街道'], [], '2025-12-31'],
      ['2.1', ['区民政局'], ['区直各部门'], [], '2025-11-30'],
      ['2.2', ['区民政局'], ['区直各部门'], [], '2025-12-31'],
    ]);
    expect(result.plan.tasks.map((t) => t.requirement)).toEqual([
      '公开市场主体登记办理流程和时限。',
      '发布减税降费政策问答，每季度更新。',
      '公开低保和特困供养对象认定条件。',
      '按月公开临时救助资金发放情况。',
    ]);
    expect(warningsOf(result)).toEqual([]);
  });
});

describe('a PDF table flattened to text', () => {
  const result = read('flat-table.txt');

  it('joins category and unit names broken over lines, past a page number and a repeated header', () => {
    expect(rows(result)).toEqual([
      ['1', [], ['市农业农村局', '市乡村振兴服务中心'], [], '2025-12-31'],
      ['2', [], ['市农业农村局'], [], '2025-11-30'],
      ['3', [], ['市综合行政执法局', '市住房和城乡建设局'], [], '2025-12-31'],
    ]);
    expect(result.plan.tasks.map((t) => t.section.at(-1))).toEqual(['（一）以公开促进乡村振兴', '（一）以公开促进乡村振兴', '（二）以公开促进城市管理']);
  });

  it('assumes the statutory 30 days for a ledger the notice asks for without a period, and says so', () => {
    expect(result.plan.duties.map((d) => [d.duty, d.text, scheduleRule(calendar, result.plan, d.rule).due?.date])).toEqual([
      ['breakdownSubmission', '形成本单位工作台账', '2025-07-31'],
    ]);
    expect(warningsOf(result)).toEqual([['duty.periodAssumed', 8]]);
  });
});

describe('a CSV 任务分解表', () => {
  const result = read('breakdown.csv');

  it('reads lead, responsible and cooperating columns; empty cells repeat the row above', () => {
    expect(rows(result)).toEqual([
      ['1', ['区教育局'], ['各街道'], [], '2025-06-30'],
      ['2', ['区卫生健康局'], ['各街道'], ['区医保局'], '2025-06-30'],
      ['3', ['区民政局'], ['区民政局'], ['区财政局'], '2025-03-31'],
    ]);
    expect(warningsOf(result)).toEqual([['plan.issuedMissing', null]]);
  });
});

describe('canonical YAML', () => {
  it.each(['numbered-with-units.txt', 'numbered-without-units.txt', 'paragraphs.txt', 'tab-table.txt', 'flat-table.txt', 'breakdown.csv'])(
    'round-trips the plan read from %s',
    (name) => {
      const { plan } = read(name);
      expect(readCanonical(new Document(plan).toString({ lineWidth: 0 }), { file: 'plan.yaml' })).toMatchObject({ plan, warnings: [] });
    },
  );
});
