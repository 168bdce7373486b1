/**
 * The holiday years carried by the chinese-days package (State Council
 * notices 2004–), as CalendarYears. The years covered are read from the
 * package's own data, so an upgrade that adds a year needs no change here:
 * a year is covered when the package lists at least one holiday in it (every
 * notice declares 元旦). For any other year the package silently answers with
 * weekends only, which is why it is never asked directly.
 *
 * Static data, no I/O: safe in workflow code, though workflows should rather
 * receive their years from the calendar activity (which adds imported ones).
 */
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import packageJson from 'chinese-days/package.json' with { type: 'json' };
import type { CalendarYear } from './year';

type DayMap = Record<string, string>;
const data = packageData as { holidays: DayMap; workdays: DayMap };

/** The package's value is 'National Day,国庆节,3': English, Chinese, length in days. */
function chineseName(value: string): string {
  return value.split(',')[1] ?? value;
}

function group(map: DayMap): Map<number, Array<{ date: string; name: string }>> {
  const byYear = new Map<number, Array<{ date: string; name: string }>>();
  for (const [date, value] of Object.entries(map)) {
    const year = Number(date.slice(0, 4));
    let list = byYear.get(year);
    if (!list) byYear.set(year, (list = []));
    list.push({ date, name: chineseName(value) });
  }
  for (const list of byYear.values()) list.sort((a, b) => (a.date < b.date ? -1 : 1));
  return byYear;
}

let cached: CalendarYear[] | undefined;

/** All years the package covers, oldest first; e.g. 2004 … 2026 for chinese-days 1.5.7. */
export function packageYears(): CalendarYear[] {
  if (cached) return cached;
  const holidays = group(data.holidays);
  const workdays = group(data.workdays);
  const source = { kind: 'package' as const, package: 'chinese-days', packageVersion: packageJson.version };
  cached = [...holidays.keys()]
    .sort((a, b) => a - b)
    .map((year) => ({
      year,
      holidays: holidays.get(year) ?? [],
      workdays: workdays.get(year) ?? [],
      // The package keeps no notice metadata; the title follows the notices' fixed wording.
      notice: { title: `国务院办公厅关于${year}年部分节假日安排的通知` },
      source,
      version: 1,
    }));
  return cached;
}
