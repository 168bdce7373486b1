/**
 * The readers on arbitrary and mangled input: they return a plan the schema
 * accepts, or throw PlanReadError with at least one issue — nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanReadError } from '../../../domain/plan/issues';
import { planSchema } from '../../../domain/plan/model';
import { readCanonical } from '../../../domain/plan/read-canonical';
import { readCsv, readGrid } from '../../../domain/plan/read-table';
import { readText } from '../../../domain/plan/read-text';
import { findDeadlineInText, parseDeadlineCell } from '../../../domain/plan/deadline-phrases';
import { splitUnitCell } from '../../../domain/plan/unit-names';
import { itSeeds, seedText } from './seeds';

function readsOrRefuses(read: () => { plan: unknown }): void {
  try {
    const { plan } = read();
    expect(planSchema.safeParse(plan).success).toBe(true);
  } catch (err) {
    if (!(err instanceof PlanReadError)) throw err;
    expect(err.issues.length).toBeGreaterThan(0);
  }
}

/** Characters the documents are made of, so the fuzzer hits the interesting paths. */
const docChar = fc.constantFrom(
  ...'一二三四五六七八九十、（）()：:，。；\t\n 1234567890.年月日底前内个工作日季度每至少次责任单位牵头配合序号工作任务具体要求完成时限市局各镇街部门=+@-'.split(''),
);
const docText = fc.array(docChar, { maxLength: 400 }).map((cs) => cs.join(''));

/** A seed with lines dropped, duplicated and shuffled locally: broken PDFs and bad copies. */
const mangledSeed = fc
  .tuple(fc.constantFrom('000', '001', '002', '003', '004'), fc.array(fc.nat(), { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 10 }))
  .map(([seed, drops, dups]) => {
    const lines = seedText(seed).split('\n');
    for (const d of drops) lines.splice(d % lines.length, 1);
    for (const d of dups) lines.splice(d % lines.length, 0, lines[(d * 7) % lines.length]!);
    return lines.join('\n');
  });

describe('reader properties', () => {
  it('text reader: arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => readsOrRefuses(() => readText(s, { file: 'f.txt' }))), { numRuns: 300 });
  });

  it('text reader: strings of document characters, with and without a year', () => {
    fc.assert(
      fc.property(docText, fc.boolean(), (s, withYear) => readsOrRefuses(() => readText(s, { file: 'f.txt', ...(withYear ? { year: 2024 } : {}) }))),
      { numRuns: 400 },
    );
  });

  itSeeds('text reader: mangled seeds', () => {
    fc.assert(fc.property(mangledSeed, (s) => readsOrRefuses(() => readText(s, { file: 'f.txt' }))), { numRuns: 60 });
  });

  it('CSV reader: arbitrary cells under a real header', () => {
    const cell = fc.oneof(fc.string({ maxLength: 20 }), docText.map((s) => s.slice(0, 30)));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 20 }), (rows) => {
        const grid = [['序号', '工作任务', '牵头单位', '责任单位', '配合单位', '具体要求', '完成时限'], ...rows];
        readsOrRefuses(() => readGrid(grid, { file: 'g.xlsx', year: 2024 }));
        const csv = grid.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
        readsOrRefuses(() => readCsv(csv, { file: 'g.csv', year: 2024 }));
      }),
      { numRuns: 200 },
    );
  });

  it('CSV reader: arbitrary bytes as text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => readsOrRefuses(() => readCsv(s, { file: 'x.csv', year: 2024 }))), { numRuns: 300 });
  });

  it('canonical reader: arbitrary text and arbitrary JSON values', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => readsOrRefuses(() => readCanonical(s, { file: 'p.yaml' }))), { numRuns: 300 });
    fc.assert(fc.property(fc.jsonValue(), (v) => readsOrRefuses(() => readCanonical(JSON.stringify(v), { file: 'p.json' }))), { numRuns: 300 });
  });

  it('phrase parsers and unit splitting never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), docText), (s) => {
        parseDeadlineCell(s);
        findDeadlineInText(s);
        const roles = splitUnitCell(s);
        expect([...roles.lead, ...roles.responsible, ...roles.cooperating].every((n) => n.length > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
