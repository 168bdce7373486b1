import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture2027Path, useTempDirs } from '../domain/calendar/fixture';
import { runDubanSync } from '../helpers/cli';
import { freePort } from '../helpers/ports';

const tempDir = useTempDirs('duban-calendar-');

/** Writes a 2027 year file (JSON) into dir with the given holidays and 调休 days. */
function year2027(dir: string, name: string, title: string, holidays: object[], workdays: object[] = []): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({ year: 2027, notice: { title, date: '2026-11-01' }, holidays, workdays }));
  return file;
}

// No Temporal server here: an import must stand on its own and say that running workflows were not told.
const noServer = `127.0.0.1:${await freePort()}`;

function duban(dataDir: string, ...args: string[]) {
  return runDubanSync(['calendar', ...args], { DUBAN_DATA_DIR: dataDir, TEMPORAL_ADDRESS: noServer });
}

describe('duban calendar deadline', () => {
  const data = tempDir();
  it('prints 2026-10-16 for 10 working days from 2026-09-28', () => {
    expect(duban(data, 'deadline', '--from', '2026-09-28', '--working-days', '10')).toMatchObject({ code: 0, stdout: '2026-10-16\n' });
  });
  it('prints 2024-10-08 for 7 days from 2024-09-28', () => {
    expect(duban(data, 'deadline', '--from', '2024-09-28', '--days', '7')).toMatchObject({ code: 0, stdout: '2024-10-08\n' });
  });
  it('marks a result in 2027 as provisional, in text and in JSON', () => {
    const text = duban(data, 'deadline', '--from', '2026-12-28', '--working-days', '10');
    expect(text.stdout).toBe('2027-01-11 (provisional: no 2027 holiday notice loaded)\n');
    expect(text.stderr).toContain('尚未导入 2027 年国务院节假日安排');
    const json = duban(data, 'deadline', '--from', '2026-12-28', '--working-days', '10', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ due: '2027-01-11', provisional: true });
    expect(JSON.parse(duban(data, 'deadline', '--from', '2026-09-28', '--working-days', '10', '--json').stdout)).toEqual({ due: '2026-10-16', provisional: false });
  });
  it('refuses a bad date and a missing period in Chinese', () => {
    const bad = duban(data, 'deadline', '--from', '2026-02-30', '--days', '3');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--from 应为 YYYY-MM-DD 格式的有效日期，实际为“2026-02-30”');
    expect(duban(data, 'deadline', '--from', '2026-02-03').stderr).toContain('请给出 --working-days 或 --days 其中之一');
    expect(duban(data, 'deadline', '--from', '1999-12-31', '--days', '3').stderr).toBe('错误：日期或结果超出可计算范围（2000 年至 2105 年）\n');
  });
});

describe('duban calendar is-workday', () => {
  const data = tempDir();
  it('says why: 调休上班, 节假日, 周末', () => {
    expect(duban(data, 'is-workday', '2026-10-10').stdout).toBe('2026-10-10 星期六：工作日（调休上班，国庆节）\n');
    expect(duban(data, 'is-workday', '2026-10-03').stdout).toBe('2026-10-03 星期六：休息日（节假日，国庆节）\n');
    expect(duban(data, 'is-workday', '2026-10-11').stdout).toBe('2026-10-11 星期日：休息日（周末）\n');
    expect(duban(data, 'is-workday', '2026-10-09').stdout).toBe('2026-10-09 星期五：工作日\n');
  });
  it('answers in JSON', () => {
    expect(JSON.parse(duban(data, 'is-workday', '2026-10-10', '--json').stdout)).toEqual({
      date: '2026-10-10',
      workday: true,
      reason: '调休上班',
      holiday: '国庆节',
      provisional: false,
    });
  });
});

describe('duban calendar import', () => {
  it('loads a 2027 year: provisional results become exact, and years lists it', () => {
    const data = tempDir();
    expect(duban(data, 'is-workday', '2027-01-01').stdout).toBe('2027-01-01 星期五：工作日 (provisional: no 2027 holiday notice loaded)\n');
    const imported = duban(data, 'import', fixture2027Path);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('已导入 2027 年节假日安排（第 1 版）');
    expect(imported.stderr).toContain(`注意：日历已导入，但未能通知运行中的督办流程（`);
    expect(imported.stderr).toContain(noServer);
    expect(readdirSync(path.join(data, 'calendar', '2027'))).toEqual(['v1.json']);

    expect(duban(data, 'deadline', '--from', '2026-12-28', '--working-days', '10').stdout).toBe('2027-01-12\n');
    expect(duban(data, 'is-workday', '2027-01-01').stdout).toBe('2027-01-01 星期五：休息日（节假日，元旦）\n');
    const years = duban(data, 'years').stdout;
    expect(years).toContain('2027  第 1 版  导入 holidays-2027.fixture.yaml');
    expect(years).toContain('2026  第 1 版  内置 chinese-days');
    expect(years).toContain('暂定（未载入节假日安排，仅按周末计算）：2003 年及以前、2028 年及以后');
  });

  it('keeps versions: the same file again changes nothing, an amendment becomes version 2', () => {
    const data = tempDir();
    duban(data, 'import', fixture2027Path);
    expect(duban(data, 'import', fixture2027Path).stdout).toContain('与现有数据（第 1 版）相同，未作更改');
    const amended = year2027(data, 'amended-2027.json', '（测试用虚构数据）修订通知', [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }]);
    expect(duban(data, 'import', amended).stdout).toContain('已导入 2027 年节假日安排（第 2 版）');
    expect(readdirSync(path.join(data, 'calendar', '2027')).sort()).toEqual(['v1.json', 'v2.json']);
    expect(duban(data, 'is-workday', '2027-01-04').stdout).toBe('2027-01-04 星期一：休息日（节假日，元旦）\n');
    expect(duban(data, 'years').stdout).toMatch(/2027 {2}第 2 版 {2}导入 amended-2027\.json（\d{4}-\d{2}-\d{2}）；早先版本 第 1 版/);
  });

  it('an amendment of a package year is version 2 of that year', () => {
    const data = tempDir();
    const file = path.join(data, '2026-amended.yaml');
    writeFileSync(file, 'year: 2026\nnotice: { title: （测试）修订, date: 2026-06-01 }\nholidays:\n  - { name: 测试, from: 2026-12-31 }\n');
    expect(duban(data, 'import', file).stdout).toContain('已导入 2026 年节假日安排（第 2 版）');
    expect(duban(data, 'is-workday', '2026-12-31').stdout).toBe('2026-12-31 星期四：休息日（节假日，测试）\n');
  });

  it('rejects a bad file with the file and fields named, and stores nothing', () => {
    const data = tempDir();
    const bad = path.join(data, 'bad-2027.yaml');
    writeFileSync(
      bad,
      ['year: 2027', 'notice:', '  title: 通知', 'holidays:', '  - { name: 元旦, from: 2027-01-01, to: 2027-01-03 }', '  - { name: 春节, from: 2027-02-30 }', ''].join('\n'),
    );
    const out = duban(data, 'import', bad);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      '错误：文件 bad-2027.yaml 有 2 处错误，未导入任何内容：\n' +
        '  notice.date：缺少此字段\n' +
        '  holidays[1].from：不是有效日期（应为 YYYY-MM-DD 的真实日期，实际为 "2027-02-30"）\n',
    );
    expect(readdirSync(data)).toEqual(['bad-2027.yaml']);
  });

  it('rejects a 调休 day on a weekday, broken YAML and a missing file', () => {
    const data = tempDir();
    const weekday = year2027(data, 'weekday.json', '通知', [{ name: '春节', from: '2027-02-06', to: '2027-02-14' }], [{ date: '2027-02-22', name: '春节' }]);
    expect(duban(data, 'import', weekday).stderr).toContain('workdays[0].date：调休上班日 2027-02-22 不是周六或周日');
    const broken = path.join(data, 'broken.yaml');
    writeFileSync(broken, 'year: 2027\nholidays: [\n');
    expect(duban(data, 'import', broken).stderr).toMatch(/^错误：文件 broken\.yaml 第 3 行格式错误/);
    expect(duban(data, 'import', path.join(data, 'missing.yaml')).stderr).toContain('无法读取文件');
    expect(readdirSync(data).sort()).toEqual(['broken.yaml', 'weekday.json']);
  });
});
