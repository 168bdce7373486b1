/**
 * Unit names as documents write them in one cell or clause, split one per
 * entry, with the roles the words give them:
 *
 *   "市司法局牵头，市政府各部门配合"          → lead 市司法局, cooperating 市政府各部门
 *   "市司法局、市财政局等有关部门单位"        → 市司法局, 市财政局, 有关部门单位
 *   "各镇街、部门配合"                        → 各镇街, 各部门 (the bare 部门 takes 各 from its neighbour)
 *   "区财政金融局\n区发展改革局"              → one per line (table cells)
 */

export interface UnitRoles {
  lead: string[];
  responsible: string[];
  cooperating: string[];
}

import { looksLikeFormula } from './model';
import { trimEndChars } from './text-common';
import { normalizeUnitName } from './units';

type Role = keyof UnitRoles;

/** A fragment that only makes sense with its neighbour's qualifier: "区直有关部门、单位". */
const BARE_GENERIC = /^(部门|单位|部门单位|单位部门|县级市|县区|县|区|镇|街道|乡镇|镇街)$/;

function cleanName(s: string): string {
  const bare = s
    .replace(/\*+/g, '')
    .replace(/\s+/g, '')
    .replace(/^(责任单位|牵头单位|配合单位|责任部门|牵头部门|配合部门)[：:]/, '');
  return trimEndChars(bare, '。；;，,、：:').replace(/等$/, '');
}

/** Splits one clause (no role words) into names. */
function splitNames(clause: string): string[] {
  const names: string[] = [];
  for (const raw of clause.split(/[、]+/)) {
    let part = cleanName(raw);
    if (!part) continue;
    // "市财政局等有关部门单位": the listed units, then the open group.
    const etc = /^(.+?)等(有关.+|相关.+|其他.+)$/.exec(part);
    if (etc) {
      names.push(cleanName(etc[1]!));
      part = etc[2]!;
    }
    if (BARE_GENERIC.test(part)) {
      // "各有关区、县级市": the whole qualifier (各有关), not its first word.
      const qualifier = /^(.*(?:各|有关|相关))/.exec(names[names.length - 1] ?? '')?.[1];
      if (qualifier) part = qualifier + part;
    }
    names.push(part);
  }
  return names.filter((n) => n.length > 0);
}

/**
 * Splits a units cell into roles. `defaultRole` is what the column says
 * (牵头部门 → lead, 责任单位 → responsible); "牵头"/"配合" written after a
 * clause override it for that clause.
 */
export function splitUnitCell(cell: string, defaultRole: Role = 'responsible'): UnitRoles {
  const roles: UnitRoles = { lead: [], responsible: [], cooperating: [] };
  // A formula is kept whole, so validation shows it as written instead of in pieces.
  if (looksLikeFormula(cell)) {
    roles[defaultRole].push(cell.trim());
    return roles;
  }
  const text = cell.replace(/\*+/g, '').replace(/\r/g, '');
  // A clause ends at a comma, a semicolon or a line break (one unit per line in table cells).
  const clauses = text.split(/[，,；;\n]+/);
  // "牵头单位：A，配合单位：B、C，各区、县级市": a clause without a key continues the one before it.
  let keyedRole: Role | undefined;
  for (const raw of clauses) {
    let clause = raw.trim();
    if (!clause) continue;
    let role: Role = keyedRole ?? defaultRole;
    const marker = /(牵头|配合|协助|参与)$/.exec(clause);
    if (marker) {
      role = marker[1] === '牵头' ? 'lead' : 'cooperating';
      clause = clause.slice(0, marker.index);
    }
    const keyed = /^(责任|牵头|配合)(单位|部门)[：:](.*)$/s.exec(clause);
    if (keyed) {
      role = keyed[1] === '牵头' ? 'lead' : keyed[1] === '配合' ? 'cooperating' : 'responsible';
      keyedRole = role;
      clause = keyed[3]!;
    }
    for (const name of splitNames(clause)) if (!roles[role].includes(name)) roles[role].push(name);
  }
  return roles;
}

/** Adds `more` into `into`, keeping order and dropping repeats. */
export function mergeRoles(into: UnitRoles, more: UnitRoles): UnitRoles {
  for (const role of ['lead', 'responsible', 'cooperating'] as const) {
    for (const n of more[role]) if (!into[role].includes(n)) into[role].push(n);
  }
  return into;
}

/**
 * The names the unit directory given with `--units` knows (each unit's full
 * name and aliases, each group's): evidence that words are unit names where
 * the document does not say so, in any layout. A unit no suffix gives away
 * (南屏海关, 市妇联, 团市委) is recognised by being the directory's.
 */
export class UnitDictionary {
  private readonly names: Set<string>;

  constructor(names: Iterable<string>) {
    this.names = new Set([...names].map(normalizeUnitName).filter((n) => n.length > 0));
  }

  has(name: string): boolean {
    return this.names.has(normalizeUnitName(cleanName(name)));
  }

  /**
   * A clause with no 责任单位 key ("市司法局牵头，南屏海关、市妇联配合") read as
   * units only when every name in it is the directory's; undefined otherwise.
   */
  roles(clause: string, defaultRole: Role = 'responsible'): UnitRoles | undefined {
    if (clause.length > 300) return undefined;
    const roles = splitUnitCell(clause, defaultRole);
    const all = [...roles.lead, ...roles.responsible, ...roles.cooperating];
    return all.length > 0 && all.every((n) => this.has(n)) ? roles : undefined;
  }
}
