/**
 * An obligation that runs long (a unit that never reports: weekly red cards)
 * continues as new before its history grows large, carrying its state: the
 * log, the units, what was already sent.
 */
import { describe, expect, it } from 'vitest';
import { obligationQuery, reportUpdate, reviewUpdate } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { asUnit, supervisor, testUnit } from '../helpers/obligations';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

describe('continue-as-new on a long-running obligation', () => {
  const world = timeSkippingWorld('2024-06-05T09:00:00+08:00');

  it('carries the log and the sent steps into the new run, sending nothing twice', async () => {
    const { env, mail, bundle } = world;
    const { worker } = await createTestWorker({ env, bundle, mail, taskQueue: 'can' });
    const input: ObligationInput = {
      obligationId: 'plan/2024-can/task/1',
      kind: 'planTask',
      planId: '2024-can',
      taskId: '1',
      title: '长期未办结的任务',
      rule: { kind: 'monthEnd', month: 6 },
      anchorDate: '2024-06-05',
      planYear: 2024,
      units: [testUnit('slow')],
      continueAsNewAfterEvents: 60,
    };
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('obligation', { taskQueue: 'can', workflowId: input.obligationId, args: [input] });
      const firstRunId = handle.firstExecutionRunId;
      await env.sleep(Date.parse('2024-09-30T12:00:00+08:00') - (await env.currentTimeMs()));

      const latest = env.client.workflow.getHandle(input.obligationId);
      const described = await latest.describe();
      expect(described.runId).not.toBe(firstRunId);
      const view = await latest.query(obligationQuery);
      const sent = view.log.filter((e) => e.kind === 'reminder' || e.kind === 'escalation');
      // Due Sunday 2024-06-30: notice 06-21 … weekly red cards every week up to late September, all in one log.
      expect(sent[0]).toMatchObject({ step: 'notice', scheduledAt: '2024-06-21T09:00:00.000+08:00' });
      expect(sent.filter((e) => e.step === 'redCardWeekly').length).toBeGreaterThanOrEqual(10);
      const keys = mail.received.map((m) => m.parsed.headers.get('x-duban-key'));
      expect(new Set(keys).size).toBe(keys.length);
      expect(mail.received).toHaveLength(sent.length);

      await latest.executeUpdate(reportUpdate, { args: [{ actor: asUnit('slow'), unitId: 'slow', evidence: ['https://gov.example/slow'] }] });
      const done = await latest.executeUpdate(reviewUpdate, { args: [{ actor: supervisor, unitId: 'slow', decision: 'accept' }] });
      expect(done.units[0]!.reports[0]).toMatchObject({ late: true });
      expect(done.log.filter((e) => e.kind === 'start')).toHaveLength(1);
    });
  });
});
