/**
 * An hour-long relay outage on the morning of Monday 2026-11-02, under time
 * skipping: the relay answers 451 from 09:00 until 10:00. Every digest of
 * that morning waits it out and goes exactly once when the relay is back;
 * the next morning's digest still goes at 09:00, the ladder's timing
 * untouched by the outage.
 */
import { describe, expect, it } from 'vitest';
import { obligationQuery } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { obligation } from '../../workflows/obligation';
import { digestKeyOf, sharedOverseersDirectory } from '../helpers/digests';
import { testUnit } from '../helpers/obligations';
import { advanceTo } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

const directoryYaml = sharedOverseersDirectory(['fgw', 'jtj'].map((id) => ({ id, name: `${id}单位` })));

function task(n: number, due: string, units: string[]): ObligationInput {
  const [year, month, day] = due.split('-').map(Number) as [number, number, number];
  return {
    obligationId: `plan/2026-outage-digest/task/${n}`,
    kind: 'planTask',
    planId: '2026-outage-digest',
    taskId: `${n}`,
    title: `第${n}项任务`,
    rule: { kind: 'fixedDate', year, month, day },
    anchorDate: '2026-10-01',
    planYear: 2026,
    units: units.map((u) => testUnit(u)),
    delivery: 'digest',
  };
}

describe('an hour-long relay outage', () => {
  let relayDown = true;
  let refusals = 0;
  const world = timeSkippingWorld('2026-11-02T08:00:00+08:00', {
    beforeAccept: async () => {
      if (!relayDown) return;
      refusals += 1;
      throw Object.assign(new Error('relay unavailable'), { responseCode: 451 });
    },
  });

  it('every digest of the morning goes once when the relay is back, and the next morning’s at 09:00', { timeout: 300_000 }, async () => {
    const { env, mail, bundle } = world;
    const taskQueue = 'digest-outage';
    const { worker, deps } = await createTestWorker({ env, bundle, mail, taskQueue });
    await deps.store.directory.save(directoryYaml);

    await worker.runUntil(async () => {
      const tasks = [
        task(1, '2026-11-03', ['fgw']), // urgent this morning, due-day tomorrow morning
        task(2, '2026-10-20', ['fgw', 'jtj']), // red card long reached: the units, the supervisor and the leader
      ];
      const handles = await Promise.all(tasks.map((input) => env.client.workflow.start(obligation, { taskQueue, workflowId: input.obligationId, args: [input] })));

      await advanceTo(env, '2026-11-02T10:00:00+08:00');
      expect(mail.received).toHaveLength(0);
      expect(refusals).toBeGreaterThan(4 * 3);
      relayDown = false;

      await advanceTo(env, '2026-11-02T10:20:00+08:00');
      const monday = [
        'digest/person:duchake@duban.test/2026-11-02',
        'digest/person:fenguan@duban.test/2026-11-02',
        'digest/unit:fgw/2026-11-02',
        'digest/unit:jtj/2026-11-02',
      ];
      expect(mail.received.map(digestKeyOf).sort()).toEqual(monday);

      await advanceTo(env, '2026-11-03T09:10:00+08:00');
      const keys = mail.received.map(digestKeyOf);
      // Each digest once, through the outage and after it.
      expect(keys.length).toBe(new Set(keys).size);
      expect(keys).toContain('digest/unit:fgw/2026-11-03');

      // Tuesday's digest went at 09:00 (and its 30 quiet seconds), not an hour late.
      const tuesday = env.client.workflow.getHandle('digest/unit:fgw/2026-11-03');
      const scheduled = (await tuesday.fetchHistory()).events!.find((e) => e.activityTaskScheduledEventAttributes)!;
      const at = Number(scheduled.eventTime!.seconds) * 1000;
      expect(at).toBeGreaterThanOrEqual(Date.parse('2026-11-03T09:00:00+08:00'));
      expect(at).toBeLessThan(Date.parse('2026-11-03T09:02:00+08:00'));
      const log = (await handles[0]!.query(obligationQuery)).log.filter((e) => e.kind === 'reminder' || e.kind === 'escalation');
      expect(log.map((e) => [e.step, e.scheduledAt]).filter(([step]) => step === 'urgent' || step === 'dueToday')).toEqual([
        ['urgent', '2026-11-02T09:00:00.000+08:00'],
        ['dueToday', '2026-11-03T09:00:00.000+08:00'],
      ]);
    });
  });
});
