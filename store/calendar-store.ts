/**
 * The holiday years an admin has loaded. Versions are never overwritten: an
 * amended notice is a new version and the highest one is used; earlier ones
 * stay for the record. A file is validated completely before anything is
 * written, so a bad file changes nothing, and two concurrent imports cannot
 * take one number.
 *
 * The embedded store keeps them under `${DUBAN_DATA_DIR}/calendar/`:
 *
 *   calendar/2027/v1.json   the first 2027 data (normalised CalendarYear)
 *   calendar/2026/v2.json   an amendment of 2026 (the package's data is v1)
 *
 * The shared store keeps them in PostgreSQL, one row per version
 * (calendar_versions: year, version, data).
 *
 * A backend fills `CalendarVersions` (list, add, a revision that changes when
 * a version is added); reading files, versioning and building the calendar
 * are `calendarStore`'s, the same for every backend. Activities (and the
 * CLI) build their calendar from the package's years plus the stored ones,
 * and may hand the same plain data to a workflow, which rebuilds the
 * identical calendar with `createCalendar`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import {
  calendarYearSchema,
  createCalendar,
  describeIssues,
  holidayYearFileSchema,
  packageYears,
  toInstant,
  yearFromFile,
  type Calendar,
  type CalendarYear,
  type FieldProblem,
} from '../domain/calendar';
import type { Query } from './postgres';

/** A year file that cannot be loaded; the message (Chinese) names the file and the fields. */
export class CalendarFileError extends Error {
  override name = 'CalendarFileError';
  constructor(
    readonly code: 'unreadable' | 'syntax' | 'invalid' | 'corruptStore',
    readonly file: string,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export interface ImportResult {
  year: CalendarYear;
  /** The file held the same days and notice as the year's current data: no new version was written. */
  unchanged: boolean;
  /** The version it replaces as the one in use, if any. */
  previous?: CalendarYear;
}

export interface StoredYearSummary {
  year: number;
  /** The data in use for the year. */
  current: CalendarYear;
  /** Earlier versions of the year (package data and older imports), oldest first. */
  earlier: CalendarYear[];
}

/** Where the imported versions live: what a second backend implements. */
export interface CalendarVersions {
  /** Changes whenever a version is added; cheap, since it is asked before every calendar activity. */
  revision(): Promise<string>;
  /** Every stored version, by year then version; a damaged one throws CalendarFileError('corruptStore') rather than silently change deadlines. */
  list(): Promise<CalendarYear[]>;
  /** Stores `year` under the first free version number from `year.version` on, and returns it as stored. */
  add(year: CalendarYear): Promise<CalendarYear>;
}

/** What the worker and the CLI ask of the holiday years. */
export interface CalendarStore {
  /** Every stored version of every imported year, by year then version. */
  storedYears(): Promise<CalendarYear[]>;
  /** All years the calendar is built from: the package's and every stored version (createCalendar uses the highest version of each year). */
  calendarYears(): Promise<CalendarYear[]>;
  /** The calendar from package data plus the imported years, read afresh. */
  loadCalendar(): Promise<Calendar>;
  /**
   * The same calendar for a long-lived process (the worker): rebuilt only
   * when the store's revision changed, so a year imported while the worker
   * runs takes effect at the next activity.
   */
  current(): Promise<Calendar>;
  /** Per covered year, the data in use and the earlier versions. */
  summary(): Promise<StoredYearSummary[]>;
  /** Validates a year file (JSON or YAML) and stores it as the year's next version; throws CalendarFileError (nothing written) when it is not valid. */
  importYearFile(filePath: string, now?: number): Promise<ImportResult>;
}

/** Parses and validates a year file without storing it. */
async function readYearFile(filePath: string) {
  const file = path.basename(filePath);
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    throw new CalendarFileError('unreadable', file, `无法读取文件 ${filePath}：${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    // YAML is a superset of JSON, but JSON.parse gives the better message for a .json file.
    raw = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `第 ${err.linePos[0].line} 行` : '';
    throw new CalendarFileError('syntax', file, `文件 ${file} ${where}格式错误（应为 JSON 或 YAML）：${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = holidayYearFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    const lines = problems.map((p) => `  ${p.field}：${p.message}`).join('\n');
    throw new CalendarFileError('invalid', file, `文件 ${file} 有 ${problems.length} 处错误，未导入任何内容：\n${lines}`, problems);
  }
  return { parsed: parsed.data, text, file };
}

const sameDays = (a: CalendarYear, b: CalendarYear) =>
  JSON.stringify([a.holidays, a.workdays, a.notice]) === JSON.stringify([b.holidays, b.workdays, b.notice]);

/** The calendar store over any backend. */
export function calendarStore(versions: CalendarVersions): CalendarStore {
  const calendarYears = async () => [...packageYears(), ...(await versions.list())];
  let built: { revision: string; calendar: Calendar } | undefined;
  return {
    storedYears: () => versions.list(),
    calendarYears,
    loadCalendar: async () => createCalendar(await calendarYears()),

    async current() {
      const revision = await versions.revision();
      if (built?.revision !== revision) built = { revision, calendar: createCalendar(await calendarYears()) };
      return built.calendar;
    },

    async summary() {
      const all = await calendarYears();
      const byYear = new Map<number, CalendarYear[]>();
      for (const y of all) byYear.set(y.year, [...(byYear.get(y.year) ?? []), y]);
      const inUse = new Map(createCalendar(all).years.map((y) => [y.year, y]));
      return [...byYear.entries()]
        .sort(([a], [b]) => a - b)
        .map(([year, versionsOfYear]) => {
          const current = inUse.get(year)!;
          return { year, current, earlier: versionsOfYear.filter((v) => v !== current) };
        });
    },

    async importYearFile(filePath, now = Date.now()) {
      const { parsed, text, file } = await readYearFile(filePath);
      const ofYear = (await calendarYears()).filter((y) => y.year === parsed.year);
      const previous = createCalendar(ofYear).years[0];
      const sha256 = createHash('sha256').update(text).digest('hex');
      const source = { kind: 'imported' as const, file, importedAt: toInstant(now), sha256 };
      const candidate = yearFromFile(parsed, source, Math.max(0, ...ofYear.map((v) => v.version)) + 1);
      if (previous && sameDays(previous, candidate)) return { year: previous, unchanged: true, previous };
      const year = await versions.add(candidate);
      return { year, unchanged: false, ...(previous ? { previous } : {}) };
    },
  };
}

const VERSION_FILE = /^v(\d+)\.json$/;

/** The embedded backend: `<dir>/<year>/v<n>.json`, each version written to a temporary file and linked into place, so a reader never sees half a file. */
export function fileCalendarVersions(root: string): CalendarVersions {
  /** Lists `<year>/v<n>.json`; versions are immutable, so the names alone say whether anything changed. */
  function listVersionFiles(): string[] {
    let dirs: string[];
    try {
      dirs = readdirSync(root);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return dirs
      .filter((d) => /^\d{4}$/.test(d))
      .sort()
      .flatMap((dir) => readdirSync(path.join(root, dir)).filter((name) => VERSION_FILE.test(name)).map((name) => path.join(dir, name)));
  }

  return {
    revision: async () => listVersionFiles().join('|'),

    async list() {
      const years = listVersionFiles().map((rel) => {
        const file = path.join(root, rel);
        let parsed: ReturnType<typeof calendarYearSchema.safeParse> | undefined;
        try {
          parsed = calendarYearSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        } catch {
          parsed = undefined;
        }
        if (!parsed?.success || String(parsed.data.year) !== path.dirname(rel)) {
          throw new CalendarFileError('corruptStore', file, `节假日数据文件已损坏：${file}，请检查或删除该文件后重新导入`);
        }
        return parsed.data;
      });
      return years.sort((a, b) => a.year - b.year || a.version - b.version);
    },

    async add(candidate) {
      const dir = path.join(root, String(candidate.year));
      await mkdir(dir, { recursive: true });
      const tmp = path.join(dir, `.import-${randomUUID()}.tmp`);
      try {
        for (let version = candidate.version; ; version++) {
          const year = { ...candidate, version };
          await writeFile(tmp, `${JSON.stringify(year, null, 2)}\n`, { flag: 'wx' });
          try {
            await link(tmp, path.join(dir, `v${version}.json`));
            return year;
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
            await unlink(tmp); // another import took this number: try the next
          }
        }
      } finally {
        await unlink(tmp).catch(() => undefined);
      }
    },
  };
}

/** The shared backend: table calendar_versions, keyed by (year, version), so two imports cannot take one number. */
export function postgresCalendarVersions(query: Query): CalendarVersions {
  return {
    // Versions are only ever added, never changed: their count changes exactly when one is.
    revision: async () => (await query<{ n: string }>('SELECT count(*)::text AS n FROM calendar_versions'))[0]!.n,

    async list() {
      const rows = await query<{ year: number; version: number; data: unknown }>('SELECT year, version, data FROM calendar_versions ORDER BY year, version');
      return rows.map((row) => {
        const parsed = calendarYearSchema.safeParse(row.data);
        if (!parsed.success || parsed.data.year !== row.year || parsed.data.version !== row.version) {
          const where = `calendar_versions ${row.year} v${row.version}`;
          throw new CalendarFileError('corruptStore', where, `数据库中的节假日数据已损坏：${where}，请检查或删除该行后重新导入`);
        }
        return parsed.data;
      });
    },

    async add(candidate) {
      for (let version = candidate.version; ; version++) {
        const year = { ...candidate, version };
        const inserted = await query(
          'INSERT INTO calendar_versions (year, version, data) VALUES ($1, $2, $3::json) ON CONFLICT DO NOTHING RETURNING version',
          [year.year, version, JSON.stringify(year)],
        );
        if (inserted.length === 1) return year;
      }
    },
  };
}
