/**
 * What every store must do, as one suite each implementation runs:
 * `storeContract('PostgreSQL', …)` beside the embedded one. `fresh` makes an
 * empty store's backing (a folder, a database) and returns how to open it;
 * each store opened is another process on it (two workers, or one restarted),
 * and `rows` reads the backing's tables directly, as an operator (or a thief
 * of a backup) would. Stores a test opened are closed after it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardEntry } from '../../contracts/board';
import type { ObligationInput } from '../../contracts/obligation';
import type { SessionRecord, Store } from '../../store';
import { fixture2027Path } from '../domain/calendar/fixture';
import { testUnit } from '../helpers/obligations';

export type StoreOpener = () => Store;

export interface StoreBacking {
  open: StoreOpener;
  /** The rows of one SELECT (written to run on SQLite and PostgreSQL alike) on the backing itself. */
  rows(sql: string): Promise<Array<Record<string, unknown>>>;
}

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

export function storeContract(name: string, fresh: () => Promise<StoreBacking>): void {
  describe(`the ${name} store`, () => {
    let opened: Store[] = [];
    let backing: StoreBacking;
    const open = () => {
      const store = backing.open();
      opened.push(store);
      return store;
    };
    beforeEach(async () => {
      backing = await fresh();
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

      it("a plan id's saved versions are listed oldest first, another plan's never", async () => {
        const store = open();
        const first = await store.plans.save('2026-teng', [obligation(1)]);
        await new Promise((r) => setTimeout(r, 20)); // two saves a moment apart, as two starts are
        const second = await store.plans.save('2026-teng', [obligation(1), obligation(2)]);
        await store.plans.save('2026-teng.1', [obligation(3)]);
        await store.plans.save('2026-ten', [obligation(4)]);
        expect(await open().plans.keysOf('2026-teng')).toEqual([first, second]);
        expect(await open().plans.keysOf('2027-none')).toEqual([]);
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

    describe('files', () => {
      const DAY = 24 * 3_600_000;
      // Every byte value, so nothing on the way treats the file as text.
      const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
      const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

      it('an upload kept by one web server is read whole, with its own name, by another; an unknown name is undefined', async () => {
        const [a, b] = [open(), open()];
        await a.files.put('upload', '3fa9c2d1e0b4a5968778695a', { bytes, originalName: '2026年政务公开要点（第二版）.xlsx' });
        expect(await b.files.get('upload', '3fa9c2d1e0b4a5968778695a')).toEqual({ bytes, originalName: '2026年政务公开要点（第二版）.xlsx' });
        expect(await b.files.get('upload', '000000000000000000000000')).toBeUndefined();
        expect(await b.files.get('evidence', '3fa9c2d1e0b4a5968778695a')).toBeUndefined();
        await expect(a.files.put('upload', '../units.yaml', { bytes })).rejects.toThrow(/Invalid kept file name/);
      });

      it('evidence is kept once per name, even attached on two web servers at once: the first copy stays', async () => {
        const [a, b] = [open(), open()];
        const name = `${'ab'.repeat(32)}.pdf`;
        await Promise.all([a.files.put('evidence', name, { bytes: pdf('佐证') }), b.files.put('evidence', name, { bytes: pdf('佐证') })]);
        await a.files.put('evidence', name, { bytes: pdf('another file under a taken name') });
        expect(await open().files.get('evidence', name)).toEqual({ bytes: pdf('佐证') });
      });

      it('uploads older than a day go when the next is kept; younger ones and evidence stay', async () => {
        const store = open();
        const now = Date.now();
        await store.files.put('upload', 'recent', { bytes, originalName: 'recent.yaml' }, now - DAY / 2);
        await store.files.put('upload', 'old', { bytes, originalName: 'old.yaml' }, now - 2 * DAY);
        await store.files.put('evidence', `${'cd'.repeat(32)}.pdf`, { bytes: pdf('old') }, now - 2 * DAY);
        expect(await open().files.get('upload', 'old')).toBeDefined();
        await store.files.put('upload', 'new', { bytes, originalName: 'new.yaml' }, now);
        const other = open();
        expect(await other.files.get('upload', 'old')).toBeUndefined();
        expect(await other.files.get('upload', 'recent')).toEqual({ bytes, originalName: 'recent.yaml' });
        expect(await other.files.get('evidence', `${'cd'.repeat(32)}.pdf`)).toEqual({ bytes: pdf('old') });
      });
    });

    describe('board read model', () => {
      const entry = (n: number, owing: string[]): BoardEntry => ({
        workflowId: `plan/contract/task/${n}`,
        planId: 'contract',
        taskId: String(n),
        rule: 'calendarDays',
        overdueUnitIds: [],
        owingUnitIds: owing,
        units: { fgj: { name: '发改局', due: '2026-10-28', card: 'none' } },
      });
      const owingOf = async (store: Store) => Object.fromEntries((await store.board.entries()).map((e) => [e.workflowId, e.owingUnitIds]));

      it("a workflow's writes apply in its own order: a late older write and a write after the end change nothing", async () => {
        const worker = open();
        await worker.board.write({ workflowId: entry(1, []).workflowId, seq: 20, entry: entry(1, ['fgj']) });
        await worker.board.write({ workflowId: entry(1, []).workflowId, seq: 10, entry: entry(1, ['fgj', 'sfj']) });
        expect(await owingOf(open())).toEqual({ 'plan/contract/task/1': ['fgj'] });
        await worker.board.write({ workflowId: entry(1, []).workflowId, seq: 30, ended: true });
        await worker.board.write({ workflowId: entry(1, []).workflowId, seq: 25, entry: entry(1, ['fgj']) });
        expect(await open().board.entries()).toEqual([]);
      });

      it('writes racing from two hosts leave the newest', async () => {
        const [a, b] = [open(), open()];
        const seqs = Array.from({ length: 40 }, (_, i) => i + 1).sort((x, y) => ((x * 7919) % 41) - ((y * 7919) % 41));
        await Promise.all(seqs.map((seq, i) => (i % 2 ? a : b).board.write({ workflowId: entry(2, []).workflowId, seq, entry: entry(2, [`u${seq}`]) })));
        expect(await owingOf(open())).toEqual({ 'plan/contract/task/2': ['u40'] });
      });

      it("a reader on another host pages through changes, ended duties included, and re-reading an answer's rows is harmless", async () => {
        const [worker, web] = [open(), open()];
        await worker.board.write({ workflowId: entry(1, []).workflowId, seq: 1, entry: entry(1, ['fgj']) });
        const first = await web.board.changesSince(undefined);
        expect(first.rows).toEqual([{ workflowId: 'plan/contract/task/1', entry: entry(1, ['fgj']) }]);
        await worker.board.write({ workflowId: entry(1, []).workflowId, seq: 2, ended: true });
        await worker.board.write({ workflowId: entry(3, []).workflowId, seq: 1, entry: entry(3, ['fgj']) });
        const second = await web.board.changesSince(first.cursor);
        expect(second.cursor).toBeGreaterThanOrEqual(first.cursor);
        expect(new Map(second.rows.map((r) => [r.workflowId, r.entry]))).toEqual(
          new Map([
            ['plan/contract/task/1', undefined],
            ['plan/contract/task/3', entry(3, ['fgj'])],
          ]),
        );
      });

      it('a listing fills in duties that do not write, never overrides one that does, and removes what has stopped running', async () => {
        const [worker, web] = [open(), open()];
        const listedAt = new Date();
        await worker.board.write({ workflowId: entry(1, []).workflowId, seq: 5, entry: entry(1, ['fgj']) });
        await worker.board.write({ workflowId: entry(4, []).workflowId, seq: 5, entry: entry(4, ['fgj']) });
        // Listed: 1 (stale in visibility), 2 (started before workflows wrote); 4 is missing, but changed after the listing began.
        expect(await web.board.reconcile([entry(1, ['fgj', 'sfj']), entry(2, ['sfj'])], listedAt, 0)).toEqual({ written: 1, removed: 0 });
        expect(await owingOf(open())).toEqual({ 'plan/contract/task/1': ['fgj'], 'plan/contract/task/2': ['sfj'], 'plan/contract/task/4': ['fgj'] });
        // Missing from a listing begun after its last change (and the grace): it leaves.
        const later = new Date(Date.now() + 120_000);
        expect(await web.board.reconcile([entry(1, ['fgj']), entry(2, [])], later, 60_000)).toEqual({ written: 1, removed: 1 });
        expect(await owingOf(open())).toEqual({ 'plan/contract/task/1': ['fgj'], 'plan/contract/task/2': [] });
        // The same listing again changes nothing.
        expect(await web.board.reconcile([entry(1, ['fgj']), entry(2, [])], later, 60_000)).toEqual({ written: 0, removed: 0 });
        // Temporal says 1 has closed: it leaves even though its workflow wrote it; 2, which no workflow writes, takes what describe says.
        await web.board.observe({ workflowId: 'plan/contract/task/1' });
        await web.board.observe({ workflowId: 'plan/contract/task/2', entry: entry(2, ['sfj']) });
        expect(await owingOf(open())).toEqual({ 'plan/contract/task/2': ['sfj'] });
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

    describe('web sessions', () => {
      const t0 = Date.parse('2026-11-02T02:00:00Z');
      const HOUR = 3_600_000;
      const session = (principalId: string, role: SessionRecord['role'], from = t0, hours = 12): SessionRecord => ({ principalId, role, createdAt: from, expiresAt: from + hours * HOUR });
      const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

      it('a session made by one web server is found by another until it expires or is revoked; only its id’s hash is kept', async () => {
        const [a, b] = [open(), open()];
        await a.sessions.create('sid-zhang-Qx7', session('zhang', 'admin'));
        expect(await b.sessions.findValid('sid-zhang-Qx7', t0 + HOUR)).toEqual(session('zhang', 'admin'));
        expect(await b.sessions.findValid('sid-zhang-Qx7', t0 + 12 * HOUR)).toBeUndefined();
        expect(await b.sessions.findValid('sid-unknown', t0 + HOUR)).toBeUndefined();

        const rows = await backing.rows('SELECT * FROM web_session');
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ sid_hash: sha256('sid-zhang-Qx7'), principal_id: 'zhang', role: 'admin', revoked_at: null });
        expect(JSON.stringify(rows)).not.toContain('sid-zhang-Qx7');

        expect(await b.sessions.revoke('sid-zhang-Qx7', t0 + 2 * HOUR)).toBe(true);
        expect(await a.sessions.findValid('sid-zhang-Qx7', t0 + 2 * HOUR + 1)).toBeUndefined();
        expect(await a.sessions.revoke('sid-zhang-Qx7', t0 + 3 * HOUR)).toBe(false);
        expect((await backing.rows('SELECT revoked_at FROM web_session'))[0]!.revoked_at).not.toBeNull();
      });

      it('revoking an account ends its live sessions only: another account’s, and a unit’s of the same id, go on', async () => {
        const [cli, web] = [open(), open()];
        await web.sessions.create('zhang-office', session('zhang', 'admin'));
        await web.sessions.create('zhang-laptop', session('zhang', 'admin', t0 + HOUR));
        await web.sessions.create('li-office', session('li', 'supervisor'));
        await web.sessions.create('unit-zhang', session('zhang', 'unit'));
        expect(await cli.sessions.revokeAccount('zhang', t0 + 2 * HOUR)).toBe(2);
        expect(await web.sessions.findValid('zhang-office', t0 + 2 * HOUR)).toBeUndefined();
        expect(await web.sessions.findValid('zhang-laptop', t0 + 2 * HOUR)).toBeUndefined();
        expect(await web.sessions.findValid('li-office', t0 + 2 * HOUR)).toEqual(session('li', 'supervisor'));
        expect(await web.sessions.findValid('unit-zhang', t0 + 2 * HOUR)).toEqual(session('zhang', 'unit'));
        expect(await cli.sessions.revokeAccount('zhang', t0 + 3 * HOUR)).toBe(0);
      });

      it('sessions expired by the time a new one is made are deleted then; live and revoked ones stay until they expire', async () => {
        const store = open();
        await store.sessions.create('short', session('zhang', 'admin', t0, 1));
        await store.sessions.create('revoked', session('li', 'supervisor', t0, 12));
        await store.sessions.revoke('revoked', t0 + 1);
        await store.sessions.create('later', session('wang', 'supervisor', t0 + 2 * HOUR));
        const kept = await backing.rows('SELECT principal_id FROM web_session ORDER BY principal_id');
        expect(kept.map((r) => r.principal_id)).toEqual(['li', 'wang']);
      });
    });

    describe('sign-in failures', () => {
      const t0 = Date.parse('2026-11-02T02:00:00Z');
      const MINUTE = 60_000;

      it('failures counted on two web servers add up; those before the window no longer count, and are forgotten at the next failure', async () => {
        const [a, b] = [open(), open()];
        await a.signInFailures.add(['user:zhang', 'ip:1.2.3.4'], t0, t0 - MINUTE);
        await b.signInFailures.add(['user:zhang', 'ip:5.6.7.8'], t0 + 1000, t0 + 1000 - MINUTE);
        await a.signInFailures.add(['user:zhang', 'ip:1.2.3.4'], t0 + 2000, t0 + 2000 - MINUTE);
        expect(await b.signInFailures.recent(['user:zhang', 'ip:1.2.3.4', 'user:li'], t0 + 3000 - MINUTE)).toEqual(
          new Map([
            ['user:zhang', { count: 3, oldest: t0 }],
            ['ip:1.2.3.4', { count: 2, oldest: t0 }],
          ]),
        );
        // Asked a minute after the first failure: it has left the window.
        expect(await a.signInFailures.recent(['user:zhang'], t0)).toEqual(new Map([['user:zhang', { count: 2, oldest: t0 + 1000 }]]));
        await b.signInFailures.add(['user:li'], t0 + MINUTE + 1500, t0 + 1500);
        const kept = await backing.rows('SELECT key FROM sign_in_failure ORDER BY key');
        expect(kept.map((r) => r.key)).toEqual(['ip:1.2.3.4', 'user:li', 'user:zhang']);
      });
    });
  });
}
