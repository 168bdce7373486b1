/**
 * What the digest tests share: the unit directory of the late-started
 * fixture plan (test/fixtures/plans/numbered-with-units.txt), whose five
 * units share one supervisor and one leader, and reading a caught mail's
 * digest id.
 */
import type { CaughtMail } from '../../client/mail-catcher';

export const catchUpUnits = [
  { id: 'zfb', name: '市政府办公室' },
  { id: 'slj', name: '市水务局' },
  { id: 'nyj', name: '市农业农村局' },
  { id: 'tjj', name: '市统计局' },
  { id: 'dsj', name: '市大数据中心' },
] as const;

/**
 * A unit directory whose units share one supervisor and one leader. The
 * addresses are spelled as the workflow tests' testUnit spells them
 * (`fgw@duban.test`, `fgw-head@duban.test`, duchake, fenguan) unless given.
 */
export function sharedOverseersDirectory(
  units: ReadonlyArray<{ id: string; name: string }>,
  people: { contact: (id: string) => string; head: (id: string) => string; supervisor: string; leadership: string } = {
    contact: (id) => `${id}@duban.test`,
    head: (id) => `${id}-head@duban.test`,
    supervisor: 'duchake@duban.test',
    leadership: 'fenguan@duban.test',
  },
): string {
  const entries = units.map(
    (u) => `  - id: ${u.id}
    name: ${u.name}
    contacts: [{ email: ${people.contact(u.id)} }]
    head: { email: ${people.head(u.id)} }
    supervisor: { name: 督查科, email: ${people.supervisor} }
    leadership: { name: 分管领导, email: ${people.leadership} }`,
  );
  return `units:\n${entries.join('\n')}\n`;
}

export const catchUpDirectoryYaml = sharedOverseersDirectory(catchUpUnits, {
  contact: (id) => `${id}.contact@duban.test`,
  head: (id) => `${id}.head@duban.test`,
  supervisor: 'ducha@duban.test',
  leadership: 'leaders@duban.test',
});

/** `digest/unit:slj/2026-11-30` from the mail's X-Duban-Key (`…#<hash of its items>`); the key itself for other mail. */
export function digestKeyOf(mail: CaughtMail): string {
  return String(mail.parsed.headers.get('x-duban-key')).split('#')[0]!;
}
