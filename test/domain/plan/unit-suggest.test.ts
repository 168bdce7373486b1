/**
 * The names offered for a unit the directory does not know: by the part of
 * the name that tells offices apart, never three names that merely share
 * 市…局 or a length.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { distinctivePart, suggestUnitNames } from '../../../domain/plan/unit-suggest';
import { readDirectoryYaml } from '../../../domain/plan/units';
import { repoRoot } from './seeds';

const dir = readDirectoryYaml(readFileSync(path.join(repoRoot, 'examples/units.yaml'), 'utf8'), 'units.yaml');

describe('the distinctive part of a name', () => {
  it('drops the level in front and the kind of office behind', () => {
    expect(['市规划局', '市发改委', '市发展和改革委员会', '市政府办公室', '区财政局', '千泉街道', '市生态环境分局', '各镇街'].map(distinctivePart)).toEqual([
      '规划',
      '发改',
      '发展和改革',
      '政府',
      '财政',
      '千泉',
      '生态环境',
      '镇街',
    ]);
  });

  it('keeps a second 市 that belongs to the name, and a name that is all affix', () => {
    expect(distinctivePart('市市场监督管理局')).toBe('市场监督管理');
    expect(distinctivePart('各部门')).toBe('部门');
    expect(distinctivePart('局')).toBe('局');
  });
});

describe('suggestions from examples/units.yaml', () => {
  it('offers the office whose name holds the distinctive part first: 市规划局 → 市自然资源和规划局', () => {
    expect(dir.suggest('市规划局')[0]).toBe('市自然资源和规划局');
    // Not the three-character names edit distance ranked first.
    expect(dir.suggest('市规划局')).not.toContain('市交通局');
  });

  it('offers nothing for a name with nothing in common: 不存在, 市统计局, a bare 市局, one sharing too little', () => {
    expect(dir.suggest('不存在')).toEqual([]);
    expect(dir.suggest('不存在', { groups: false })).toEqual([]);
    expect(dir.suggest('市统计局')).toEqual([]);
    expect(dir.suggest('市局')).toEqual([]);
    // 大 is 大束镇's alone, but a third of 大数据: not enough to mean it.
    expect(dir.suggest('市大数据中心')).toEqual([]);
  });

  it('still knows aliases: 市发改委 resolves, and a near miss of it is offered its office once', () => {
    expect(dir.resolve('市发改委')).toMatchObject({ kind: 'unit', units: [{ name: '市发展和改革局' }] });
    expect(dir.suggest('市发改')).toEqual(['市发改委']);
    expect(dir.suggest('区发展改革局')).toEqual(['市发展和改革局']);
  });

  it('finds renamed and shortened offices', () => {
    expect(dir.suggest('市自然局')).toEqual(['市自然资源和规划局']);
    expect(dir.suggest('市卫生局')).toEqual(['市卫生健康局']);
    expect(dir.suggest('市教育局')).toEqual(['市教育和体育局']);
    expect(dir.suggest('市水利局')).toEqual(['市水务局']);
    expect(dir.suggest('市司法所')).toEqual(['市司法局']);
    expect(dir.suggest('千泉镇')).toEqual(['千泉街道']);
    expect(dir.suggest('市财政金融局')).toEqual(['市财政局']);
  });

  it('ranks the office sharing the most first, and leaves out one sharing only characters many offices have', () => {
    expect(dir.suggest('市交通运输管理局')[0]).toBe('市交通运输局');
    // 环 is 生态环境's alone; 保 is in 医疗保障 and 社会保障 both.
    expect(dir.suggest('市环保局')).toEqual(['市生态环境分局']);
  });

  it('offers groups to a plan, and leaves them out for one unit', () => {
    expect(dir.suggest('市政府')).toEqual(['市政府办公室', '市政府各部门', '市政府有关部门']);
    expect(dir.suggest('市政府', { groups: false })).toEqual(['市政府办公室']);
  });
});

describe('suggestUnitNames', () => {
  const c = (name: string, owner: string, official = true) => ({ name, owner, official });

  it('shows an office once, by its full name when an alias matches no better', () => {
    const candidates = [c('市自然资源规划局', 'zrj', false), c('市自然资源和规划局', 'zrj'), c('市交通局', 'jtj')];
    expect(suggestUnitNames('市规划局', candidates)).toEqual(['市自然资源和规划局']);
  });

  it('compares names as the directory does (spacing, bracket width)', () => {
    const candidates = [c('各镇（街道）', 'towns')];
    expect(suggestUnitNames(' 各镇(街道 ', candidates, 3, (s) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')'))).toEqual(['各镇（街道）']);
  });
});
