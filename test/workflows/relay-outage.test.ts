/**
 * The relay is down while two units' cards wait to go; one unit reports
 * meanwhile. Supervisors' listings drop it at once, its card is never sent,
 * and once the relay is back only the unit that still owes gets its card.
 */
import { describe, expect, it } from 'vitest';
import { obligationQuery, reportUpdate } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { searchAttributes } from '../../contracts/wire';
import { obligation } from '../../workflows/obligation';
import { eventually } from '../helpers/eventually';
import { startMailSink } from '../helpers/mail-sink';
import { asUnit, testUnit } from '../helpers/obligations';
import { bundleWorkflows, startDevServerEnv } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';

describe('a report while the relay is down', () => {
  it('cancels the reporting unit’s waiting card and publishes its standing before any mail goes', async () => {
    let relayUp = false;
    const attempts: string[] = [];
    const [env, mail, bundle] = await Promise.all([
      startDevServerEnv(),
      startMailSink({
        beforeAccept: async () => {
          attempts.push(new Date().toISOString());
          if (!relayUp) throw Object.assign(new Error('relay unavailable'), { responseCode: 451 });
        },
      }),
      bundleWorkflows(),
    ]);
    try {
      const taskQueue = 'relay-outage';
      const { worker } = await createTestWorker({ env, bundle, mail, taskQueue });
      await worker.runUntil(async () => {
        const input: ObligationInput = {
          obligationId: 'plan/2026-outage/task/1',
          kind: 'planTask',
          planId: '2026-outage',
          taskId: '1',
          title: '公开重大行政决策事项目录',
          // Due weeks before the test runs: both units are owed a card at once.
          rule: { kind: 'fixedDate', year: 2025, month: 3, day: 31 },
          anchorDate: '2025-01-06',
          planYear: 2025,
          units: [testUnit('late'), testUnit('reports')],
        };
        const handle = await env.client.workflow.start(obligation, { taskQueue, workflowId: input.obligationId, args: [input] });
        // Both cards are tried and refused at least once: they now wait on the activity's retry.
        await eventually('both cards to meet the closed relay', () => attempts.length, (n) => n >= 2, { timeoutMs: 30_000 });

        await handle.executeUpdate(reportUpdate, { args: [{ actor: asUnit('reports'), unitId: 'reports', evidence: ['https://gov.example/reports'] }] });
        const listed = await eventually(
          'the listing to drop the unit that reported',
          async () => (await handle.describe()).typedSearchAttributes.get(searchAttributes.pendingUnits),
          (pending) => pending?.length === 1,
        );
        expect(listed).toEqual(['late']);
        expect(mail.received).toHaveLength(0);

        relayUp = true;
        await eventually('the owing unit’s card to be logged', () => handle.query(obligationQuery), (v) => v.log.some((e) => e.kind === 'escalation'), {
          timeoutMs: 60_000,
        });
        const view = await handle.query(obligationQuery);
        const cards = view.log.filter((e) => e.kind === 'escalation' || e.kind === 'reminder');
        expect(cards.map((e) => e.units)).toEqual([['late单位']]);
        expect(mail.received.map((m) => m.envelopeTo.slice().sort())).toEqual([['duchake@duban.test', 'fenguan@duban.test', 'late-head@duban.test', 'late@duban.test']]);
        const keys = mail.received.map((m) => String(m.parsed.headers.get('x-duban-key')));
        expect(keys.some((k) => k.includes('#reports#'))).toBe(false);
      });
    } finally {
      await env.teardown();
      await mail.close();
    }
  });
});
