/**
 * YAML (and JSON, which YAML 1.2 reads) with line numbers kept, so a problem
 * in a hand-edited plan or directory points at the line the clerk must fix.
 * zod's messages are given in Chinese (its zh-CN locale) for the same reason.
 */
import { isNode, LineCounter, parseDocument, visit } from 'yaml';
import { z } from 'zod';
import type { PlanIssue } from './issues';
import { issue, PlanReadError } from './issues';
import { expandedChars, MAX_EXPANDED_CHARS } from './limits';

export type Path = ReadonlyArray<string | number>;

export interface YamlSource {
  value: unknown;
  /** The line of the value at `path`, or of its nearest parent that exists. */
  locate(path: Path): number | undefined;
}

export function parseYamlSource(text: string, file: string): YamlSource {
  if (text.trim() === '') throw new PlanReadError([issue('file.empty', 'error', { file }, '文件是空的')]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlanReadError(
      doc.errors.map((e) =>
        issue('yaml.syntax', 'error', { file, line: lineCounter.linePos(e.pos[0]).line }, `YAML 格式错误：${e.message.split('\n')[0]}`),
      ),
    );
  }
  // Aliases (*a) are where a small file unfolds into gigabytes; the first one is where to look.
  let hasAlias = false;
  let alias: number | undefined;
  visit(doc, {
    Alias(_, node) {
      hasAlias = true;
      if (node.range) alias = lineCounter.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  const unfolds = (what: string) =>
    new PlanReadError([
      issue(
        'yaml.aliasExpansion',
        'error',
        { file, ...(alias ? { line: alias } : {}) },
        `YAML 的锚点和别名（&、*）${what}：计划和单位名录用不到别名，请把内容直接写出`,
      ),
    ]);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    if (/alias/i.test((err as Error).message)) throw unfolds('展开次数过多');
    throw new PlanReadError([issue('yaml.syntax', 'error', { file }, `YAML 无法读取：${(err as Error).message}`)]);
  }
  if (hasAlias && expandedChars(value, MAX_EXPANDED_CHARS) > MAX_EXPANDED_CHARS) {
    throw unfolds(`展开后超过 ${MAX_EXPANDED_CHARS / 1024 / 1024} MB（上限）`);
  }
  const locate = (path: Path): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { value, locate };
}

/** `tasks[3].responsibleUnits[1]`: the field as a clerk can find it in the file. */
export function fieldName(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Schema problems as plan issues, one per zod issue, in Chinese, at their lines. */
export function schemaIssues(error: z.ZodError, file: string, locate: (p: Path) => number | undefined, code: string): PlanIssue[] {
  return error.issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    const line = locate(path);
    return issue(code, 'error', { file, ...(line ? { line } : {}), field: fieldName(path) || undefined }, i.message);
  });
}

/** Parses with zod's Chinese messages. */
export function parseZh<T extends z.ZodType>(schema: T, value: unknown): z.ZodSafeParseResult<z.output<T>> {
  return schema.safeParse(value, { error: z.locales.zhCN().localeError });
}
