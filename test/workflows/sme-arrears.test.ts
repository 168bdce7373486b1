/**
 * The SME-arrears disclosure opened for 2025 under time skipping: the
 * server's clock starts in late December 2024, smeArrearsYear runs at
 * 2025-01-01 00:00 Asia/Shanghai (still 2024 in UTC) and opens the 2025
 * obligations, due Monday 2025-03-31 across the year boundary, with their
 * ladder over Qingming (2025-04-04…06). The Schedule itself runs on the dev
 * server (test/client/schedule-arrears.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { obligationQuery, reportUpdate, reviewUpdate } from '../../contracts/messages';
import type { ObligationView } from '../../contracts/obligation';
import { recordHistory } from '../helpers/histories';
import { asUnit, supervisor, testUnit } from '../helpers/obligations';
import { advanceTo } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

describe('SME arrears disclosure opened on 2025-01-01', () => {
  const world = timeSkippingWorld('2024-12-28T10:00:00+08:00');

  it('opens one obligation per unit for 2025, due 2025-03-31, and reminds on the working mornings before', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'sme' });
    await worker.runUntil(async () => {
      await advanceTo(env, '2025-01-01T00:00:00+08:00');
      const open = await env.client.workflow.start('smeArrearsYear', {
        taskQueue: 'sme',
        workflowId: 'sme-arrears/2025/open',
        args: [{ units: [testUnit('paid'), testUnit('late')] }],
      });
      const opened = await open.result();
      // UTC still says 2024-12-31; the year is Shanghai's.
      expect(opened).toEqual({ year: 2025, started: ['sme-arrears/2025/unit/paid', 'sme-arrears/2025/unit/late'], alreadyRunning: [] });
      await recordHistory('sme-arrears-year-2025', open);
      const again = await env.client.workflow.execute('smeArrearsYear', {
        taskQueue: 'sme',
        workflowId: 'sme-arrears/2025/open-again',
        args: [{ units: [testUnit('paid'), testUnit('late')] }],
      });
      expect(again).toMatchObject({ year: 2025, started: [], alreadyRunning: ['sme-arrears/2025/unit/paid', 'sme-arrears/2025/unit/late'] });

      const paid = env.client.workflow.getHandle('sme-arrears/2025/unit/paid');
      const late = env.client.workflow.getHandle('sme-arrears/2025/unit/late');
      await advanceTo(env, '2025-03-27T10:00:00+08:00');
      await paid.executeUpdate(reportUpdate, { args: [{ actor: asUnit('paid'), unitId: 'paid', evidence: ['https://gov.example/paid/sme-2024'] }] });
      await paid.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'paid', decision: 'accept' }] });

      // Overdue 04-01, 04-02, 04-03, (Qingming 04-04…06), 04-07, 04-08, 04-09, 04-10: 7 working days late.
      await advanceTo(env, '2025-04-10T10:00:00+08:00');
      const reported = await late.executeUpdate(reportUpdate, { args: [{ actor: asUnit('late'), unitId: 'late', evidence: ['https://gov.example/late/sme-2024'] }] });
      expect(reported.units[0]!.reports[0]).toMatchObject({ late: true, workingDaysLate: 7 });
      await late.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'late', decision: 'accept' }] });

      const [p, l] = (await Promise.all([paid.result(), late.result()])) as [ObligationView, ObligationView];
      for (const v of [p, l]) {
        expect(v).toMatchObject({ kind: 'smeArrearsDisclosure', title: '逾期尚未支付中小企业款项情况公开（2024年度）', state: 'done' });
        expect(v.units[0]!.deadline).toEqual({ date: '2025-03-31', instant: '2025-03-31T23:59:59.999+08:00', provisional: false });
      }

      const sent = mail.received.map((m) => {
        const [id, , unit, step, at] = String(m.parsed.headers.get('x-duban-key')).split('#');
        return `${id} ${unit} ${step} ${new Date(at!).toISOString()} ${m.envelopeTo.slice().sort().join(',')}`;
      });
      const both = (step: string, at: string, to: (u: string) => string) => [`sme-arrears/2025/unit/paid paid ${step} ${at} ${to('paid')}`, `sme-arrears/2025/unit/late late ${step} ${at} ${to('late')}`];
      const withHead = (u: string) => `${u}-head@duban.test,${u}@duban.test`;
      expect(sent.slice(0, 2).sort()).toEqual(both('notice', '2025-03-24T01:00:00.000Z', (u) => `${u}@duban.test`).sort());
      expect(sent.slice(2)).toEqual([
        // 3 days before (Friday 03-28) and 1 working day before (also 03-28) are one mail; paid had reported on 03-27
        `sme-arrears/2025/unit/late late urgent 2025-03-28T01:00:00.000Z ${withHead('late')}`,
        `sme-arrears/2025/unit/late late dueToday 2025-03-31T01:00:00.000Z ${withHead('late')}`,
        // 1 working day overdue: when 04-01 ends in Beijing
        `sme-arrears/2025/unit/late late yellowCard 2025-04-01T16:00:00.000Z duchake@duban.test,${withHead('late')}`,
        // 5 working days overdue (04-01, 02, 03, 07, 08): when 04-08 ends
        `sme-arrears/2025/unit/late late redCard 2025-04-08T16:00:00.000Z duchake@duban.test,fenguan@duban.test,${withHead('late')}`,
      ]);
      for (const e of (await late.query(obligationQuery)).log.filter((x) => x.scheduledAt)) expect(Date.parse(e.at) - Date.parse(e.scheduledAt!)).toBeLessThan(10_000);
    });
  }, 180_000);
});
