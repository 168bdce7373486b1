/**
 * `npm run bench`: speed and memory figures, printed, never asserted in tests.
 * Each suite is a module exporting `run(): Promise<void>` that prints its lines.
 */
const suites: Array<[string, () => Promise<{ run: () => Promise<void> }>]> = [
  ['calendar', () => import('./calendar')],
  ['plan import', () => import('./plan-import')],
  ['workflows', () => import('./workflows')],
  ['cli', () => import('./cli')],
  ['store', () => import('./store')],
  ['mail', () => import('./mail')],
  ['web', () => import('./web')],
];

const only = process.argv[2];
for (const [name, load] of suites) {
  if (only && !name.startsWith(only)) continue;
  console.log(`\n== ${name} ==`);
  const suite = await load();
  await suite.run();
}
export {};
