/**
 * The importer on real plans from other provinces (DUBAN_CORPUS_DIR, default
 * ../shared/corpus), against the counts, units and due days written in
 * corpus.ts by reading them: the targets (counts exact on ≥90% of
 * documents, units and due days right on ≥95% of tasks, every miss flagged).
 * Skipped, with one line, where the corpus is absent.
 */
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusMissingLine, haveCorpus, scoreDocument } from './corpus';

if (!haveCorpus) describe.skip(corpusMissingLine, () => it('needs the corpus', () => undefined));
else
  describe('the corpus of plans from other provinces', () => {
    it('meets the targets: counts exact on ≥90% of documents, units and due days right on ≥95% of tasks, no silent miss', async () => {
      const scores = await Promise.all(corpusFiles().map(scoreDocument));
      const tasks = scores.reduce((s, d) => s + d.expected, 0);
      expect(scores.filter((d) => d.found === d.expected).length / scores.length).toBeGreaterThanOrEqual(0.9);
      expect(scores.reduce((s, d) => s + d.unitsRight, 0) / tasks).toBeGreaterThanOrEqual(0.95);
      expect(scores.reduce((s, d) => s + d.dueRight, 0) / tasks).toBeGreaterThanOrEqual(0.95);
      expect(scores.flatMap((d) => d.silentMisses.map((m) => `${d.name} ${m}`))).toEqual([]);
    });
  });
