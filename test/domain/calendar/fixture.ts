import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { parse } from 'yaml';
import { holidayYearFileSchema, yearFromFile, type CalendarYear } from '../../../domain/calendar';

/** Path of the fictional 2027 test year (see the file's header: not the real notice). */
export const fixture2027Path = fileURLToPath(new URL('../../fixtures/calendar/holidays-2027.fixture.yaml', import.meta.url));

export function fixture2027(): CalendarYear {
  const file = holidayYearFileSchema.parse(parse(readFileSync(fixture2027Path, 'utf8')));
  return yearFromFile(file, { kind: 'imported', file: 'holidays-2027.fixture.yaml', importedAt: '2026-11-02T10:00:00.000+08:00', sha256: 'test' }, 1);
}

/** Temporary DUBAN_DATA_DIRs for a test file, removed after its tests. */
export function useTempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}
