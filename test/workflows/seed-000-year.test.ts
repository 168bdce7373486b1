/**
 * Seed 000 (滕州市 2024 政务公开工作要点, issued 2024-06-05) read by the real
 * text reader, resolved against examples/units.yaml, and a sample of its
 * obligations run through the year under time skipping on their real dates.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { startObligation } from '../../contracts/start';
import { readPlanFile, readUnitsFile } from '../../client/plan-files';
import { projectRoot } from '../../config/env';
import { obligationIds, planObligations } from '../../domain/obligations';
import { validatePlan } from '../../domain/plan/validate';
import { obligationQuery, reportUpdate, reviewUpdate, waiveUpdate } from '../../contracts/messages';
import { admin, asUnit, supervisor } from '../helpers/obligations';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';
import { describeSeeds, seedPath } from '../domain/plan/seeds';

describeSeeds('seed 000 started on its issue date, 2024-06-05', () => {
  const world = timeSkippingWorld('2024-06-05T10:00:00+08:00');

  it('the breakdown falls due 2024-07-05; reminders and escalations go on the exact days to the right people', async () => {
    const { env, mail, bundle } = world;
    const { plan } = await readPlanFile(seedPath('000'));
    const validation = validatePlan(plan, readUnitsFile(path.join(projectRoot, 'examples/units.yaml')), { file: 'seed 000' });
    expect(validation.ok).toBe(true);
    const all = planObligations(plan, validation);
    const tasks = all.filter((o) => o.kind === 'planTask');
    const breakdowns = all.filter((o) => o.kind === 'breakdownSubmission');
    expect(tasks).toHaveLength(40);
    expect(breakdowns.length).toBeGreaterThan(40);

    const pick = (id: string) => all.find((o) => o.obligationId === id)!;
    const sample = [
      pick(obligationIds.breakdown(plan.id, 'wjj')), // reports on time
      pick(obligationIds.breakdown(plan.id, 'zjj')), // reports late
      pick(obligationIds.breakdown(plan.id, 'jtj')), // never reports; waived in August
      pick(obligationIds.task(plan.id, '2.1')), // 市住房和城乡建设局, 12月底前
    ];
    const { worker, deps } = await createTestWorker({ env, bundle, mail, taskQueue: 'seed000' });
    const advanceTo = async (instant: string) => {
      const ms = Date.parse(instant) - (await env.currentTimeMs());
      if (ms > 0) await env.sleep(ms);
    };

    await worker.runUntil(async () => {
      for (const o of sample) expect(await startObligation(deps.temporal, 'seed000', o)).toBe(true);
      // Started twice (an admin re-running plan start): nothing new.
      expect(await startObligation(deps.temporal, 'seed000', sample[0]!)).toBe(false);
      const handle = (o: (typeof sample)[number]) => env.client.workflow.getHandle(o.obligationId);
      const [wjj, zjj, jtj, task21] = sample.map(handle) as [ReturnType<typeof handle>, ReturnType<typeof handle>, ReturnType<typeof handle>, ReturnType<typeof handle>];

      await advanceTo('2024-07-03T15:00:00+08:00');
      expect((await wjj.query(obligationQuery)).units[0]!.deadline).toEqual({ date: '2024-07-05', instant: '2024-07-05T23:59:59.999+08:00', provisional: false });
      await wjj.executeUpdate(reportUpdate, { args: [{ actor: asUnit('wjj'), unitId: 'wjj', evidence: ['https://gov.example/wjj/breakdown'] }] });
      await wjj.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'wjj', decision: 'accept' }] });

      await advanceTo('2024-07-10T11:00:00+08:00');
      const late = await zjj.executeUpdate(reportUpdate, { args: [{ actor: asUnit('zjj'), unitId: 'zjj', evidence: ['https://gov.example/zjj/breakdown'] }] });
      // 07-08, 07-09, 07-10
      expect(late.units[0]!.reports[0]).toMatchObject({ late: true, workingDaysLate: 3 });
      await zjj.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'zjj', decision: 'accept' }] });

      await advanceTo('2024-08-01T10:00:00+08:00');
      await jtj.executeUpdate(waiveUpdate, { args: [{ actor: admin, unitId: 'jtj', reason: '已当面报送纸质台账' }] });

      await advanceTo('2024-12-25T10:00:00+08:00');
      await task21.executeUpdate(reportUpdate, { args: [{ actor: asUnit('zjj'), unitId: 'zjj', evidence: ['https://gov.example/zjj/2.1'] }] });
      await task21.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'zjj', decision: 'accept' }] });

      const sentOf = async (h: ReturnType<typeof handle>) =>
        (await h.query(obligationQuery)).log
          .filter((e) => e.kind === 'reminder' || e.kind === 'escalation')
          .map((e) => `${e.step} ${e.scheduledAt} ${e.recipients!.join(',')}`);
      const contact = (id: string) => `${id}.contact@duban.test`;
      const head = (id: string) => `${id}.head@duban.test`;
      const ducha = 'ducha@duban.test';
      const leaders = 'leaders@duban.test';

      // Due Friday 07-05: 7 days before is Friday 06-28; 3 days before Tuesday 07-02; 1 working day before Thursday 07-04.
      expect(await sentOf(wjj)).toEqual([
        `notice 2024-06-28T09:00:00.000+08:00 ${contact('wjj')}`,
        `reminder 2024-07-02T09:00:00.000+08:00 ${contact('wjj')},${head('wjj')}`,
      ]);
      expect(await sentOf(zjj)).toEqual([
        `notice 2024-06-28T09:00:00.000+08:00 ${contact('zjj')}`,
        `reminder 2024-07-02T09:00:00.000+08:00 ${contact('zjj')},${head('zjj')}`,
        `urgent 2024-07-04T09:00:00.000+08:00 ${contact('zjj')},${head('zjj')}`,
        `dueToday 2024-07-05T09:00:00.000+08:00 ${contact('zjj')},${head('zjj')}`,
        // 1 working day overdue (Monday 07-08) has ended: the yellow card goes at once, to the supervisor too.
        `yellowCard 2024-07-09T00:00:00.000+08:00 ${contact('zjj')},${head('zjj')},${ducha}`,
      ]);
      expect(await sentOf(jtj)).toEqual([
        `notice 2024-06-28T09:00:00.000+08:00 ${contact('jtj')}`,
        `reminder 2024-07-02T09:00:00.000+08:00 ${contact('jtj')},${head('jtj')}`,
        `urgent 2024-07-04T09:00:00.000+08:00 ${contact('jtj')},${head('jtj')}`,
        `dueToday 2024-07-05T09:00:00.000+08:00 ${contact('jtj')},${head('jtj')}`,
        `yellowCard 2024-07-09T00:00:00.000+08:00 ${contact('jtj')},${head('jtj')},${ducha}`,
        // 5 working days overdue (07-08 … 07-12): red card, the leadership (分管领导) told too.
        `redCard 2024-07-13T00:00:00.000+08:00 ${contact('jtj')},${head('jtj')},${ducha},${leaders}`,
        // Weekly from the red card's day: Saturday 07-20 → Monday 07-22, Saturday 07-27 → Monday 07-29.
        `redCardWeekly 2024-07-22T09:00:00.000+08:00 ${contact('jtj')},${head('jtj')},${ducha},${leaders}`,
        `redCardWeekly 2024-07-29T09:00:00.000+08:00 ${contact('jtj')},${head('jtj')},${ducha},${leaders}`,
      ]);
      // Task 2.1, 12月底前: the notice on Tuesday 12-24, then reported on 12-25.
      expect(await sentOf(task21)).toEqual([`notice 2024-12-24T09:00:00.000+08:00 ${contact('zjj')}`]);

      for (const h of [wjj, zjj, jtj, task21]) expect((await h.result()).state).toBe('done');
      expect(mail.received).toHaveLength(2 + 5 + 8 + 1);
    });
  }, 180_000);
});
