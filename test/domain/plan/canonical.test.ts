import { Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readCanonical } from '../../../domain/plan/read-canonical';
import { itSeeds, readSeed } from './seeds';

describe('canonical YAML', () => {
  itSeeds.each(['000', '001', '002', '003', '004'])('round-trips the plan read from seed %s', (seed) => {
    const { plan } = readSeed(seed);
    const yaml = new Document(plan).toString({ lineWidth: 0 });
    expect(readCanonical(yaml, { file: 'plan.yaml' })).toMatchObject({ plan, warnings: [] });
    expect(readCanonical(JSON.stringify(plan), { file: 'plan.json' }).plan).toEqual(plan);
  });

  it('accepts the hand-written conveniences: a phrase, a units string, a numeric id', () => {
    const { plan } = readCanonical('title: 2024年要点\nyear: 2024\ntasks:\n  - { id: 7, content: 任务, responsibleUnits: 市司法局、市财政局, deadline: 6月底前 }\n', { file: 'p.yaml' });
    expect(plan.tasks).toEqual([
      {
        id: '7',
        section: [],
        content: '任务',
        leadUnits: [],
        responsibleUnits: ['市司法局', '市财政局'],
        cooperatingUnits: [],
        deadline: { kind: 'monthEnd', month: 6 },
        deadlineText: '6月底前',
        duties: [],
      },
    ]);
    expect(plan.id).toBe('2024-0zmd38n');
  });
});
