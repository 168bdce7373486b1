/**
 * The board's filters as staff type them, turned into what the rows carry,
 * as `duban overdue` takes them: a unit by id, full name or alias (the
 * current directory), a plan by id, a rule by kind or label. A value that
 * names nothing is a 400 naming it and the closest known ones, never an empty
 * board that reads as "nothing overdue".
 */
import type { z } from 'zod';
import { readDirectoryYaml } from '../../domain/plan/units';
import { shanghaiDate } from '../../domain/calendar';
import { ruleKinds, ruleLabel, ruleOf } from '../../contracts/labels';
import { closestNames, knownPlans, unknownName } from '../commands/names';
import { WebError, type WebDeps } from './actions';
import type * as s from './schemas';

export interface BoardFilter {
  plan?: string;
  /** The units asked for: one, or a group's members. */
  unitIds?: Set<string>;
  rule?: string;
  minDays?: number;
}

export async function resolveBoardFilter(deps: WebDeps, filter: z.infer<typeof s.overdueFilterSchema>): Promise<BoardFilter> {
  return {
    ...(filter.plan !== undefined ? { plan: await knownPlan(deps, filter.plan) } : {}),
    ...(filter.unit !== undefined ? { unitIds: await unitsNamed(deps, filter.unit) } : {}),
    ...(filter.rule !== undefined ? { rule: ruleNamed(filter.rule) } : {}),
    ...(filter.minDays !== undefined ? { minDays: filter.minDays } : {}),
  };
}

/** A rule by kind or label (contracts/labels.ts), as `--rule` takes it; else the nearest, each as its label and its kind. */
function ruleNamed(wanted: string): string {
  const kind = ruleOf(wanted);
  if (kind) return kind;
  const near = closestNames(wanted, ruleKinds().flatMap((k) => [k, ruleLabel(k)])).map((n) => ruleOf(n)!);
  const named = [...new Set(near)].map((k) => `${ruleLabel(k)}（${k}）`);
  throw new WebError(400, `没有规则“${wanted}”，是否是：${named.join('、')}？`);
}

/** A plan some running duty carries, or one that was started (all its duties may be done). */
async function knownPlan(deps: WebDeps, plan: string): Promise<string> {
  await deps.index.ready();
  const onBoard = deps.index.overdue(shanghaiDate(Date.now())).plans;
  if (onBoard.includes(plan)) return plan;
  // Listed only for a plan the board does not know: visibility is slower than the board.
  const started = await knownPlans(deps.client);
  if (started.includes(plan)) return plan;
  throw new WebError(400, unknownName('计划', plan, [...onBoard, ...started], '还没有启动任何计划').message);
}

/**
 * The units a board filter names. A unit some running duty names by id or
 * by the name it started with counts, even one the current directory no
 * longer has; else the current directory resolves ids, full names and
 * aliases as `duban overdue --unit` does (UnitIndex), and a group stands for
 * its members.
 */
async function unitsNamed(deps: WebDeps, wanted: string): Promise<Set<string>> {
  await deps.index.ready();
  const duties = deps.index.all();
  const onBoard = duties.flatMap((d) => Object.entries(d.units)).find(([id, u]) => id === wanted || u.name === wanted);
  if (onBoard) return new Set([onBoard[0]]);
  const yaml = await deps.store.directory.load();
  if (yaml === undefined) {
    const names = duties.flatMap((d) => Object.values(d.units).map((u) => u.name));
    throw new WebError(400, unknownName('单位', wanted, names, '还没有当前单位名录，请填写单位编号或全称').message);
  }
  const directory = readDirectoryYaml(yaml, 'units.yaml');
  const byId = directory.unitById(wanted);
  if (byId) return new Set([byId.id]);
  const found = directory.resolve(wanted);
  if (found.kind !== 'unknown') return new Set(found.units.map((u) => u.id));
  // The CLI's sentence (client/directory.ts) may point to its commands; the web's points to what to type.
  const hint = found.suggestions.length > 0 ? `，是否是：${found.suggestions.join('、')}？` : '（请填写单位编号、全称或简称）。';
  throw new WebError(400, `单位名录中没有“${wanted}”${hint}`);
}
