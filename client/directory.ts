/**
 * The unit directory the CLI works with. `plan start --units FILE` and
 * `directory update FILE` keep it as the current directory in the store, so
 * the commands that come later in the year (events, requests, the
 * SME-arrears schedule) need no flag against the system `npm start` runs;
 * `--units` overrides it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document } from 'yaml';
import { formatIssue, PlanReadError } from '../domain/plan/issues';
import { readDirectoryYaml, type Unit, type UnitIndex } from '../domain/plan/units';
import { UserFacingError } from './errors';
import { decodeText, readUnitsFile } from './plan-files';
import { cliStore } from './store';

/** Reads a directory (`where` names it); its problems are printed one a line, then one Chinese error. */
function readDirectory(where: string, read: () => UnitIndex): UnitIndex {
  try {
    return read();
  } catch (err) {
    if (err instanceof PlanReadError) {
      for (const i of err.issues) console.error(formatIssue(i));
      throw new UserFacingError(`无法读取单位名录 ${where}`);
    }
    throw err;
  }
}

/** Reads a directory file (YAML or CSV). */
export function readUnits(file: string): UnitIndex {
  return readDirectory(file, () => readUnitsFile(file));
}

/**
 * Keeps a directory file as the current one: a YAML file as it is (comments
 * and all), a CSV one as YAML. `index`: the file, already read. Returns where
 * it is kept.
 */
export async function saveCurrentDirectory(file: string, index?: UnitIndex): Promise<string> {
  const { directory } = cliStore();
  const name = path.basename(file);
  let yaml: string;
  if (/\.ya?ml$/i.test(file)) {
    yaml = decodeText(readFileSync(file), name);
  } else {
    const doc = new Document((index ?? readUnits(file)).directory);
    doc.commentBefore = ` 由 duban plan start 从 ${name} 转存，作为当前单位名录。`;
    yaml = doc.toString({ lineWidth: 0 });
  }
  await directory.save(yaml);
  return directory.location;
}

/** The directory named by `--units`, else the current one. */
export async function loadDirectory(file?: string): Promise<UnitIndex> {
  if (file) return readUnits(file);
  const { directory } = cliStore();
  const yaml = await directory.load();
  if (yaml === undefined) {
    throw new UserFacingError(`还没有当前单位名录（${directory.location}）：请先运行 duban plan start 计划文件 --units 名录文件，或用 --units 指定名录。`);
  }
  return readDirectory(directory.location, () => readDirectoryYaml(yaml, path.basename(directory.location)));
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
  // Only units: a group offered here would be refused in turn.
  const near = index.suggest(wanted, { groups: false });
  const hint = near.length > 0 ? `，是否是：${near.join('、')}？` : `，也没有相近的名称（duban directory list 列出名录中的全部单位）。`;
  throw new UserFacingError(`单位名录中没有“${wanted}”${hint}`);
}
