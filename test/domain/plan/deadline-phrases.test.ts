import { describe, expect, it } from 'vitest';
import { findDeadlineInText, findDuties, findPlanDuties, parseCount, parseDeadlineCell } from '../../../domain/plan/deadline-phrases';

describe('完成时限 cells', () => {
  it.each([
    ['12月底前', { kind: 'monthEnd', month: 12 }],
    ['6月底前', { kind: 'monthEnd', month: 6 }],
    ['11月底前', { kind: 'monthEnd', month: 11 }],
    ['2021年底前', { kind: 'monthEnd', month: 12, year: 2021 }],
    ['2023年年底前', { kind: 'monthEnd', month: 12, year: 2023 }],
    ['2024年6月底前', { kind: 'monthEnd', month: 6, year: 2024 }],
    ['年底前', { kind: 'monthEnd', month: 12 }],
    ['３月３１日前', { kind: 'fixedYearly', month: 3, day: 31 }],
    ['长期坚持', { kind: 'openEnded' }],
    ['持续推进', { kind: 'openEnded' }],
    ['每季度', { kind: 'quarterly' }],
    ['按季度', { kind: 'quarterly' }],
    ['每年至少2次', { kind: 'atLeastTimes', times: 2 }],
    ['10个工作日内', { kind: 'workingDays', days: 10, from: 'policyIssued' }],
    ['2024-06-30', { kind: 'monthEnd', month: 6, year: 2024 }],
    ['2024.6.15', { kind: 'fixedDate', year: 2024, month: 6, day: 15 }],
  ])('"%s" is a rule', (cell, rule) => {
    expect(parseDeadlineCell(cell)).toEqual({ rule, text: cell, problems: [] });
  });

  it('refuses 13月 and February 30 instead of guessing', () => {
    expect(parseDeadlineCell('13月底前')).toEqual({
      text: '13月底前',
      problems: [{ code: 'deadline.invalidMonth', message: '完成时限“13月底前”中的月份 13 不存在' }],
    });
    expect(parseDeadlineCell('2月30日前')).toEqual({
      text: '2月30日前',
      problems: [{ code: 'deadline.invalidDate', message: '完成时限“2月30日前”中的日期 2月30日 不存在' }],
    });
    expect(parseDeadlineCell('2025-02-29').problems).toEqual([{ code: 'deadline.invalidDate', message: '完成时限“2025-02-29”不是有效日期' }]);
    expect(parseDeadlineCell('尽快').problems).toEqual([{ code: 'deadline.unrecognised', message: '无法识别完成时限“尽快”' }]);
    expect(parseDeadlineCell('')).toEqual({ problems: [] });
  });
});

describe('deadlines inside running text', () => {
  it('takes "发布后30日内报送" as 30 days from the plan\'s issue', () => {
    expect(findDeadlineInText('于本要点发布后30日内报送市政府办公室').rule).toEqual({ kind: 'calendarDays', days: 30, from: 'planIssued' });
  });

  it('takes "意见征集结束后7日内" from the end of the solicitation', () => {
    expect(findDeadlineInText('意见征集结束后7日内，要及时公开意见收集、采纳情况').rule).toEqual({ kind: 'calendarDays', days: 7, from: 'commentClosed' });
  });

  it('does not take "持续推进" in prose for open-ended, but does take "长期坚持"', () => {
    expect(findDeadlineInText('持续推进义务教育、学前教育等方面的信息公开。')).toEqual({ problems: [] });
    expect(findDeadlineInText('该项工作长期坚持。').rule).toEqual({ kind: 'openEnded' });
  });

  it('reports several different deadlines as ambiguous and keeps the first', () => {
    const r = findDeadlineInText('6月底前完成部署，12月底前全面完成。');
    expect(r.rule).toEqual({ kind: 'monthEnd', month: 6 });
    expect(r.problems).toEqual([{ code: 'deadline.ambiguous', message: '文中有多个时限（“6月底前”、“12月底前”），已取第一个“6月底前”，请核对' }]);
  });

  it('reads Chinese numerals', () => {
    expect([parseCount('三十'), parseCount('十'), parseCount('十二'), parseCount('二十'), parseCount('7'), parseCount('多')]).toEqual([30, 10, 12, 20, 7, NaN]);
    expect(findDeadlineInText('收到申请之日起二十个工作日内予以答复').rule).toEqual({ kind: 'workingDays', days: 20, from: 'requestReceived' });
  });
});

describe('statutory duties', () => {
  it('finds annual report dates only when the text is about the annual report', () => {
    expect(findDuties('每年1月31日前公布本部门政府信息公开工作年度报告')).toEqual([
      { duty: 'annualReportDepartment', rule: { kind: 'fixedYearly', month: 1, day: 31 }, text: '1月31日前' },
    ]);
    expect(findDuties('1月31日前报送材料')).toEqual([]);
  });

  it('finds the request reply period', () => {
    expect(findDuties('对依申请公开，收到申请之日起20个工作日内予以答复')).toEqual([
      { duty: 'requestReply', rule: { kind: 'workingDays', days: 20, from: 'requestReceived' }, text: '20个工作日内' },
    ]);
  });

  it('finds a plan-level breakdown duty only with its period', () => {
    expect(findPlanDuties('结合单位实际做好任务分解，于本要点发布后三十日内报送')).toEqual([
      { duty: 'breakdownSubmission', rule: { kind: 'calendarDays', days: 30, from: 'planIssued' }, units: 'allNamed', text: '发布后三十日内报送' },
    ]);
    expect(findPlanDuties('梳理形成本单位工作台账，实时跟进推动')).toEqual([]);
  });
});
