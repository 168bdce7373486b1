/**
 * The five real documents, read as an admin would import them. Expected
 * values were written from reading the documents themselves (DUBAN_SEEDS_DIR,
 * default ../shared/seeds); skipped where they are absent.
 */
import { expect, it } from 'vitest';
import type { Rule } from '../../../domain/rules';
import type { Task } from '../../../domain/plan/model';
import { detectShape } from '../../../domain/plan/read-text';
import { textLines } from '../../../domain/plan/text-common';
import { describeSeeds, readSeed, seedText } from './seeds';

/** '12月底' → monthEnd 12; '2021年12月底' → with year; '季度' → quarterly. */
function rule(short: string): Rule {
  if (short === '季度') return { kind: 'quarterly' };
  const m = /^(?:(\d{4})年)?(\d{1,2})月底$/.exec(short);
  if (!m) throw new Error(short);
  return m[1] ? { kind: 'monthEnd', month: Number(m[2]), year: Number(m[1]) } : { kind: 'monthEnd', month: Number(m[2]) };
}

type Row = [id: string, lead: string, responsible: string, cooperating: string, deadline: string];

function expectRows(tasks: Task[], rows: Row[]): void {
  const split = (s: string) => (s === '' ? [] : s.split('、'));
  expect(tasks.map((t) => [t.id, t.leadUnits, t.responsibleUnits, t.cooperatingUnits, t.deadline])).toEqual(
    rows.map(([id, lead, resp, coop, deadline]) => [id, split(lead), split(resp), split(coop), rule(deadline)]),
  );
}

function task(tasks: Task[], id: string): Task {
  const t = tasks.find((x) => x.id === id);
  if (!t) throw new Error(`no task ${id}`);
  return t;
}

describeSeeds('seed shapes', () => {
  it('recognises each document by its shape', () => {
    expect(['000', '001', '002', '003', '004'].map((s) => detectShape(textLines(seedText(s))))).toEqual([
      'numberedItems',
      'numberedItems',
      'paragraphs',
      'tabTable',
      'flatTable',
    ]);
  });

  it('imports the expected number of tasks from each seed', () => {
    expect(['000', '001', '002', '003', '004'].map((s) => readSeed(s).plan.tasks.length)).toEqual([40, 16, 69, 42, 53]);
  });
});

describeSeeds('seed 000: 滕州 2024, numbered items with （责任单位：…）', () => {
  const { plan, warnings } = readSeed('000');

  it('reads title, office, issue date and year from the notice', () => {
    expect({ id: plan.id, title: plan.title, office: plan.office, issued: plan.issued, year: plan.year }).toEqual({
      id: '2024-063z5w2',
      title: '2024年滕州市政务公开工作要点',
      office: '滕州市人民政府办公室',
      issued: '2024-06-05',
      year: 2024,
    });
  });

  it('finds the 30-day breakdown submission of the closing paragraph as a plan-level duty', () => {
    expect(plan.duties).toEqual([
      { duty: 'breakdownSubmission', rule: { kind: 'calendarDays', days: 30, from: 'planIssued' }, units: 'allNamed', text: '发布后 30 日内报送' },
    ]);
  });

  it('numbers items by section, since numbering restarts under every （一）', () => {
    expect(plan.tasks.map((t) => t.id).slice(0, 8)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1']);
    expect(plan.tasks.at(-1)).toMatchObject({ id: '13.2', label: '（十三）2' });
    expect(task(plan.tasks, '2.3').section).toEqual(['一、加大重点领域主动公开力度', '（二）围绕推进社会治理精细化强化信息公开']);
  });

  it('splits the units of the closing clause, one per entry', () => {
    const units = (id: string) => task(plan.tasks, id).responsibleUnits;
    expect(units('1.1')).toEqual(['市政府有关部门单位']);
    expect(units('1.2')).toEqual(['市发展和改革委员会', '市商务和投资促进局']);
    expect(units('1.3')).toEqual(['市发展和改革委员会', '市医疗保障局', '市卫生健康局', '市教育和体育局', '市文化和旅游局', '市住房和城乡建设局']);
    expect(units('2.3')).toEqual(['生态环境滕州分局', '市综合行政执法局', '各镇街']);
    expect(units('3.5')).toEqual(['市民政局', '市人力资源和社会保障局', '市医疗保障局']);
    expect(units('4.1')).toEqual(['市司法局', '有关部门单位']);
    expect(units('4.3')).toEqual(['市司法局', '市市场监管局', '市财政局', '有关部门单位']);
    expect(units('4.4')).toEqual(['市教育和体育局', '市卫生健康局', '市交通运输局', '市住房和城乡建设局']);
    expect(units('5.4')).toEqual(['市政府办公室']);
    expect(units('10.3')).toEqual(['市自然资源局', '市住建局', '市人力资源和社会保障局', '有关部门单位', '各镇街']);
    expect(units('10.4')).toEqual(['市政府办公室', '市司法局', '有关部门单位']);
    // （十一）1: the unit clause stands on its own line after the item.
    expect(units('11.1')).toEqual(['市政府各部门单位', '各镇街']);
    expect(units('11.2')).toEqual(['市政府有关部门单位', '各镇街']);
    expect(plan.tasks.every((t) => t.leadUnits.length === 0 && t.cooperatingUnits.length === 0)).toBe(true);
  });

  it('reads the responsible units of every item', () => {
    expect(plan.tasks.map((t) => [t.id, t.responsibleUnits.join('、')])).toEqual([
      ['1.1', '市政府有关部门单位'],
      ['1.2', '市发展和改革委员会、市商务和投资促进局'],
      ['1.3', '市发展和改革委员会、市医疗保障局、市卫生健康局、市教育和体育局、市文化和旅游局、市住房和城乡建设局'],
      ['2.1', '市住房和城乡建设局'],
      ['2.2', '市农业农村局、各镇街'],
      ['2.3', '生态环境滕州分局、市综合行政执法局、各镇街'],
      ['2.4', '市农业农村局、市住房和城乡建设局、各镇街'],
      ['3.1', '市人力资源和社会保障局、市退役军人事务局'],
      ['3.2', '市卫生健康局'],
      ['3.3', '市住房和城乡建设局、市自然资源局'],
      ['3.4', '市教育和体育局'],
      ['3.5', '市民政局、市人力资源和社会保障局、市医疗保障局'],
      ['4.1', '市司法局、有关部门单位'],
      ['4.2', '市政府有关部门单位、各镇街'],
      ['4.3', '市司法局、市市场监管局、市财政局、有关部门单位'],
      ['4.4', '市教育和体育局、市卫生健康局、市交通运输局、市住房和城乡建设局'],
      ['5.1', '市政府各部门单位、各镇街'],
      ['5.2', '市政府各部门单位、各镇街'],
      ['5.3', '市政府各部门单位、各镇街'],
      ['5.4', '市政府办公室'],
      ['6.1', '市政府各部门单位'],
      ['6.2', '市政府各部门单位'],
      ['6.3', '市政府各部门单位'],
      ['7.1', '市政府各部门单位'],
      ['7.2', '市政府各部门单位'],
      ['8.1', '市政府各部门单位、各镇街'],
      ['8.2', '市政府各部门单位、各镇街'],
      ['9.1', '市政府各部门单位、各镇街'],
      ['9.2', '市政府各部门单位、各镇街'],
      ['9.3', '市政府各部门单位、各镇街'],
      ['10.1', '市政府各部门单位、各镇街'],
      ['10.2', '市政府各部门单位、各镇街'],
      ['10.3', '市自然资源局、市住建局、市人力资源和社会保障局、有关部门单位、各镇街'],
      ['10.4', '市政府办公室、市司法局、有关部门单位'],
      ['11.1', '市政府各部门单位、各镇街'],
      ['11.2', '市政府有关部门单位、各镇街'],
      ['12.1', '市政府各部门单位、各镇街'],
      ['12.2', '市政府各部门单位、各镇街'],
      ['13.1', '市政府各部门单位、各镇街'],
      ['13.2', '市政府各部门单位、各镇街'],
    ]);
  });

  it('joins an item broken over a page ("规范性文件制" / "定、执法")', () => {
    expect(task(plan.tasks, '4.1').content).toContain('及时公开规范性文件制定、执法、司法、普法以及法律服务工作成果');
    expect(task(plan.tasks, '4.1').content).not.toContain('责任单位');
  });

  it('gives every item the year end, except the quarterly one, and says each year end was assumed', () => {
    const deadlines = plan.tasks.map((t) => (t.id === '4.2' ? ['4.2', t.deadline] : t.deadline));
    expect(deadlines).toEqual(plan.tasks.map((t) => (t.id === '4.2' ? ['4.2', { kind: 'quarterly' }] : { kind: 'monthEnd', month: 12 })));
    expect(task(plan.tasks, '4.2').deadlineText).toBe('按季度');
    expect(warnings.map((w) => w.code)).toEqual(Array(39).fill('deadline.defaulted'));
    expect(warnings[0]).toMatchObject({ severity: 'warning', place: { file: '000_6d5aac6ac71a0413.txt', line: 25, field: 'deadline' } });
  });
});

describeSeeds('seed 001: 峄城 2021, items 1–16 without units', () => {
  const { plan, warnings } = readSeed('001');

  it('keeps the document numbering 1–16 as ids', () => {
    expect(plan.tasks.map((t) => t.id)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    expect({ year: plan.year, issued: plan.issued, title: plan.title }).toEqual({ year: 2021, issued: '2021-06-23', title: '2021年峰城区政务公开重点工作实施方案' });
  });

  it('reads "2021年底前" inside the text and defaults the others to the year end', () => {
    const withDate = plan.tasks.filter((t) => t.deadlineText).map((t) => [t.id, t.deadline, t.deadlineText]);
    expect(withDate).toEqual([
      ['11', { kind: 'monthEnd', month: 12, year: 2021 }, '2021年底前'],
      ['16', { kind: 'monthEnd', month: 12, year: 2021 }, '2021年底前'],
    ]);
  });

  it('assigns the notice\'s addressees to every item and warns for each', () => {
    expect(new Set(plan.tasks.map((t) => t.responsibleUnits.join('、')))).toEqual(new Set(['各镇街、区政府各部门']));
    expect(warnings.filter((w) => w.code === 'units.defaulted')).toHaveLength(16);
    expect(warnings.filter((w) => w.code === 'text.unplaced').map((w) => w.place.line)).toEqual([13, 67]);
  });
});

describeSeeds('seed 002: 烟台 2023, unnumbered paragraphs with statutory timelines', () => {
  const { plan, warnings } = readSeed('002');

  it('reads the 【公布日期】 field and the office', () => {
    expect({ issued: plan.issued, office: plan.office, year: plan.year }).toEqual({ issued: '2023-06-30', office: '烟台市人民政府办公室', year: 2023 });
  });

  it('finds the March 31 SME arrears duty', () => {
    const t = task(plan.tasks, '2.4');
    expect(t.duties).toEqual([{ duty: 'smeArrearsDisclosure', rule: { kind: 'fixedYearly', month: 3, day: 31 }, text: '3月31日前' }]);
    expect(t.deadline).toEqual({ kind: 'fixedYearly', month: 3, day: 31 });
  });

  it('finds the 7-day comment publication after a solicitation ends', () => {
    const t = task(plan.tasks, '7.3');
    expect(t.duties).toEqual([{ duty: 'commentPublication', rule: { kind: 'calendarDays', days: 7, from: 'commentClosed' }, text: '意见征集结束后7日内' }]);
    expect(t.deadline).toEqual({ kind: 'calendarDays', days: 7, from: 'commentClosed' });
  });

  it('finds the 10-working-day feedback disclosure after a policy is issued', () => {
    const t = task(plan.tasks, '8.2');
    expect(t.duties).toEqual([{ duty: 'feedbackDisclosure', rule: { kind: 'workingDays', days: 10, from: 'policyIssued' }, text: '出台后的10 个工作日内' }]);
    expect(t.deadline).toEqual({ kind: 'workingDays', days: 10, from: 'policyIssued' });
  });

  it('reads counts per year and a dated year end', () => {
    expect(['8.4', '9.2', '9.3', '15.1', '16.4'].map((id) => task(plan.tasks, id).deadline)).toEqual([
      { kind: 'atLeastTimes', times: 10 },
      { kind: 'atLeastTimes', times: 5 },
      { kind: 'monthEnd', month: 12, year: 2023 },
      { kind: 'atLeastTimes', times: 1 },
      { kind: 'atLeastTimes', times: 1 },
    ]);
  });

  it('counts paragraphs per subsection (一)…(十八) and leaves the web page\'s trailer out', () => {
    const perSection = plan.tasks.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.id.split('.')[0]!]: (acc[t.id.split('.')[0]!] ?? 0) + 1 }), {});
    expect(perSection).toEqual({ 1: 4, 2: 5, 3: 7, 4: 6, 5: 5, 6: 2, 7: 3, 8: 5, 9: 3, 10: 3, 11: 4, 12: 3, 13: 5, 14: 4, 15: 2, 16: 4, 17: 2, 18: 2 });
    expect(warnings.filter((w) => w.code === 'text.unplaced').map((w) => w.message)).toEqual(['此段未归入任何任务：“相关文档最新文档”']);
  });

  it('joins a paragraph broken mid-sentence', () => {
    expect(task(plan.tasks, '3.1').content).toBe('围绕保障和改善民生重大部署和重点工作,及时公开相关政策措施、执行情况和工作成效。');
  });
});

describeSeeds('seed 003: 济宁高新区 2023, tab-indented table with merged cells', () => {
  const { plan, warnings } = readSeed('003');

  it('reads lead, responsible units and deadline of every row, repeating merged cells', () => {
    expectRows(plan.tasks, [
    ['1.1', '区生态环境分局', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['1.2', '区经济运行局', '各街道', '', '12月底'],
    ['1.3', '区财政金融局、区发展改革局、区经济运行局', '各街道', '', '12月底'],
    ['1.4', '区党工委组织部(人力资源部)、区财政金融局、区发展改革局、区经济运行局、区科技创新局', '各街道', '', '12月底'],
    ['2.1', '区党工委组织部(人力资源部)', '各街道', '', '11月底'],
    ['2.2', '区发展软环境保障局', '各街道', '', '11月底'],
    ['2.3', '区发展软环境保障局', '各街道', '', '11月底'],
    ['2.4', '区发展软环境保障局', '各街道', '', '11月底'],
    ['2.5', '区发展软环境保障局', '各街道', '', '11月底'],
    ['2.6', '区发展软环境保障局', '各街道', '', '11月底'],
    ['2.7', '区城乡建设和交通局', '各街道', '', '11月底'],
    ['2.8', '区城乡建设和交通局、区发展软环境保障局、区发展软环境保障局（城乡统筹发展）、区城乡建设和交通局（交通）、区生态环境分局', '区直有关部门、驻区有关单位、各街道', '', '11月底'],
    ['2.9', '区党工委组织部(人力资源部)、区发展软环境和保障局', '区直各部门、驻区各单位、各街道', '', '11月底'],
    ['3.1', '区党政办公室', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['3.2', '区党政办公室', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['3.3', '区党政办公室', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['3.4', '区党政办公室', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['3.5', '区直各部门、驻区各单位、各街道', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['3.6', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['4.1', '区社会治理服务中心', '区直有关部门、驻区有关单位、各街道', '', '12月底'],
    ['4.2', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['4.3', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['4.4', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['5.1', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['5.2', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['6.1', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['7.1', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['7.2', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['7.3', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['7.4', '区直各部门、驻区各单位', '各街道', '', '12月底'],
    ['7.5', '区直各部门、驻区各单位、各街道', '各街道', '', '12月底'],
    ['8.1', '区直各部门、驻区各单位、各街道', '各街道', '', '12月底'],
    ['8.2', '区直各部门、驻区各单位、各街道', '各街道', '', '12月底'],
    ['9.1', '区直各部门、驻区各单位、各街道', '', '', '12月底'],
    ['10.1', '各街道', '', '', '12月底'],
    ['11.1', '区党政办公室', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['11.2', '区党政办公室', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['12.1', '区党政办公室', '区直各部门、驻区各单位、各街道', '', '12月底'],
    ['12.2', '区行政审批服务局', '各街道', '', '12月底'],
    ['13.1', '区直各部门、驻区各单位、各街道', '各街道', '', '12月底'],
    ['13.2', '区直各部门、驻区各单位、各街道', '各街道', '', '12月底'],
    ['13.3', '区自然资源和规划分局、各街道', '区直有关部门、区直有关单位', '', '12月底'],
    ]);
  });

  it('keeps 工作任务 as content and 具体要求 as requirement, sections from the table', () => {
    expect(task(plan.tasks, '2.3')).toMatchObject({
      content: '（二）围绕提升群众生活品质强化公开',
      requirement: '加强民办教育学校和校外培训机构的监管，落实收费公示和公开承诺制度，推进办学资质等信息集中公开。',
      section: ['一、推进绿色低碳高质量发展信息公开', '（二）围绕提升群众生活品质强化公开'],
      deadlineText: '11月底前',
    });
  });

  it('finds the 10-working-day feedback disclosure in a requirement', () => {
    expect(task(plan.tasks, '7.2').duties).toEqual([
      { duty: 'feedbackDisclosure', rule: { kind: 'workingDays', days: 10, from: 'policyIssued' }, text: '出台后的10个工作日内' },
    ]);
  });

  it('warns where an empty cell was repeated across a new 工作任务', () => {
    expect(warnings.map((w) => [w.code, w.place.line, w.place.field])).toEqual([
      ['cell.inherited', 248, 'responsible'],
      ['cell.inherited', 298, 'responsible'],
    ]);
    expect({ issued: plan.issued, year: plan.year, office: plan.office }).toEqual({ issued: '2023-08-14', year: 2023, office: '济宁高新区管委会办公室' });
  });
});

describeSeeds('seed 004: 邹城 2024, a PDF table flattened to text', () => {
  const { plan, warnings } = readSeed('004');

  it('reads the unit cells and deadline of all 53 rows, unsure only of the ledger\'s period', () => {
    expectRows(plan.tasks, [
    ['1', '', '市发展和改革局、市商务局、市投资促进服务中心', '', '12月底'],
    ['2', '', '市发展和改革局', '', '12月底'],
    ['3', '', '市发展和改革局', '', '12月底'],
    ['4', '', '市发展和改革局、市工业和信息化局、市应急管理局、市民政局、市行政审批服务局', '', '12月底'],
    ['5', '', '市商务局、市卫生健康局、市教育和体育局、市文化和旅游局、市住房和城乡建设局', '', '12月底'],
    ['6', '', '市住房和城乡建设局、市综合行政执法局', '', '12月底'],
    ['7', '', '市农业农村局', '', '12月底'],
    ['8', '', '济宁市生态环境局邹城市分局', '', '12月底'],
    ['9', '', '市综合行政执法局', '', '12月底'],
    ['10', '', '市农业农村局、市自然资源和规划局、市住房和城乡建设局、市财政局', '', '12月底'],
    ['11', '', '市人力资源和社会保障局、市退役军人事务局', '', '12月底'],
    ['12', '', '市发展和改革局', '', '12月底'],
    ['13', '', '市卫生健康局', '', '12月底'],
    ['14', '', '市住房和城乡建设局', '', '12月底'],
    ['15', '', '市教育和体育局', '', '12月底'],
    ['16', '', '市发展和改革局、市医疗保障局、市民政局、市教育和体育局、市卫生健康局', '', '12月底'],
    ['17', '', '市民政局', '', '12月底'],
    ['18', '', '市人力资源和社会保障局', '', '12月底'],
    ['19', '', '市政府各部门', '', '12月底'],
    ['20', '', '市政府各部门', '', '12月底'],
    ['21', '', '市市场监督管理局', '', '12月底'],
    ['22', '', '市教育和体育局、市卫生健康局、市住房和城乡建设局、市水务局、市交通运输局', '', '11月底'],
    ['23', '', '市教育和体育局、市卫生健康局、市住房和城乡建设局、市水务局、市交通运输局', '', '11月底'],
    ['24', '', '各镇街、市政府各部门', '', '12月底'],
    ['25', '', '各镇街、市自然资源和规划局、市住房和城乡建设局、市人力资源和社会保障局', '', '12月底'],
    ['26', '', '市司法局、市信访局', '', '12月底'],
    ['27', '', '各镇街、市政府各部门', '', '12月底'],
    ['28', '', '市政府办公室', '', '12月底'],
    ['29', '', '市行政审批服务局', '', '12月底'],
    ['30', '', '市政府办公室', '', '12月底'],
    ['31', '', '市政府各部门', '', '12月底'],
    ['32', '', '市政府办公室、市司法局', '', '12月底'],
    ['33', '', '市政府办公室', '', '12月底'],
    ['34', '', '市政府各部门', '', '12月底'],
    ['35', '', '市政府各部门', '', '12月底'],
    ['36', '', '市政府各部门', '', '12月底'],
    ['37', '', '市政府各部门', '', '12月底'],
    ['38', '市司法局', '', '市政府各部门', '12月底'],
    ['39', '', '市政府各部门', '', '12月底'],
    ['40', '', '市政府办公室', '', '12月底'],
    ['41', '', '市政府各部门', '', '12月底'],
    ['42', '', '市政府办公室', '', '12月底'],
    ['43', '', '市政府办公室', '', '12月底'],
    ['44', '', '市政府办公室', '', '12月底'],
    ['45', '', '市政府办公室', '', '12月底'],
    ['46', '', '市政府办公室', '', '12月底'],
    ['47', '', '市政府办公室', '', '12月底'],
    ['48', '', '市政府办公室', '', '12月底'],
    ['49', '', '市政府办公室', '', '12月底'],
    ['50', '', '市政府办公室', '', '12月底'],
    ['51', '市政府办公室', '', '各镇街、各部门', '12月底'],
    ['52', '市政府办公室', '', '各镇街、各部门', '6月底'],
    ['53', '市政府办公室', '', '各镇街、各部门', '6月底'],
    ]);
    expect(warnings).toEqual([
      {
        code: 'duty.periodAssumed',
        severity: 'warning',
        place: { file: '004_e3ee1ab34cb46471.txt', line: 51 },
        message: '文中要求“形成本单位工作台账”但未写报送期限，按任务分解（工作台账）报送的法定期限（印发后30日内）计',
      },
    ]);
  });

  it('takes the 工作台账 the notice asks of every unit as the breakdown duty, with the statutory 30 days', () => {
    expect(plan.duties).toEqual([
      { duty: 'breakdownSubmission', rule: { kind: 'calendarDays', days: 30, from: 'planIssued' }, units: 'allNamed', text: '形成本单位工作台账' },
    ]);
  });

  it('rebuilds the 工作任务 broken into fragments and the requirement broken over lines', () => {
    expect(task(plan.tasks, '1')).toMatchObject({
      label: '1',
      content: '（一）以公开助推高水平开放、高质量招商引资',
      requirement: '围绕“深化大开放、拓展大招商”做好信息发布工作，重点宣传推送扩大有效投资、促进招商引资、高水平对外开放等政策及相关措施',
      section: ['一、以高质量公开助推重点工作落实', '（一）以公开助推高水平开放、高质量招商引资'],
    });
    expect(task(plan.tasks, '47').content).toBe('（十一）切实强化政府网站和政务新媒体管理');
    expect(task(plan.tasks, '50').content).toBe('（十一）切实强化政府网站和政务新媒体管理');
    expect(task(plan.tasks, '17').requirement).toBe('动态调整并公开社会救助标准');
  });

  it('reads the issue date written with spaces ("2024年 6月 24日")', () => {
    expect({ issued: plan.issued, year: plan.year, title: plan.title }).toEqual({ issued: '2024-06-24', year: 2024, title: '2024年邹城市政务公开工作要点任务分解表' });
  });
});
