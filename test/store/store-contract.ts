/**
 * What every store must do, as one suite a second implementation runs too:
 * `storeContract('PostgreSQL', …)` beside the embedded one. `fresh` makes an
 * empty store's backing (a folder, a database) and returns how to open it;
 * opening it again is a restart of the process that holds it.
 */
import { describe, expect, it } from 'vitest';
import type { ObligationInput } from '../../contracts/obligation';
import type { Store } from '../../store';
import { fixture2027Path } from '../domain/calendar/fixture';
import { testUnit } from '../helpers/obligations';

export type StoreOpener = () => Store;

const sent = (key: string) => ({ key, messageId: `<${key}@duban>`, sentAt: '2026-10-16T01:00:00.000Z', recipients: ['fgj@duban.test', 'fgj-head@duban.test'] });

const obligation = (n: number): ObligationInput => ({
  obligationId: `plan/contract/task/${n}`,
  kind: 'planTask',
  title: `合同测试任务 ${n}`,
  rule: { kind: 'calendarDays', days: 30, from: 'planIssued' },
  anchorDate: '2026-09-28',
  planYear: 2026,
  units: [testUnit('fgj')],
});

export function storeContract(name: string, fresh: () => Promise<StoreOpener>): void {
  describe(`the ${name} store`, () => {
    describe('sent-log', () => {
      it('an attempt is not a send: a reminder cut off before the relay accepted is sent by the next attempt', async () => {
        const { sentLog } = (await fresh())();
        expect(await sentLog.find('r/1')).toBeUndefined();
        expect(await sentLog.attempt('r/1')).toBe(1);
        expect(await sentLog.find('r/1')).toBeUndefined();
        expect(await sentLog.attempt('r/1')).toBe(2);
      });

      it('once marked sent, the key is found, so a second send of it is refused; other keys are untouched', async () => {
        const { sentLog } = (await fresh())();
        await sentLog.attempt('r/1');
        await sentLog.markSent(sent('r/1'));
        expect(await sentLog.find('r/1')).toEqual(sent('r/1'));
        expect(await sentLog.find('r/2')).toBeUndefined();
        expect(await sentLog.attempt('r/2')).toBe(1);
      });

      it('two workers on one store count their attempts once each and see each other’s sends', async () => {
        const open = await fresh();
        const [a, b] = [open(), open()];
        const counts = await Promise.all([a.sentLog.attempt('r/1'), b.sentLog.attempt('r/1')]);
        expect(counts.sort()).toEqual([1, 2]);
        await a.sentLog.markSent(sent('r/1'));
        expect(await b.sentLog.find('r/1')).toEqual(sent('r/1'));
        await Promise.all([a.close(), b.close()]);
      });

      it('reopened, it keeps every send and every attempt', async () => {
        const open = await fresh();
        const first = open();
        await first.sentLog.attempt('r/1');
        await first.sentLog.markSent(sent('r/1'));
        await first.sentLog.attempt('r/2');
        await first.close();
        const again = open();
        expect(await again.sentLog.find('r/1')).toEqual(sent('r/1'));
        expect(await again.sentLog.find('r/2')).toBeUndefined();
        expect(await again.sentLog.attempt('r/2')).toBe(2);
        await again.close();
      });
    });

    describe('plans', () => {
      it('a saved list loads back whole, after a reopen too; the same list saved twice has one key', async () => {
        const open = await fresh();
        const first = open();
        const list = [obligation(1), obligation(2), obligation(3)];
        const key = await first.plans.save('2026-teng', list);
        expect(key).toMatch(/^2026-teng\.[0-9a-f]{16}$/);
        expect(await first.plans.save('2026-teng', structuredClone(list))).toBe(key);
        expect(await first.plans.save('2026-teng', list.slice(0, 2))).not.toBe(key);
        await first.close();
        const again = open();
        expect(await again.plans.load(key)).toEqual(list);
        await again.close();
      });
    });

    describe('calendar years', () => {
      it('an imported year is the next version, seen by another process’s calendar at its next question', async () => {
        const open = await fresh();
        const [admin, worker] = [open(), open()];
        const before = await worker.calendar.current();
        expect(before.addWorkingDays('2026-12-28', 10)).toEqual({ date: '2027-01-11', provisional: true });
        const { year, unchanged } = await admin.calendar.importYearFile(fixture2027Path, Date.parse('2026-11-02T02:00:00Z'));
        expect([year.year, year.version, unchanged]).toEqual([2027, 1, false]);
        expect((await worker.calendar.current()).addWorkingDays('2026-12-28', 10)).toEqual({ date: '2027-01-12', provisional: false });
        expect((await admin.calendar.importYearFile(fixture2027Path)).unchanged).toBe(true);
        const again = open();
        expect((await again.calendar.storedYears()).map((y) => [y.year, y.version])).toEqual([[2027, 1]]);
        await Promise.all([admin.close(), worker.close(), again.close()]);
      });
    });

    describe('directory', () => {
      it('none until the first save; the last one saved is current, text and comments as saved, after a reopen too', async () => {
        const open = await fresh();
        const first = open();
        expect(await first.directory.load()).toBeUndefined();
        await first.directory.save('# 第一版\nunits: []\n');
        await first.directory.save('# 第二版\nunits: []\n');
        await first.close();
        const again = open();
        expect(await again.directory.load()).toBe('# 第二版\nunits: []\n');
        await again.close();
      });
    });
  });
}
