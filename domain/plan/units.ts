/**
 * The unit directory: who a name in a plan means, and whom to mail. Plans
 * write units three ways (docs/domain.md): full names (市发展和改革委员会), short
 * names (市发改委) and groups that stand for many units (市政府各部门, 各镇街).
 * All three resolve here; a name that resolves to nothing is an error with the
 * nearest directory names as suggestions, if any are near.
 *
 * Kept as YAML (units, and groups with their aliases) or CSV (one unit a row,
 * lists separated by `;`).
 */
import { parseCsvFile } from './csv';
import { z } from 'zod';
import type { PlanIssue } from './issues';
import { issue, PlanReadError } from './issues';
import { safeIdSchema } from './model';
import { suggestUnitNames, type NameCandidate } from './unit-suggest';
import type { Path } from './yaml-source';
import { parseZh } from '../parse-zh';
import { parseYamlSource, schemaIssues } from './yaml-source';

export const personSchema = z.object({
  name: z.string().optional(),
  email: z.email(),
});
export type Person = z.infer<typeof personSchema>;

export const unitSchema = z.object({
  id: safeIdSchema,
  /** The full name (全称). */
  name: z.string().min(1),
  /** Short names and other spellings (简称, 旧称). */
  aliases: z.array(z.string().min(1)).default([]),
  /** Group names this unit belongs to (市政府各部门, 各镇街, …). */
  groups: z.array(z.string().min(1)).default([]),
  /** Who receives reminders (联络员). */
  contacts: z.array(personSchema).min(1),
  /** The unit's head, copied from the second reminder on. */
  head: personSchema,
  /** Group robots (企业微信 / 钉钉 groups) that get the unit's digest too; DingTalk's signed robots carry their secret. */
  robots: z
    .array(z.object({ kind: z.enum(['wecom', 'dingtalk']), url: z.url({ protocol: /^https?$/ }), secret: z.string().min(1).optional() }))
    .default([]),
  /** Who is told when the unit is overdue (督查). */
  supervisor: personSchema,
  /** 分管领导, told at the red card; the supervisor when absent. */
  leadership: personSchema.optional(),
  /**
   * Whether the unit pays suppliers under contracts, and so must disclose its
   * overdue unpaid SME payments each year by March 31 (保障中小企业款项支付条例).
   * Most government units buy goods and services, so true unless set false.
   */
  paysSuppliers: z.boolean().default(true),
});
export type Unit = z.infer<typeof unitSchema>;

export const groupSchema = z.object({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  /** Other groups whose members belong to this one (有关部门 ⊇ 市政府各部门). */
  includes: z.array(z.string().min(1)).default([]),
  /** True for groups whose extent a plan leaves open (有关部门): resolving them warns. */
  vague: z.boolean().default(false),
});
export type Group = z.infer<typeof groupSchema>;

export const directorySchema = z.object({
  units: z.array(unitSchema).min(1),
  groups: z.array(groupSchema).default([]),
});
export type Directory = z.infer<typeof directorySchema>;

/** Spacing and bracket width differ between documents; the name does not. */
export function normalizeUnitName(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/等$/, '');
}

export type Resolution =
  | { kind: 'unit'; units: Unit[] }
  | { kind: 'group'; group: Group; units: Unit[] }
  | { kind: 'unknown'; suggestions: string[] };

/** Lookup tables over a validated directory. */
export class UnitIndex {
  private readonly byName = new Map<string, Unit>();
  private readonly groups = new Map<string, Group>();
  private readonly members = new Map<string, Unit[]>();

  constructor(readonly directory: Directory) {
    for (const u of directory.units) {
      for (const n of [u.name, ...u.aliases]) this.byName.set(normalizeUnitName(n), u);
      for (const g of u.groups) {
        if (!this.members.has(g)) this.members.set(g, []);
        this.members.get(g)!.push(u);
      }
    }
    const declared = new Map(directory.groups.map((g) => [g.name, g]));
    for (const name of new Set([...this.members.keys(), ...declared.keys()])) {
      const g = declared.get(name) ?? { name, aliases: [], includes: [], vague: false };
      for (const n of [g.name, ...g.aliases]) this.groups.set(normalizeUnitName(n), g);
    }
  }

  /** Members of a group, following `includes`, each unit once. */
  groupMembers(group: Group, seen = new Set<string>()): Unit[] {
    if (seen.has(group.name)) return [];
    seen.add(group.name);
    const out = new Map<string, Unit>();
    for (const u of this.members.get(group.name) ?? []) out.set(u.id, u);
    for (const inc of group.includes) {
      const g = this.groups.get(normalizeUnitName(inc));
      if (g) for (const u of this.groupMembers(g, seen)) out.set(u.id, u);
    }
    return [...out.values()];
  }

  resolve(name: string): Resolution {
    const key = normalizeUnitName(name);
    const unit = this.byName.get(key);
    if (unit) return { kind: 'unit', units: [unit] };
    const group = this.groups.get(key);
    if (group) return { kind: 'group', group, units: this.groupMembers(group) };
    return { kind: 'unknown', suggestions: this.suggest(key) };
  }

  /**
   * The directory names nearest to `name` (domain/plan/unit-suggest.ts), best
   * first, one for each unit or group; none when no name has anything
   * distinctive in common with it. `groups: false` leaves groups out, for
   * those who must name one unit.
   */
  suggest(name: string, { count = 3, groups = true }: { count?: number; groups?: boolean } = {}): string[] {
    const candidates: NameCandidate[] = this.directory.units.flatMap((u) =>
      [u.name, ...u.aliases].map((n) => ({ name: n, owner: `unit:${u.id}`, official: n === u.name })),
    );
    if (groups) {
      for (const g of new Set(this.groups.values())) candidates.push(...[g.name, ...g.aliases].map((n) => ({ name: n, owner: `group:${g.name}`, official: n === g.name })));
    }
    return suggestUnitNames(name, candidates, count, normalizeUnitName);
  }

  /** Every name the directory knows: units' full names and aliases, groups' names and aliases. */
  names(): string[] {
    return [...this.byName.keys(), ...this.groups.keys()];
  }

  unitById(id: string): Unit | undefined {
    return this.directory.units.find((u) => u.id === id);
  }
}

/** Directory-level consistency zod cannot see: repeated ids, a name that means two units, unknown included groups. */
function crossCheck(dir: Directory, file: string, locate: (p: Path) => number | undefined): PlanIssue[] {
  const problems: PlanIssue[] = [];
  const ids = new Map<string, number>();
  const names = new Map<string, string>();
  dir.units.forEach((u, i) => {
    const line = locate(['units', i]);
    if (ids.has(u.id)) problems.push(issue('unit.duplicateId', 'error', { file, line, field: `units[${i}].id` }, `单位编号“${u.id}”重复`));
    ids.set(u.id, i);
    for (const n of [u.name, ...u.aliases]) {
      const key = normalizeUnitName(n);
      const owner = names.get(key);
      if (owner && owner !== u.id) problems.push(issue('unit.ambiguousName', 'error', { file, line, field: `units[${i}]` }, `名称“${n}”同时指向单位“${owner}”和“${u.id}”`));
      names.set(key, u.id);
    }
  });
  const groupNames = new Set([...dir.units.flatMap((u) => u.groups), ...dir.groups.map((g) => g.name)].map(normalizeUnitName));
  dir.groups.forEach((g, i) => {
    for (const inc of g.includes) {
      if (!groupNames.has(normalizeUnitName(inc))) {
        problems.push(issue('group.unknownInclude', 'error', { file, line: locate(['groups', i, 'includes']), field: `groups[${i}].includes` }, `分组“${g.name}”包含的分组“${inc}”不存在`));
      }
    }
  });
  return problems;
}

function finish(value: unknown, file: string, locate: (p: Path) => number | undefined): UnitIndex {
  const parsed = parseZh(directorySchema, value);
  if (!parsed.success) throw new PlanReadError(schemaIssues(parsed.error, file, locate, 'directory.schema'));
  const problems = crossCheck(parsed.data, file, locate);
  if (problems.length > 0) throw new PlanReadError(problems);
  return new UnitIndex(parsed.data);
}

export function readDirectoryYaml(text: string, file: string): UnitIndex {
  const src = parseYamlSource(text, file);
  return finish(src.value, file, src.locate);
}

const CSV_COLUMNS = ['id', 'name', 'aliases', 'groups', 'contact_name', 'contact_email', 'head_name', 'head_email', 'supervisor_name', 'supervisor_email'];

/**
 * One unit a row: id,name,aliases,groups,contact_name,contact_email,head_name,
 * head_email,supervisor_name,supervisor_email, optionally leadership_name,
 * leadership_email; lists separated by `;`.
 */
export function readDirectoryCsv(text: string, file: string): UnitIndex {
  if (text.trim() === '') throw new PlanReadError([issue('file.empty', 'error', { file }, '文件是空的')]);
  const records = parseCsvFile<Array<Record<string, string>>>(text, { bom: true, columns: true, skip_empty_lines: true, trim: true }, file);
  const missing = CSV_COLUMNS.filter((c) => records.length > 0 && !(c in records[0]!));
  if (missing.length > 0) {
    throw new PlanReadError([issue('directory.columns', 'error', { file, line: 1 }, `单位名录缺少列：${missing.join('、')}（应有：${CSV_COLUMNS.join(',')}）`)]);
  }
  const list = (s: string | undefined) => (s ?? '').split(';').map((x) => x.trim()).filter(Boolean);
  const person = (name?: string, email?: string) => ({ ...(name ? { name } : {}), email: email ?? '' });
  const units = records.map((r) => ({
    id: r.id,
    name: r.name,
    aliases: list(r.aliases),
    groups: list(r.groups),
    contacts: [person(r.contact_name, r.contact_email)],
    head: person(r.head_name, r.head_email),
    supervisor: person(r.supervisor_name, r.supervisor_email),
    ...(r.leadership_email ? { leadership: person(r.leadership_name, r.leadership_email) } : {}),
  }));
  // Row n of the records is line n + 1 of the file (the header is line 1).
  return finish({ units }, file, (p) => (p[0] === 'units' && typeof p[1] === 'number' ? p[1] + 2 : undefined));
}
