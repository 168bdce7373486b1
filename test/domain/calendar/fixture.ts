import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { holidayYearFileSchema, yearFromFile, type CalendarYear } from '../../../domain/calendar';

/** Path of the fictional 2027 test year (see the file's header: not the real notice). */
export const fixture2027Path = fileURLToPath(new URL('../../fixtures/calendar/holidays-2027.fixture.yaml', import.meta.url));

export function fixture2027(): CalendarYear {
  const file = holidayYearFileSchema.parse(parse(readFileSync(fixture2027Path, 'utf8')));
  return yearFromFile(file, { kind: 'imported', file: 'holidays-2027.fixture.yaml', importedAt: '2026-11-02T10:00:00.000+08:00', sha256: 'test' }, 1);
}
