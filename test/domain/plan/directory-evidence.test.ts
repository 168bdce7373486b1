/**
 * The unit directory given with `--units` as evidence for unit names: an
 * invented city's plan (南屏市) names units no suffix or key word gives away
 * (南屏海关, 市妇联, 团市委), in a bare closing parenthesis and in a table
 * flattened to text. Without the directory they are text; with it, units.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readText } from '../../../domain/plan/read-text';
import { UnitDictionary } from '../../../domain/plan/unit-names';
import { readDirectoryYaml } from '../../../domain/plan/units';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/plans/${name}`, import.meta.url)), 'utf8');
const units = new UnitDictionary(readDirectoryYaml(fixture('nanping-units.yaml'), 'nanping-units.yaml').names());

describe('unit names known only to the directory', () => {
  const doc = fixture('nanping-keyless.txt');

  it('without it, a bare closing parenthesis is text and the notice’s addressees stand in', () => {
    const { plan } = readText(doc, { file: 'np.txt' });
    expect(plan.tasks.map((t) => [t.id, t.content.slice(t.content.lastIndexOf('（')), t.responsibleUnits])).toEqual([
      ['1', '（南屏海关）', ['各区人民政府', '市政府各部门']],
      ['2', '（市妇联牵头，团市委、市残联配合）', ['各区人民政府', '市政府各部门']],
      ['3', '（团市委）', ['各区人民政府', '市政府各部门']],
      ['4', '（详见附件）。', ['各区人民政府', '市政府各部门']],
      ['5', '（国网南屏供电公司、南屏海关）', ['各区人民政府', '市政府各部门']],
    ]);
  });

  it('with it, the parenthesis is the unit clause, roles and all; one naming anything else stays text', () => {
    const { plan, warnings } = readText(doc, { file: 'np.txt', units });
    expect(plan.tasks.map((t) => [t.id, t.content, t.leadUnits, t.responsibleUnits, t.cooperatingUnits])).toEqual([
      ['1', '公开口岸通关时效、进出口企业信用等级评定结果，6月底前完成。', [], ['南屏海关'], []],
      ['2', '公开妇女儿童发展规划实施情况监测结果。', ['市妇联'], [], ['团市委', '市残联']],
      ['3', '做好青少年权益保护政策解读，9月30日前集中发布一批解读材料。', [], ['团市委'], []],
      ['4', '在政务服务中心设立政务公开专区，年底前完成（详见附件）。', [], [], []],
      ['5', '公开供电可靠性指标和停电计划。', [], ['国网南屏供电公司', '南屏海关'], []],
    ]);
    // Items name their own units, so one without is said to lack them, not given the addressees.
    expect(warnings.filter((w) => w.code.startsWith('units.')).map((w) => [w.code, w.place.line])).toEqual([['units.missing', 12]]);
  });

  it('in a table flattened to text, the directory’s names are cells of their own', () => {
    const flat = [
      '2025年南屏市政务公开工作任务分解表',
      '序号 工作任务 责任单位 具体要求 完成时限',
      '1 （一）口岸公开 南屏海关 公开口岸通关时效和企业信用评定结果 6月底前',
      '2 （二）群团公开 市妇联 团市委 公开妇女儿童发展规划监测结果 年底前',
      '',
    ].join('\n');
    const read = (withUnits: boolean) =>
      readText(flat, { file: 'flat.txt', issued: '2025-03-10', ...(withUnits ? { units } : {}) }).plan.tasks.map((t) => [t.content, t.responsibleUnits]);
    expect(read(false)).toEqual([
      ['（一）口岸公开南屏海关', []],
      ['（二）群团公开', ['市妇联团市委']],
    ]);
    expect(read(true)).toEqual([
      ['（一）口岸公开', ['南屏海关']],
      ['（二）群团公开', ['市妇联', '团市委']],
    ]);
  });
});
