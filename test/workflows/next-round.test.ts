/**
 * A quarterly task started late (on 2026-07-15, the plan issued in March):
 * the first quarter's due day (03-31) is long past and so is the second's
 * (06-30). When the unit has cleared the first quarter, the second is
 * already overdue: it gets its overdue mark, its card and its most severe
 * step at once, as the first quarter did at the start, not silence until
 * the next step on the ladder.
 */
import { expect, it } from 'vitest';
import { obligationQuery, reportUpdate, reviewUpdate } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { startObligation } from '../../contracts/start';
import { eventually } from '../helpers/eventually';
import { recordHistory } from '../helpers/histories';
import { asUnit, supervisor, testUnit } from '../helpers/obligations';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

const world = timeSkippingWorld('2026-07-15T10:00:00+08:00');

it('the next quarter, already past its due day when the unit clears the last, is marked overdue and escalated at once', { timeout: 200_000 }, async () => {
  const { env, mail, bundle } = world;
  const input: ObligationInput = {
    obligationId: 'plan/2026-late/task/q',
    kind: 'planTask',
    planId: '2026-late',
    taskId: 'q',
    title: '按季度公开重点项目进展',
    rule: { kind: 'quarterly' },
    anchorDate: '2026-03-02',
    planYear: 2026,
    units: [testUnit('fgj', '市发展和改革局')],
  };
  const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'next-round' });
  await worker.runUntil(async () => {
    expect(await startObligation(env.client, 'next-round', input)).toBe(true);
    const handle = env.client.workflow.getHandle(input.obligationId);
    // Its mail sent and logged first: a report landing mid-send is another test's subject (relay-outage).
    const first = await eventually(
      'the first quarter escalated at the start',
      () => handle.query(obligationQuery),
      (v) => v.units[0]!.card !== 'none' && v.log.some((e) => e.kind === 'escalation' && e.message.includes('2026-03-31')),
    );
    expect(first.units[0]!.deadline.date).toBe('2026-03-31');
    const mailsBefore = mail.received.length;

    await handle.executeUpdate(reportUpdate, { args: [{ actor: asUnit('fgj'), unitId: 'fgj', evidence: ['https://www.example.gov.cn/q1'] }] });
    await handle.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'fgj', decision: 'accept' }] });

    const second = await eventually(
      'the second quarter marked overdue and escalated',
      () => handle.query(obligationQuery),
      (v) => v.round === 1 && v.units[0]!.card !== 'none' && v.log.some((e) => e.kind === 'escalation' && e.message.includes('2026-06-30')),
    );
    expect(second.units[0]).toMatchObject({ status: 'pending', deadline: { date: '2026-06-30' } });
    expect(second.units[0]!.card).toBe(first.units[0]!.card);
    const sinceRound = second.log.slice(second.log.findIndex((e) => e.message.startsWith('进入第 2 期')));
    expect(sinceRound.map((e) => e.kind)).toEqual(['start', 'overdue', 'escalation']);
    expect(sinceRound[1]!.message).toBe('市发展和改革局已超过截止日期 2026-06-30');
    // One mail for the second quarter, the most severe of its steps, not one per step missed.
    await mail.waitFor(mailsBefore + 1, 30_000);
    expect(mail.received.slice(mailsBefore)).toHaveLength(1);
    await recordHistory('next-round-catch-up-2026', handle);
  });
});
