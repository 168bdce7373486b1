import { describe, expect, it } from 'vitest';
import { readCsv, readGrid } from '../../../domain/plan/read-table';
import { readDirectoryCsv } from '../../../domain/plan/units';
import { readError } from './read-error';

const HEADER = '序号,工作任务,牵头单位,责任单位,配合单位,具体要求,完成时限';

describe('CSV 任务分解表', () => {
  const csv = [
    '2024年示例市政务公开工作要点任务分解表,,,,,,',
    HEADER,
    '一、加大公开力度,,,,,,',
    '1,（一）政策公开,市政府办公室,"市司法局、市财政局",,规范发布政策文件,12月底前',
    '2,,,,,做好政策解读,6月底前',
    '3,（二）依申请公开,市司法局,各镇街,市政府各部门,提升答复质量,',
  ].join('\n');
  const { plan, warnings } = readCsv(csv, { file: 'plan.csv', issued: '2024-03-01' });

  it('reads the usual columns, the document numbers as ids and the title above the header', () => {
    expect({ title: plan.title, year: plan.year, issued: plan.issued }).toEqual({ title: '2024年示例市政务公开工作要点任务分解表', year: 2024, issued: '2024-03-01' });
    expect(plan.tasks.map((t) => [t.id, t.content, t.requirement, t.leadUnits, t.responsibleUnits, t.cooperatingUnits, t.deadline])).toEqual([
      ['1', '（一）政策公开', '规范发布政策文件', ['市政府办公室'], ['市司法局', '市财政局'], [], { kind: 'monthEnd', month: 12 }],
      ['2', '（一）政策公开', '做好政策解读', ['市政府办公室'], ['市司法局', '市财政局'], [], { kind: 'monthEnd', month: 6 }],
      ['3', '（二）依申请公开', '提升答复质量', ['市司法局'], ['各镇街'], ['市政府各部门'], { kind: 'monthEnd', month: 6 }],
    ]);
    expect(plan.tasks[0]!.section).toEqual(['一、加大公开力度', '（一）政策公开']);
    expect(plan.tasks[0]!.source).toEqual({ file: 'plan.csv', row: 4 });
  });

  it('says where an empty cell was carried into a new 工作任务', () => {
    expect(warnings).toEqual([
      { code: 'cell.inherited', severity: 'warning', place: { file: 'plan.csv', row: 6, field: 'deadline' }, message: '完成时限为空，沿用上一行的“6月底前”，请核对' },
    ]);
  });

  it('refuses a table without the expected columns, naming them', () => {
    const err = readError(() => readCsv('姓名,电话\n张三,123\n', { file: 'contacts.csv' }));
    expect(err.issues).toEqual([
      {
        code: 'table.noHeader',
        severity: 'error',
        place: { file: 'contacts.csv' },
        message: '没有找到任务分解表的表头。表头应包含：序号、工作任务、牵头单位、责任单位、配合单位、具体要求、完成时限（至少要有工作任务或具体要求，以及一个单位列）',
      },
    ]);
  });

  it('keeps a formula as text, flags it, and never evaluates it', () => {
    const { plan: p, warnings: w } = readCsv(`${HEADER}\n1,"=HYPERLINK(""http://x.test"",""点我"")",市政府办公室,=1+1,,@SUM(A1),12月底前\n`, { file: 'f.csv', year: 2024 });
    expect(p.tasks[0]!.content).toBe('=HYPERLINK("http://x.test","点我")');
    expect(p.tasks[0]!.responsibleUnits).toEqual(['=1+1']);
    expect(w.filter((x) => x.code === 'cell.formula').map((x) => x.place.field)).toEqual(['task', 'responsible', 'requirement']);
  });

  it('reports 13月 and February 30 as errors at their row, leaving the deadline empty', () => {
    const { plan: p, warnings: w } = readCsv(`${HEADER}\n1,任务甲,市政府办公室,,,要求甲,13月底前\n2,任务乙,市政府办公室,,,要求乙,2月30日前\n`, { file: 'd.csv', year: 2024, issued: '2024-01-02' });
    expect(p.tasks.map((t) => t.deadline)).toEqual([undefined, undefined]);
    expect(w.filter((x) => x.code.startsWith('deadline.')).map((x) => [x.code, x.severity, x.place.row, x.message])).toEqual([
      ['deadline.invalidMonth', 'error', 2, '任务 1：完成时限“13月底前”中的月份 13 不存在'],
      ['deadline.invalidDate', 'error', 3, '任务 2：完成时限“2月30日前”中的日期 2月30日 不存在'],
    ]);
  });

  it('refuses malformed CSV and a table without tasks', () => {
    expect(readError(() => readCsv(`${HEADER}\n`, { file: 'e.csv', year: 2024 })).issues[0]!.code).toBe('plan.noTasks');
    expect(readError(() => readGrid([['工作任务', '责任单位']], { file: 'x.xlsx' })).issues[0]!.code).toBe('plan.noTasks');
  });

  it('asks for the year when nothing states it', () => {
    const err = readError(() => readCsv(`${HEADER}\n1,任务,市政府办公室,,,要求,12月底前\n`, { file: 'y.csv' }));
    expect(err.issues[0]).toMatchObject({ code: 'plan.yearMissing', message: '无法确定计划年度：文中没有年份，请用 --year 指定' });
  });
});

describe('a CSV the parser refuses', () => {
  it('is explained in Chinese on its line, for a plan and for a unit directory, with none of the library\'s English', () => {
    const unclosed = '序号,工作任务,责任单位,完成时限\n1,"公开财政预决算,市财政局,6月底前\n';
    const plan = readError(() => readCsv(unclosed, { file: '分解表.csv' })).issues;
    expect(plan.map((i) => [i.code, i.place.file, i.message])).toEqual([['csv.malformed', '分解表.csv', 'CSV 文件格式有误：有未闭合的双引号：单元格里的双引号须成对，或写成两个双引号（""）']]);
    const columns = 'id,name,aliases,contact_name,contact_email,head_name,head_email,supervisor_name,supervisor_email\nfgj,市发展和改革局,,张三,a@x.cn,李四,b@x.cn,王五,c@x.cn,多出的一列\n';
    const directory = readError(() => readDirectoryCsv(columns, '名录.csv')).issues;
    expect(directory.map((i) => [i.place.file, i.place.line, i.message])).toEqual([['名录.csv', 2, 'CSV 文件格式有误：这一行的列数与表头不同：请检查是否多了或少了逗号']]);
  });
});
