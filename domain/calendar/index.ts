/**
 * The working-day calendar: dates and instants in Asia/Shanghai, holiday
 * years as data, and the Calendar built from them. Pure and deterministic
 * (no clock, no I/O), so workflows may import it.
 *
 * Typical use in an activity or the CLI:
 *   const calendar = createCalendar([...packageYears(), ...importedYears]);
 *   calendar.addWorkingDays('2026-09-28', 10); // { date: '2026-10-16', provisional: false }
 */
export * from './dates';
export * from './year';
export * from './calendar';
export { packageYears } from './package-years';
