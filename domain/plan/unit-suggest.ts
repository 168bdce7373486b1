/**
 * Which directory names to offer for a unit name the directory does not
 * know. Edit distance alone ranks by length: every name of a Chinese
 * directory shares 市…局 with every other, so for 市规划局 it offered
 * 市交通局、市人社局、市住建局 over 市自然资源和规划局, and for 不存在 three names of
 * three characters. What tells offices apart is the part between the affixes
 * (规划, 发改, 交通运输), so names are compared on that part: a name that
 * contains it comes first, then names sharing its characters, each character
 * weighing less the more offices have it (水 of 市水利局 points to 市水务局
 * alone; 保 of 市环保局 is in 医疗保障 and 社会保障 both, and points to neither).
 * A name that shares only such common characters, or none, is not offered.
 */
import { distance } from 'fastest-levenshtein';

/** Administrative level in front of a name (市发改委, 区财政局, 各镇街). */
const PREFIX = /^[省市区县各]/;

/** The kind of office after it, longest first so 委员会 goes before 委. */
const SUFFIX = /(委员会|办公室|分局|中心|街道|部门|单位|[局委办厅处科所站镇乡])$/;

/**
 * Characters too common in office names to tell two apart: connectors, the
 * levels and kinds of office (left inside a name: 市市场监督管理局 keeps its
 * second 市), brackets.
 */
const COMMON = new Set([...'和与及、()（）·市区县省局委办厅各']);

/** 市自然资源和规划局 → 自然资源和规划, 市发改委 → 发改, 各镇街 → 镇街; a name that is all affix stays whole. */
export function distinctivePart(name: string): string {
  const withoutPrefix = name.replace(PREFIX, '');
  const core = withoutPrefix.replace(SUFFIX, '');
  return core || withoutPrefix || name;
}

export interface NameCandidate {
  /** The name as the directory writes it. */
  name: string;
  /** What the name stands for (a unit or a group): one suggestion for each, so aliases of one office do not fill the list. */
  owner: string;
  /** The owner's full name: shown rather than an alias that matches as well. */
  official: boolean;
}

interface Scored {
  candidate: NameCandidate;
  /** 0: one distinctive part contains the other; 1: they share characters. */
  tier: number;
  /** The shared characters, each weighing 1 / the number of owners whose names have it. */
  weight: number;
  distance: number;
}

/** Enough shared weight to offer a name: one character only one owner has, or several less distinctive ones. */
const ENOUGH = 1;

/** For each character, how many owners have it in the distinctive part of one of their names. */
function owners(candidates: NameCandidate[], normalize: (s: string) => string): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  for (const c of candidates) {
    for (const ch of distinctivePart(normalize(c.name))) {
      if (!seen.has(ch)) seen.set(ch, new Set());
      seen.get(ch)!.add(c.owner);
    }
  }
  return new Map([...seen].map(([ch, set]) => [ch, set.size]));
}

function score(wanted: string, wantedCore: string, candidate: NameCandidate, normalize: (s: string) => string, ownersOf: Map<string, number>): Scored | undefined {
  const name = normalize(candidate.name);
  const core = distinctivePart(name);
  const contains = core.includes(wantedCore) || (core.length >= 2 && wantedCore.includes(core));
  const distinctive = [...new Set(wantedCore)].filter((ch) => !COMMON.has(ch));
  const shared = distinctive.filter((ch) => core.includes(ch));
  const weight = shared.reduce((sum, ch) => sum + 1 / ownersOf.get(ch)!, 0);
  // And at least half of what names the office: 水 is half of 水利 (市水务局), 大 a third of 大数据 (not 大束镇).
  if (!contains && (weight < ENOUGH || shared.length * 2 < distinctive.length)) return undefined;
  return { candidate, tier: contains ? 0 : 1, weight, distance: distance(wanted, name) };
}

function better(a: Scored, b: Scored): number {
  return (
    a.tier - b.tier ||
    b.weight - a.weight ||
    Number(b.candidate.official) - Number(a.candidate.official) ||
    a.distance - b.distance ||
    a.candidate.name.localeCompare(b.candidate.name)
  );
}

/**
 * The names to offer for `wanted`, best first, at most `count`, one for each
 * owner; none when no name has enough of its distinctive part.
 * `normalize`: how the directory compares names (spacing, bracket width).
 */
export function suggestUnitNames(wanted: string, candidates: NameCandidate[], count = 3, normalize: (s: string) => string = (s) => s): string[] {
  const key = normalize(wanted);
  const keyCore = distinctivePart(key);
  // 市局, 各部门: nothing in it names an office, so nothing is near it.
  if ([...keyCore].every((ch) => COMMON.has(ch))) return [];
  const ownersOf = owners(candidates, normalize);
  const best = new Map<string, Scored>();
  for (const candidate of candidates) {
    const s = score(key, keyCore, candidate, normalize, ownersOf);
    if (!s) continue;
    const held = best.get(candidate.owner);
    if (!held || better(s, held) < 0) best.set(candidate.owner, s);
  }
  return [...best.values()]
    .sort(better)
    .slice(0, count)
    .map((s) => s.candidate.name);
}
