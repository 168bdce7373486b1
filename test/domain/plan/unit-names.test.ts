import { describe, expect, it } from 'vitest';
import { splitUnitCell } from '../../../domain/plan/unit-names';

describe('unit cells', () => {
  it('splits on 、 and line breaks', () => {
    expect(splitUnitCell('区财政金融局\n\n区发展改革局\n区经济运行局')).toEqual({
      lead: [],
      responsible: ['区财政金融局', '区发展改革局', '区经济运行局'],
      cooperating: [],
    });
  });

  it('reads 牵头 and 配合 written after the names', () => {
    expect(splitUnitCell('市司法局牵头，\n市政府各部门配合')).toEqual({ lead: ['市司法局'], responsible: [], cooperating: ['市政府各部门'] });
  });

  it('gives a bare 部门 or 单位 the qualifier of its neighbour', () => {
    expect(splitUnitCell('各镇街、部门配合').cooperating).toEqual(['各镇街', '各部门']);
    expect(splitUnitCell('区直有关部门、单位').responsible).toEqual(['区直有关部门', '区直有关单位']);
  });

  it('separates the open group after 等', () => {
    expect(splitUnitCell('市司法局、市市场监管局、市财政局等有关部门单位').responsible).toEqual(['市司法局', '市市场监管局', '市财政局', '有关部门单位']);
  });

  it('reads keyed clauses and the column\'s default role', () => {
    expect(splitUnitCell('牵头单位：市政府办公室；配合单位：市司法局、市财政局')).toEqual({
      lead: ['市政府办公室'],
      responsible: [],
      cooperating: ['市司法局', '市财政局'],
    });
    expect(splitUnitCell('区党政办公室', 'lead')).toEqual({ lead: ['区党政办公室'], responsible: [], cooperating: [] });
    expect(splitUnitCell('**责任单位：**市政府办公室')).toEqual({ lead: [], responsible: ['市政府办公室'], cooperating: [] });
  });
});
