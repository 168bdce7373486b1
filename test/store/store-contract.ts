/**
 * What every store must do, as one suite each implementation runs:
 * `storeContract('PostgreSQL', …)` beside the embedded one. `fresh` makes an
 * empty store's backing (a folder, a database) and returns how to open it;
 * each store opened is another process on it (two workers, or one restarted).
 * Stores a test opened are closed after it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
    let opened: Store[] = [];
    let opener: StoreOpener;
    const open = () => {
      const store = opener();
      opened.push(store);
      return store;
    };
    beforeEach(async () => {
      opener = await fresh();
    });
    afterEach(async () => {
      await Promise.all(opened.map((s) => s.close()));
      opened = [];
    });

    describe('sent-log', () => {
      const lapse = () => new Promise((resolve) => setTimeout(resolve, 300));

      it('a claim is not a send: a key whose sender died before the relay accepted is claimed again once the lease lapses', async () => {
        const { sentLog } = open();
        expect(await sentLog.find('r/1')).toBeUndefined();
        expect(await sentLog.claim('r/1', 'worker-a', 100)).toEqual({ outcome: 'claimed', attempt: 1 });
        expect(await sentLog.find('r/1')).toBeUndefined();
        await lapse();
        expect(await sentLog.claim('r/1', 'worker-b', 60_000)).toEqual({ outcome: 'claimed', attempt: 2 });
        expect(await sentLog.renew('r/1', 'worker-a', 60_000)).toBe(false);
        expect(await sentLog.renew('r/1', 'worker-b', 60_000)).toBe(true);
      });

      it('a live claim holds a second sender off until it ends; a released one is free at once', async () => {
        const { sentLog } = open();
        await sentLog.claim('r/1', 'worker-a', 60_000);
        const busy = await sentLog.claim('r/1', 'worker-b', 60_000);
        expect(busy).toMatchObject({ outcome: 'busy', owner: 'worker-a' });
        expect(busy.outcome === 'busy' && busy.retryInMs > 50_000 && busy.retryInMs <= 60_000).toBe(true);
        await sentLog.release('r/1', 'worker-b'); // not the holder: nothing changes
        expect(await sentLog.claim('r/1', 'worker-b', 60_000)).toMatchObject({ outcome: 'busy', owner: 'worker-a' });
        await sentLog.release('r/1', 'worker-a');
        expect(await sentLog.claim('r/1', 'worker-b', 60_000)).toEqual({ outcome: 'claimed', attempt: 2 });
      });

      it('once marked sent, every claim is answered with the first record; other keys are untouched', async () => {
        const { sentLog } = open();
        await sentLog.claim('r/1', 'worker-a', 60_000);
        await sentLog.markSent(sent('r/1'));
        expect(await sentLog.find('r/1')).toEqual(sent('r/1'));
        expect(await sentLog.claim('r/1', 'worker-b', 60_000)).toEqual({ outcome: 'sent', record: sent('r/1') });
        expect(await sentLog.renew('r/1', 'worker-a', 60_000)).toBe(false);
        await sentLog.markSent({ ...sent('r/1'), messageId: '<late@duban>' });
        expect(await sentLog.find('r/1')).toEqual(sent('r/1'));
        expect(await sentLog.find('r/2')).toBeUndefined();
        expect(await sentLog.claim('r/2', 'worker-a', 60_000)).toEqual({ outcome: 'claimed', attempt: 1 });
      });

      it('two workers racing for the same 40 keys: each key is claimed by exactly one, and each sees the other’s sends', async () => {
        const [a, b] = [open(), open()];
        const keys = Array.from({ length: 40 }, (_, i) => `race/${i}`);
        const claims = await Promise.all(keys.flatMap((key) => [a.sentLog.claim(key, 'worker-a', 60_000), b.sentLog.claim(key, 'worker-b', 60_000)]));
        expect(claims.filter((c) => c.outcome === 'claimed')).toHaveLength(keys.length);
        expect(claims.filter((c) => c.outcome === 'busy')).toHaveLength(keys.length);
        await a.sentLog.markSent(sent('race/0'));
        expect(await b.sentLog.find('race/0')).toEqual(sent('race/0'));
      });

      it('reopened, it keeps every send, every claim and its count', async () => {
        const first = open();
        await first.sentLog.claim('r/1', 'worker-a', 60_000);
        await first.sentLog.markSent(sent('r/1'));
        await first.sentLog.claim('r/2', 'worker-a', 100);
        await first.close();
        const again = open();
        expect(await again.sentLog.find('r/1')).toEqual(sent('r/1'));
        expect(await again.sentLog.find('r/2')).toBeUndefined();
        await lapse();
        expect(await again.sentLog.claim('r/2', 'worker-b', 60_000)).toEqual({ outcome: 'claimed', attempt: 2 });
      });
    });

    describe('plans', () => {
      it('a saved list loads back whole, after a reopen too; the same list saved twice has one key', async () => {
        const first = open();
        const list = [obligation(1), obligation(2), obligation(3)];
        const key = await first.plans.save('2026-teng', list);
        expect(key).toMatch(/^2026-teng\.[0-9a-f]{16}$/);
        expect(await first.plans.save('2026-teng', structuredClone(list))).toBe(key);
        expect(await first.plans.save('2026-teng', list.slice(0, 2))).not.toBe(key);
        await first.close();
        const again = open();
        expect(await again.plans.load(key)).toEqual(list);
      });
    });

    describe('calendar years', () => {
      it('an imported year is the next version, seen by another process’s calendar at its next question', async () => {
        const [admin, worker] = [open(), open()];
        const before = await worker.calendar.current();
        expect(before.addWorkingDays('2026-12-28', 10)).toEqual({ date: '2027-01-11', provisional: true });
        const { year, unchanged } = await admin.calendar.importYearFile(fixture2027Path, Date.parse('2026-11-02T02:00:00Z'));
        expect([year.year, year.version, unchanged]).toEqual([2027, 1, false]);
        expect((await worker.calendar.current()).addWorkingDays('2026-12-28', 10)).toEqual({ date: '2027-01-12', provisional: false });
        expect((await admin.calendar.importYearFile(fixture2027Path)).unchanged).toBe(true);
        const again = open();
        expect((await again.calendar.storedYears()).map((y) => [y.year, y.version])).toEqual([[2027, 1]]);
      });

      it('four admins importing different 2027 notices at once each get their own version', async () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-contract-years-'));
        try {
          const files = [1, 2, 3, 4].map((n) => {
            const file = path.join(dir, `v${n}.yaml`);
            writeFileSync(file, `year: 2027\nnotice: { title: 测试${n}, date: 2026-11-0${n} }\nholidays:\n  - { name: 元旦, from: 2027-01-01, to: 2027-01-0${n} }\n`);
            return file;
          });
          const results = await Promise.all(files.map((f) => open().calendar.importYearFile(f)));
          expect(results.map((r) => r.year.version).sort()).toEqual([1, 2, 3, 4]);
          expect((await open().calendar.storedYears()).map((y) => y.version)).toEqual([1, 2, 3, 4]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });

    describe('directory', () => {
      it('none until the first save; the last one saved is current, text and comments as saved, after a reopen too', async () => {
        const first = open();
        expect(await first.directory.load()).toBeUndefined();
        await first.directory.save('# 第一版\nunits: []\n');
        await first.directory.save('# 第二版\nunits: []\n');
        await first.close();
        const again = open();
        expect(await again.directory.load()).toBe('# 第二版\nunits: []\n');
      });
    });

    describe('staff accounts', () => {
      it('an account is added once and then replaced; the listing never carries the hash', async () => {
        const first = open();
        const account = { id: 'zhang', role: 'admin' as const, passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', createdAt: '2026-11-02T10:00:00.000+08:00' };
        expect(await first.accounts.put(account)).toBe(true);
        expect(await first.accounts.put({ ...account, role: 'supervisor' })).toBe(false);
        expect(await open().accounts.find('zhang')).toEqual({ ...account, role: 'supervisor' });
        expect(await open().accounts.find('li')).toBeUndefined();
        expect(await open().accounts.list()).toEqual([{ id: 'zhang', role: 'supervisor', createdAt: account.createdAt }]);
      });
    });
  });
}
