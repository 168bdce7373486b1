/**
 * The readers' hints to give a CLI option (--issued, --year) become, on the
 * web, the /admin form field to fill; the CLI's wording is unchanged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/env';
import { PlanReadError, type PlanIssue } from '../../domain/plan/issues';
import { readText } from '../../domain/plan/read-text';
import { webIssue } from '../../client/web/plan-issues';

const text = readFileSync(path.join(projectRoot, 'test/fixtures/plans/numbered-with-units.txt'), 'utf8');

/** The issues a reader gives a text: its warnings, or the issues it refused it with. */
function issuesOf(source: string): PlanIssue[] {
  try {
    return readText(source, { file: '要点.txt' }).warnings;
  } catch (err) {
    if (err instanceof PlanReadError) return err.issues;
    throw err;
  }
}

describe('plan issues on the web', () => {
  const cases: Array<[code: string, source: string, cli: string, web: string]> = [
    [
      'plan.issuedMissing',
      text.replace('2025年3月10日\n', ''),
      '文中未找到印发日期，请用 --issued YYYY-MM-DD 指定（30日内报送等期限从印发日起算）',
      '文中未找到印发日期，请在上传表单的“印发日期”一栏填写后重新上传（30日内报送等期限从印发日起算）',
    ],
    ['plan.yearMissing', text.replace('2025年3月10日\n', '').replaceAll('2025年', ''), '无法确定计划年度：文中没有年份，请用 --year 指定', '无法确定计划年度：文中没有年份，请在上传表单的“年度”一栏填写后重新上传'],
    [
      'plan.yearAssumed',
      text.replaceAll('2025年临溪市', '临溪市'),
      '标题中未写年度，按印发日期取 2025 年，请用 --year 核对',
      '标题中未写年度，按印发日期取 2025 年，请核对，如有误，在上传表单的“年度”一栏填写后重新上传',
    ],
  ];

  it.each(cases)('%s names the form field on the web and the option in the CLI', (code, source, cli, web) => {
    const found = issuesOf(source).find((i) => i.code === code)!;
    expect(found.message).toBe(cli);
    expect(webIssue(found)).toEqual({ ...found, message: web });
  });

  it('leaves every other issue as it is', () => {
    const other = issuesOf(text.replaceAll('2025年临溪市', '临溪市')).filter((i) => i.code !== 'plan.yearAssumed');
    expect(other.length).toBeGreaterThan(0);
    for (const i of other) expect(webIssue(i)).toBe(i);
  });
});
