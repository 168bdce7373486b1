import { describe, expect, it } from 'vitest';
import { calendarYearSchema, describeIssues, holidayYearFileSchema, packageYears } from '../../../domain/calendar';
import { fixture2027 } from './fixture';

const valid = {
  year: 2027,
  notice: { title: '国务院办公厅关于2027年部分节假日安排的通知', date: '2026-11-01' },
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  workdays: [{ date: '2027-02-20', name: '春节' }],
};

function problems(input: unknown) {
  const parsed = holidayYearFileSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  return describeIssues(parsed.success ? [] : parsed.error.issues);
}

describe('the holiday year file', () => {
  it('accepts a well-formed year and normalises ranges to days', () => {
    const y = fixture2027();
    expect(y.holidays.slice(0, 3)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-01-02', name: '元旦' },
      { date: '2027-01-03', name: '元旦' },
    ]);
    expect(calendarYearSchema.parse(y)).toEqual(y);
    expect(holidayYearFileSchema.safeParse(valid).success).toBe(true);
  });
  it('names the field of an impossible date', () => {
    expect(problems({ ...valid, holidays: [{ name: '元旦', from: '2027-02-30' }] })).toEqual([
      { field: 'holidays[0].from', message: '不是有效日期（应为 YYYY-MM-DD 的真实日期，实际为 "2027-02-30"）' },
    ]);
  });
  it('rejects a 调休 working day that is not a weekend day', () => {
    expect(problems({ ...valid, workdays: [{ date: '2027-02-22' }] })).toEqual([
      { field: 'workdays[0].date', message: '调休上班日 2027-02-22 不是周六或周日（工作日本来就上班）' },
    ]);
  });
  it('rejects days outside the year, reversed ranges, overlaps and unknown fields', () => {
    expect(problems({ ...valid, holidays: [{ name: '国庆节', from: '2028-10-01' }] })[0]).toEqual({ field: 'holidays[0].from', message: '日期 2028-10-01 不在 2027 年内' });
    expect(problems({ ...valid, holidays: [{ name: '国庆节', from: '2027-10-07', to: '2027-10-01' }] })[0]!.field).toBe('holidays[0].to');
    expect(problems({ ...valid, workdays: [{ date: '2027-01-02' }] })).toEqual([{ field: 'workdays[0].date', message: '日期 2027-01-02 同时列为节假日和调休上班日' }]);
    expect(problems({ ...valid, holiday: [] })).toEqual([{ field: '（整个文件）', message: '未知字段：holiday' }]);
  });
  it('requires the notice date and a year number', () => {
    expect(problems({ ...valid, notice: { title: valid.notice.title } })).toEqual([{ field: 'notice.date', message: '缺少此字段' }]);
    expect(problems({ ...valid, year: '2027' })).toEqual([{ field: 'year', message: '应为年份数字，如 2027' }]);
  });
  it('reports every problem of a file at once, wrong types and wrong days together', () => {
    expect(
      problems({
        year: 2027,
        notice: { title: '通知' },
        holidays: [{ name: '春节', from: '2027-02-30' }, { name: '国庆节', from: '2027-10-07', to: '2027-10-01' }],
        workdays: [{ date: '2027-02-22' }],
      }),
    ).toEqual([
      { field: 'notice.date', message: '缺少此字段' },
      { field: 'holidays[0].from', message: '不是有效日期（应为 YYYY-MM-DD 的真实日期，实际为 "2027-02-30"）' },
      { field: 'holidays[1].to', message: '结束日期 2027-10-01 早于开始日期 2027-10-07' },
      { field: 'workdays[0].date', message: '调休上班日 2027-02-22 不是周六或周日（工作日本来就上班）' },
    ]);
  });
  it('allows a 调休 working day in the December before (as the 2012 notice had 2011-12-31)', () => {
    expect(holidayYearFileSchema.safeParse({ ...valid, workdays: [{ date: '2026-12-26' }] }).success).toBe(true);
  });
});

describe('the package years', () => {
  it('are valid CalendarYears with Chinese holiday names', () => {
    for (const y of packageYears()) calendarYearSchema.parse(y);
    const y2026 = packageYears().find((y) => y.year === 2026)!;
    expect(y2026.workdays.map((w) => w.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(y2026.notice.title).toBe('国务院办公厅关于2026年部分节假日安排的通知');
    expect(y2026.source).toMatchObject({ kind: 'package', package: 'chinese-days' });
  });
});
