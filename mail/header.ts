/**
 * A value that goes into a mail header (subject, display name) is one line:
 * CR, LF and every other control or line-separator character become a space,
 * so no field of a plan or the directory can start a header of its own.
 */

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
const BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** `'市发改委\r\nBcc: x@y'` → `'市发改委 Bcc: x@y'`; longer than `max` characters is cut with …. */
export function headerText(value: string, max = 180): string {
  const line = value.replace(BREAKING, ' ').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line;
}

/** The same, for a value shown on one line of a body (a unit's or a plan's name). */
export function oneLine(value: string): string {
  return headerText(value, Number.MAX_SAFE_INTEGER);
}
