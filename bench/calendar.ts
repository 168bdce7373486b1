/**
 * How fast the calendar answers: building it, working-day additions (the
 * target: a million additions of 20 working days per second on one core),
 * procedural calendar-day periods, rule evaluation and escalation ladders.
 */
import { createCalendar, dayNumber, formatDay, packageYears } from '../domain/calendar';
import { evaluateRule } from '../domain/deadlines';
import { escalationSteps } from '../domain/escalation';

/** Runs fn over the inputs repeatedly for about `ms`, returns operations per second. */
function measure<T>(inputs: readonly T[], fn: (input: T) => unknown, ms = 1000): number {
  let sink = 0;
  // Warm-up, so the figure is the optimised code's.
  for (let i = 0; i < 50_000; i++) sink += fn(inputs[i % inputs.length]!) ? 1 : 0;
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 10_000; i++) sink += fn(inputs[(ops + i) % inputs.length]!) ? 1 : 0;
    ops += 10_000;
    elapsed = performance.now() - start;
  }
  if (sink < 0) console.log(sink); // keeps the work observable
  return (ops / elapsed) * 1000;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function run(): Promise<void> {
  const years = packageYears();
  const t0 = performance.now();
  const calendar = createCalendar(years);
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  for (let i = 0; i < 20; i++) createCalendar(years);
  const rebuildMs = (performance.now() - t1) / 20;
  console.log(`createCalendar: first ${buildMs.toFixed(1)} ms (incl. grouping the package data), then ${rebuildMs.toFixed(2)} ms per build`);

  // Start days spread over 2004–2026, all covered years.
  const first = dayNumber('2004-01-01');
  const span = dayNumber('2026-11-30') - first;
  const starts = Array.from({ length: 4096 }, (_, i) => formatDay(first + ((i * 7919) % span)));

  const working = measure(starts, (d) => calendar.addWorkingDays(d, 20));
  console.log(`addWorkingDays(date, 20): ${fmt(working)} per second (target ≥ 1,000,000) ${working >= 1_000_000 ? 'ok' : 'BELOW TARGET'}`);
  console.log(`addCalendarDays(date, 30): ${fmt(measure(starts, (d) => calendar.addCalendarDays(d, 30)))} per second`);
  console.log(`isWorkingDay(date): ${fmt(measure(starts, (d) => calendar.isWorkingDay(d)))} per second`);

  const rule = { kind: 'workingDays', days: 10, from: 'policyIssued' } as const;
  console.log(
    `evaluateRule(workingDays 10, incl. zod check and the due instant): ${fmt(measure(starts, (d) => evaluateRule(calendar, rule, { planYear: 2024, eventDate: d }), 500))} per second`,
  );
  console.log(
    `escalationSteps(default ladder + 4 weekly repeats): ${fmt(measure(starts, (d) => escalationSteps(calendar, { date: d }, undefined, { limit: 10 }), 500))} per second`,
  );
}
