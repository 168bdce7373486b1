/** A plan file against the versions of the same plan id started before: what would change, and the refusal. */
import { describe, expect, it } from 'vitest';
import { changesFromStarted, obligationLabel, planIdConflict, type ObligationSpec } from '../../domain/obligations';
import { testUnit } from '../helpers/obligations';

const task = (id: string, content: string, units = ['fgj'], over: Partial<ObligationSpec> = {}): ObligationSpec => ({
  obligationId: `plan/2026-p/task/${id}`,
  kind: 'planTask',
  planId: '2026-p',
  taskId: id,
  title: content.slice(0, 10),
  content,
  rule: { kind: 'calendarDays', days: 30, from: 'planIssued' },
  anchorDate: '2026-03-01',
  planYear: 2026,
  units: units.map((u) => testUnit(u)),
  ...over,
});

describe('a plan started again under the same id', () => {
  const started = [[task('1', '公开财政预决算'), task('2', '公开重大项目'), task('3', '公开政策解读')]];

  it('the same plan with new contacts for its units changes nothing: only wording, units and deadlines count', () => {
    const again = started[0]!.map((o) => ({ ...o, units: o.units.map((u) => ({ ...u, contact: ['someone-new@duban.test'] })) }));
    expect(changesFromStarted(started, again)).toEqual({ changed: [], added: [], removed: [] });
    expect(planIdConflict('2026-p', changesFromStarted(started, again), '用 --id ')).toBeUndefined();
  });

  it('a task added is started, a task left out keeps running; neither is a conflict', () => {
    const changes = changesFromStarted(started, [task('1', '公开财政预决算'), task('2', '公开重大项目'), task('4', '公开新增事项')]);
    expect([changes.changed, changes.added.map(obligationLabel), changes.removed.map(obligationLabel)]).toEqual([[], ['任务 4'], ['任务 3']]);
    expect(planIdConflict('2026-p', changes, '用 --id ')).toBeUndefined();
  });

  it('another wording, other units or another deadline for a task already started is refused, naming the tasks', () => {
    const changes = changesFromStarted(started, [
      task('1', '公开财政预决算和部门预算'),
      task('2', '公开重大项目', ['fgj', 'swj']),
      task('3', '公开政策解读', ['fgj'], { rule: { kind: 'calendarDays', days: 60, from: 'planIssued' } }),
    ]);
    expect(changes.changed.map(obligationLabel)).toEqual(['任务 1', '任务 2', '任务 3']);
    expect(planIdConflict('2026-p', changes, '用 --id ')).toBe(
      '计划编号 2026-p 此前已启动过，而这份文件中 任务 1、任务 2、任务 3 的内容、责任单位或时限与已启动的不同；已在运行的任务不会随文件改变。' +
        '若是另一份计划，请用 --id 另起编号；若要更正已启动的任务，请先撤销它们（duban task cancel / duban plan cancel）再以新编号启动。',
    );
  });

  it('every version started counts: a task that differs from any of them is refused', () => {
    const versions = [...started, [task('1', '公开财政预决算（修订）')]];
    expect(changesFromStarted(versions, [task('1', '公开财政预决算（修订）')]).changed.map(obligationLabel)).toEqual(['任务 1']);
  });
});
