import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalendarFileError, openStore } from '../../store';
import { fixture2027Path, useTempDirs } from '../domain/calendar/fixture';

const tempDir = useTempDirs('duban-calendar-store-');

describe('the embedded calendar store', () => {
  it('records the source of an import: file, instant at +08:00, content hash', async () => {
    const data = tempDir();
    const { year } = await openStore({ dataDir: data }).calendar.importYearFile(fixture2027Path, Date.parse('2026-11-02T02:00:00Z'));
    expect(year.source).toMatchObject({ kind: 'imported', file: 'holidays-2027.fixture.yaml', importedAt: '2026-11-02T10:00:00.000+08:00' });
    expect(year.version).toBe(1);
    expect((await openStore({ dataDir: data }).calendar.storedYears()).map((y) => [y.year, y.version])).toEqual([[2027, 1]]);
  });

  it('concurrent imports of different data each get their own version', async () => {
    const data = tempDir();
    const store = openStore({ dataDir: data }).calendar;
    const files = [1, 2, 3, 4].map((n) => {
      const file = path.join(data, `v${n}.yaml`);
      writeFileSync(file, `year: 2027\nnotice: { title: 测试${n}, date: 2026-11-0${n} }\nholidays:\n  - { name: 元旦, from: 2027-01-01, to: 2027-01-0${n} }\n`);
      return file;
    });
    const results = await Promise.all(files.map((f) => store.importYearFile(f)));
    expect(results.map((r) => r.year.version).sort()).toEqual([1, 2, 3, 4]);
    expect(readdirSync(path.join(data, 'calendar', '2027')).sort()).toEqual(['v1.json', 'v2.json', 'v3.json', 'v4.json']);
  });

  it('refuses to build a calendar from a damaged stored version', async () => {
    const data = tempDir();
    mkdirSync(path.join(data, 'calendar', '2027'), { recursive: true });
    writeFileSync(path.join(data, 'calendar', '2027', 'v1.json'), '{"year": 2027');
    await expect(openStore({ dataDir: data }).calendar.loadCalendar()).rejects.toBeInstanceOf(CalendarFileError);
    await expect(openStore({ dataDir: data }).calendar.current()).rejects.toThrow(/节假日数据文件已损坏/);
  });
});
