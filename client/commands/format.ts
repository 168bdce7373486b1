/**
 * How the CLI writes for staff: instants as Shanghai wall-clock time
 * (`2026-12-31 09:00`, never a bare UTC `Z`), JSON for other tools, and
 * tables whose CJK columns line up in a terminal.
 */
import { toInstant } from '../../domain/calendar/dates';

/** Shanghai wall-clock time to the minute: shanghaiTime('2026-12-31T01:00:00Z') → '2026-12-31 09:00'. */
export function shanghaiTime(instant: string | number | Date): string {
  const ms = instant instanceof Date ? instant.getTime() : instant;
  return toInstant(ms).slice(0, 16).replace('T', ' ');
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

/** Rows padded to their widest cell, two spaces apart; the last column is left ragged. */
export function alignedTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - displayWidth(cell)))).join('  ').trimEnd())
    .join('\n');
}
