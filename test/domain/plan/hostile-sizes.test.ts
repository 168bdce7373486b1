/**
 * Inputs shaped to make a regular expression backtrack or a string be
 * rebuilt on every line: each must stay linear. A quadratic reader takes
 * tens of seconds on these; the bound is generous so a slow machine passes.
 */
import { describe, expect, it } from 'vitest';
import { findDeadlineInText, parseDeadlineCell } from '../../../domain/plan/deadline-phrases';
import { PlanReadError } from '../../../domain/plan/issues';
import { readCsv } from '../../../domain/plan/read-table';
import { readText } from '../../../domain/plan/read-text';
import { splitUnitCell } from '../../../domain/plan/unit-names';

const N = 500_000;
const BOUND_MS = 5000;

function within(f: () => unknown): number {
  const start = performance.now();
  try {
    f();
  } catch (err) {
    if (!(err instanceof PlanReadError)) throw err;
  }
  return performance.now() - start;
}

describe('hostile sizes stay linear', () => {
  it.each([
    ['a line of spaces inside an item', `2024年要点\n一、总则\n1. 做好${' '.repeat(N)}x。（责任单位：市司法局）\n`],
    ['a line of spaces in a flattened table', `序号 工作任务 责任部门 具体要求 完成时限\n1 市司法局\n${' '.repeat(N)}x\n`],
    ['a run of 。 in a unit clause', `2024年要点\n一、总则\n1. 做好。（责任单位：市司法局${'。'.repeat(N)}x）\n`],
    ['a run of digits', `2024年要点\n一、总则\n1. 做好${'1'.repeat(N)}x。（责任单位：市司法局）\n`],
    ['an item broken over 100,000 lines', `2024年要点\n一、总则\n1. 做好${'没有句号的一行\n'.repeat(100_000)}（责任单位：市司法局）\n`],
    ['a paragraph broken over 100,000 lines', `2024年要点\n一、总则\n（一）甲\n${'没有句号的一行\n'.repeat(100_000)}。\n`],
    ['a line of tabs', `2024年要点\n\t工作任务\n\t牵头部门\n\t责任单位\n\t具体要求\n\t完成时限\n\n${'\t'.repeat(N)}x\n`],
  ])('text reader: %s', (_, text) => {
    expect(within(() => readText(text, { file: 'x.txt', year: 2024 }))).toBeLessThan(BOUND_MS);
  });

  it('phrases, unit cells and CSV cells', () => {
    expect(within(() => splitUnitCell(`${'。'.repeat(N)}x`))).toBeLessThan(BOUND_MS);
    expect(within(() => findDeadlineInText(`${'年'.repeat(N)}${'1'.repeat(N)}`))).toBeLessThan(BOUND_MS);
    expect(within(() => parseDeadlineCell('1'.repeat(N)))).toBeLessThan(BOUND_MS);
    expect(within(() => readCsv(`序号,工作任务,责任单位\n1,a,${'、'.repeat(N)}x\n`, { file: 'x.csv', year: 2024 }))).toBeLessThan(BOUND_MS);
  });
});
