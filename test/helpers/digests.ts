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

export const catchUpDirectoryYaml = `units:
${catchUpUnits
  .map(
    (u) => `  - id: ${u.id}
    name: ${u.name}
    contacts: [{ email: ${u.id}.contact@duban.test }]
    head: { email: ${u.id}.head@duban.test }
    supervisor: { name: 市政府办公室督查科, email: ducha@duban.test }
    leadership: { name: 分管市领导, email: leaders@duban.test }`,
  )
  .join('\n')}
`;

/** `digest/unit:slj/2026-11-30` from the mail's X-Duban-Key (`…#<hash of its items>`); the key itself for other mail. */
export function digestKeyOf(mail: CaughtMail): string {
  return String(mail.parsed.headers.get('x-duban-key')).split('#')[0]!;
}
