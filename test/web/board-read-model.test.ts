/**
 * The board's read model in the store, end to end on a dev server: the duty's
 * workflow writes its own row before its Update answers, every web server
 * shows the change at its next read of the store, an ended duty leaves, and
 * a visibility listing repairs rows the workflows could not write.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { shanghaiDate, shiftDays } from '../../domain/calendar';
import { reportUpdate, reviewUpdate } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { startObligation } from '../../contracts/start';
import { sendDutyUpdate } from '../../client/duty-updates';
import { DutyIndex } from '../../client/web/duty-index';
import { eventually } from '../helpers/eventually';
import { asUnit, supervisor, testUnit } from '../helpers/obligations';
import { uniqueId } from '../helpers/temporal';
import { anotherHost, api, signIn, STAFF, webWorld } from './web-world';

/** A plan task issued 40 days ago with 10 days to do it: both units overdue from the start. */
function overdueTask(name: string, units = ['fgj', 'swj']): ObligationInput {
  const issued = shiftDays(shanghaiDate(Date.now()), -40);
  const planId = uniqueId(`board-${name}`).replace(/[^\w-]/g, '-');
  return {
    obligationId: `plan/${planId}/task/${name}`,
    planId,
    taskId: name,
    kind: 'planTask',
    title: `看板测试任务 ${name}`,
    rule: { kind: 'calendarDays', days: 10, from: 'planIssued' },
    anchorDate: issued,
    planYear: Number(issued.slice(0, 4)),
    units: units.map((u) => testUnit(u)),
  };
}

/** Until the expectations in `check` hold. */
const holds = (what: string, check: () => Promise<void>) => eventually(what, async () => (await check(), true));

describe('the board read model in the store', () => {
  const world = webWorld('board-read-model');
  const owingOnBoard = async (workflowId: string) => (await world.store.board.entries()).find((e) => e.workflowId === workflowId)?.owingUnitIds;

  it('a report recorded outside the web is in the store when its Update answers, on every web server at its next read, and an ended duty leaves', async () => {
    const task = overdueTask('report');
    expect(await startObligation(world.env.client, world.taskQueue, task)).toBe(true);
    await holds('the new duty to write its row', async () => expect(await owingOnBoard(task.obligationId)).toEqual(['fgj', 'swj']));

    const other = await anotherHost(world);
    try {
      const staff = await signIn(world.web.url, STAFF.supervisor);
      // The whole list, not filtered by plan: once its one duty has ended, the plan is no longer one the board knows.
      const overdueUnits = async (base: string) => {
        const rows = (await (await api(base, staff, 'GET', '/api/overdue')).json()) as Array<{ workflowId: string; unitId: string }>;
        return rows.filter((r) => r.workflowId === task.obligationId).map((r) => r.unitId).sort();
      };
      for (const base of [world.web.url, other.url]) await holds(`${base} to show both units overdue`, async () => expect(await overdueUnits(base)).toEqual(['fgj', 'swj']));

      // As the CLI sends it (client/duty-updates.ts): no web server is told.
      const handle = world.env.client.workflow.getHandle(task.obligationId);
      await sendDutyUpdate(handle, reportUpdate, { actor: asUnit('fgj'), unitId: 'fgj', evidence: ['https://www.example.gov.cn/gk/1'] });
      // Written inside the workflow task that recorded the report, before the answer went out: no waiting here.
      expect(await owingOnBoard(task.obligationId)).toEqual(['swj']);
      for (const base of [world.web.url, other.url]) await holds(`${base} to show the report`, async () => expect(await overdueUnits(base)).toEqual(['swj']));

      await sendDutyUpdate(handle, reportUpdate, { actor: asUnit('swj'), unitId: 'swj', evidence: ['https://www.example.gov.cn/gk/2'] });
      for (const unitId of ['fgj', 'swj']) await sendDutyUpdate(handle, reviewUpdate, { actor: supervisor, unitId, decision: 'accept' });
      await handle.result();
      expect(await owingOnBoard(task.obligationId)).toBeUndefined();
      for (const base of [world.web.url, other.url]) await holds(`${base} to drop the ended duty`, async () => expect(await overdueUnits(base)).toEqual([]));
    } finally {
      await other.close();
    }
  });

  it('a visibility listing restores a row no workflow wrote and removes a terminated duty; describe after an action does the same for one duty', async () => {
    const lost = overdueTask('lost', ['fgj']);
    const terminated = overdueTask('terminated', ['swj']);
    const described = overdueTask('described', ['swj']);
    for (const t of [lost, terminated, described]) expect(await startObligation(world.env.client, world.taskQueue, t)).toBe(true);
    for (const t of [lost, terminated, described]) await holds(`${t.taskId} to write its row`, async () => expect(await owingOnBoard(t.obligationId)).toBeDefined());

    // As if `lost` had been started by a duban that did not write rows (or its writes all failed).
    const db = new Database(path.join(world.testWorker.dataDir, 'board.sqlite'));
    try {
      db.prepare('DELETE FROM board WHERE workflow_id = ?').run(lost.obligationId);
    } finally {
      db.close();
    }
    expect(await owingOnBoard(lost.obligationId)).toBeUndefined();
    for (const t of [terminated, described]) await world.env.client.workflow.getHandle(t.obligationId).terminate('test: ended without a word');

    // A web server of its own, reconciling with no grace, so a duty missing from the listing leaves at once.
    const index = new DutyIndex(world.env.client, world.store.board, () => world.store.calendar.loadCalendar(), { pollMs: 60_000, reconcileMs: 60_000, graceMs: 0 });
    await index.refreshOne(described.obligationId);
    expect(await owingOnBoard(described.obligationId)).toBeUndefined();
    expect(index.get(described.obligationId)).toBeUndefined();

    await holds('a listing to restore the lost row and remove the terminated duty', async () => {
      await index.reconcile();
      expect(await owingOnBoard(lost.obligationId)).toEqual(['fgj']);
      expect(await owingOnBoard(terminated.obligationId)).toBeUndefined();
    });
    expect(index.get(lost.obligationId)?.owingUnitIds).toEqual(['fgj']);
    expect(index.get(terminated.obligationId)).toBeUndefined();
  });
});
