import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDirectoryCsv, readDirectoryYaml } from '../../../domain/plan/units';
import { validatePlan } from '../../../domain/plan/validate';
import { itSeeds, readSeed, repoRoot } from './seeds';
import { readError } from './read-error';

const exampleDirectory = () => readDirectoryYaml(readFileSync(path.join(repoRoot, 'examples/units.yaml'), 'utf8'), 'units.yaml');

describe('examples/units.yaml', () => {
  const dir = exampleDirectory();

  itSeeds.each(['000', '004'])('resolves every unit named in seed %s', (seed) => {
    const { plan } = readSeed(seed);
    const v = validatePlan(plan, dir, { file: 'seed' });
    expect(v.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('uses only the reserved .test domain, with contact, head, supervisor and leadership for every unit', () => {
    for (const u of dir.directory.units) {
      for (const p of [...u.contacts, u.head, u.supervisor, u.leadership!]) expect(p.email).toMatch(/@duban\.test$/);
    }
    expect(dir.directory.units).toHaveLength(41);
  });

  it('resolves full names, short names and groups', () => {
    expect(dir.resolve('市发展和改革委员会')).toMatchObject({ kind: 'unit', units: [{ id: 'fgj' }] });
    expect(dir.resolve('市住建局')).toMatchObject({ kind: 'unit', units: [{ id: 'zjj', name: '市住房和城乡建设局' }] });
    expect(dir.resolve(' 市市场监管局 ')).toMatchObject({ kind: 'unit', units: [{ id: 'scj' }] });
    const towns = dir.resolve('各镇街');
    expect(towns.kind === 'group' && towns.units.map((u) => u.name).slice(0, 3)).toEqual(['钢山街道', '千泉街道', '凫山街道']);
    expect(towns.kind === 'group' && towns.units).toHaveLength(16);
    const depts = dir.resolve('市政府各部门单位');
    expect(depts.kind === 'group' && depts.units).toHaveLength(25);
    const vague = dir.resolve('有关部门单位');
    expect(vague.kind === 'group' && [vague.group.name, vague.group.vague, vague.units.length]).toEqual(['有关部门', true, 25]);
  });

  it('suggests the nearest names for an unknown one, one for each unit (test/domain/plan/unit-suggest.test.ts has more)', () => {
    expect(dir.resolve('市发展改革局')).toEqual({ kind: 'unknown', suggestions: ['市发展和改革局'] });
  });
});

describe('broken directories', () => {
  it('names the line and field of a bad address and a missing head', () => {
    const yaml = ['units:', '  - id: a', '    name: 市甲局', '    contacts: [{ email: not-an-address }]', '    supervisor: { email: s@duban.test }', ''].join('\n');
    const err = readError(() => readDirectoryYaml(yaml, 'units.yaml'));
    expect(err.issues.map((i) => [i.code, i.place.line, i.place.field])).toEqual([
      ['directory.schema', 4, 'units[0].contacts[0].email'],
      ['directory.schema', 2, 'units[0].head'],
    ]);
    expect(err.issues[0]!.message).toBe('无效电子邮件');
  });

  it('refuses a name that means two units and a repeated id', () => {
    const unit = (id: string, name: string, alias: string) =>
      `  - { id: ${id}, name: ${name}, aliases: [${alias}], contacts: [{ email: c@duban.test }], head: { email: h@duban.test }, supervisor: { email: s@duban.test } }`;
    const yaml = ['units:', unit('a', '市甲局', '甲局'), unit('b', '市乙局', '甲局'), unit('a', '市丙局', '丙局'), ''].join('\n');
    expect(readError(() => readDirectoryYaml(yaml, 'units.yaml')).issues.map((i) => [i.code, i.place.line])).toEqual([
      ['unit.ambiguousName', 3],
      ['unit.duplicateId', 4],
    ]);
  });

  it('reads a CSV directory and reports missing columns', () => {
    const csv = [
      'id,name,aliases,groups,contact_name,contact_email,head_name,head_email,supervisor_name,supervisor_email',
      'sfj,市司法局,司法局;市司法,市政府各部门,张三,sfj@duban.test,李四,sfj.head@duban.test,督查科,ducha@duban.test',
    ].join('\n');
    const dir = readDirectoryCsv(csv, 'units.csv');
    expect(dir.resolve('司法局')).toMatchObject({ kind: 'unit', units: [{ id: 'sfj', contacts: [{ name: '张三', email: 'sfj@duban.test' }] }] });
    expect(dir.resolve('市政府各部门')).toMatchObject({ kind: 'group', units: [{ id: 'sfj' }] });
    expect(readError(() => readDirectoryCsv('id,name\nx,市甲局\n', 'units.csv')).issues[0]).toMatchObject({ code: 'directory.columns', place: { line: 1 } });
  });
});
