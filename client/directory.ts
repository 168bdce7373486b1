/**
 * The unit directory the CLI works with. `plan start --units FILE` keeps a
 * copy as the current directory (`${DUBAN_DATA_DIR}/units.yaml`), so the
 * commands that come later in the year (events, requests, the SME-arrears
 * schedule) need no flag against the system `npm start` runs; `--units`
 * overrides it.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document } from 'yaml';
import { loadEnv } from '../config/env';
import { formatIssue, PlanReadError } from '../domain/plan/issues';
import type { Unit, UnitIndex } from '../domain/plan/units';
import { UserFacingError } from './errors';
import { readUnitsFile } from './plan-files';

/** Where the directory of the last `plan start` is kept. */
export function currentDirectoryPath(dataDir = loadEnv().DUBAN_DATA_DIR): string {
  return path.join(dataDir, 'units.yaml');
}

/** Reads a directory file; its problems are printed one a line, then one Chinese error. */
export function readUnits(file: string): UnitIndex {
  try {
    return readUnitsFile(file);
  } catch (err) {
    if (err instanceof PlanReadError) {
      for (const i of err.issues) console.error(formatIssue(i));
      throw new UserFacingError(`无法读取单位名录 ${file}`);
    }
    throw err;
  }
}

/** Keeps the directory a plan was started with as the current one: a YAML file as it is (comments and all), a CSV one as YAML. `index`: the file, already read. */
export function saveCurrentDirectory(file: string, index?: UnitIndex): string {
  const target = currentDirectoryPath();
  mkdirSync(path.dirname(target), { recursive: true });
  if (path.resolve(file) === path.resolve(target)) return target;
  if (/\.ya?ml$/i.test(file)) {
    copyFileSync(file, target);
  } else {
    const doc = new Document((index ?? readUnits(file)).directory);
    doc.commentBefore = ` 由 duban plan start 从 ${path.basename(file)} 转存，作为当前单位名录。`;
    writeFileSync(target, doc.toString({ lineWidth: 0 }));
  }
  return target;
}

/** The directory named by `--units`, else the current one. */
export function loadDirectory(file?: string): UnitIndex {
  if (file) return readUnits(file);
  const current = currentDirectoryPath();
  if (!existsSync(current)) {
    throw new UserFacingError(`还没有当前单位名录（${current}）：请先运行 duban plan start 计划文件 --units 名录文件，或用 --units 指定名录。`);
  }
  return readUnits(current);
}

/** One unit named by id, full name or alias; a group or an unknown name is an error that says what to type instead. */
export function resolveOneUnit(index: UnitIndex, name: string): Unit {
  const wanted = name.trim();
  if (!wanted) throw new UserFacingError('--unit 不能为空：请写单位编号、全称或简称。');
  const byId = index.unitById(wanted);
  if (byId) return byId;
  const found = index.resolve(wanted);
  if (found.kind === 'unit') return found.units[0]!;
  if (found.kind === 'group') {
    const members = found.units.slice(0, 5).map((u) => u.name).join('、');
    throw new UserFacingError(`“${wanted}”是单位分组（${members}${found.units.length > 5 ? ' 等' : ''}），不是一个单位：请逐个单位登记。`);
  }
  const hint = found.suggestions.length > 0 ? `，是否是：${found.suggestions.join('、')}？` : '。';
  throw new UserFacingError(`单位名录中没有“${wanted}”${hint}`);
}
