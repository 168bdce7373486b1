/**
 * YAML (and JSON, which YAML 1.2 reads) with line numbers kept, so a problem
 * in a hand-edited plan or directory points at the line the clerk must fix.
 * Schema problems are turned into issues on their lines here (parse-zh.ts gives zod's Chinese messages).
 */
import { isNode, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import type { z } from 'zod';
import type { PlanIssue } from './issues';
import { issue, PlanReadError } from './issues';
import { expandedChars, MAX_EXPANDED_CHARS } from './limits';

export type Path = ReadonlyArray<string | number>;

export interface YamlSource {
  value: unknown;
  /** The line of the value at `path`, or of its nearest parent that exists. */
  locate(path: Path): number | undefined;
}

/**
 * What the yaml library's errors mean, for the clerk who edits the file (its
 * own messages are English); codes not listed get the general advice.
 */
const YAML_ERRORS: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: '缩进或括号不对：同一层的各项须用相同个数的空格缩进，[ ]、{ } 须成对',
  TAB_AS_INDENT: '用了制表符（Tab）缩进：请改用空格',
  DUPLICATE_KEY: '同一层中有重复的字段名',
  MISSING_CHAR: '缺少配对的符号：请检查引号、括号（[ ]、{ }）是否成对',
  BAD_DQ_ESCAPE: '双引号内的反斜杠（\\）用法不对：请去掉反斜杠，或改用单引号',
  MULTILINE_IMPLICIT_KEY: '字段名跨了行：字段名和冒号须在同一行',
  BLOCK_AS_IMPLICIT_KEY: '缩进或冒号不对：同一层的字段须对齐，字段名后须有冒号和空格',
  UNEXPECTED_TOKEN: '此处有多余或不该出现的符号',
  MULTIPLE_DOCS: '文件中有多份文档（---）：一个文件只写一份',
  BAD_SCALAR_START: '值不能以这个符号开头：请给这个值加上引号',
};
const YAML_ERROR_OTHERWISE = '请检查这一行的缩进、冒号（冒号后须有空格）和引号';

export function parseYamlSource(text: string, file: string): YamlSource {
  if (text.trim() === '') throw new PlanReadError([issue('file.empty', 'error', { file }, '文件是空的')]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PlanReadError(
      doc.errors.map((e) =>
        issue('yaml.syntax', 'error', { file, line: lineCounter.linePos(e.pos[0]).line }, `YAML 格式错误：${YAML_ERRORS[e.code] ?? YAML_ERROR_OTHERWISE}`),
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
    throw new PlanReadError([issue('yaml.syntax', 'error', { file }, `YAML 无法读取：${YAML_ERROR_OTHERWISE}`)]);
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

