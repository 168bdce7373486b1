/**
 * Morning digests on real dates: a unit owes five tasks in different states
 * over the weekend of 2026-11-07; nothing goes on Saturday or Sunday, and on
 * Monday morning what is due reaches it as one mail at 09:00 (its head in
 * copy), a step it answered before 09:00 is dropped, and the supervisor and
 * the leader get one roll-up of the units still owing.
 */
import { describe, expect, it } from 'vitest';
import { digestWorkflowId } from '../../contracts/digest';
import { obligationQuery, reportUpdate } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { obligation } from '../../workflows/obligation';
import { asUnit, testUnit } from '../helpers/obligations';
import { advanceTo } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

const directoryYaml = `
units:
${['fgw', 'jtj']
  .map(
    (id) => `  - id: ${id}
    name: ${id}单位
    contacts: [{ email: ${id}@duban.test }]
    head: { email: ${id}-head@duban.test }
    supervisor: { email: duchake@duban.test }
    leadership: { email: fenguan@duban.test }`,
  )
  .join('\n')}
`;

function task(n: number, due: string, units = [testUnit('fgw')]): ObligationInput {
  const [year, month, day] = due.split('-').map(Number) as [number, number, number];
  return {
    obligationId: `plan/2026-digest/task/${n}`,
    kind: 'planTask',
    planId: '2026-digest',
    taskId: `${n}`,
    title: `第${n}项：公开<重点>工作进展`,
    rule: { kind: 'fixedDate', year, month, day },
    anchorDate: '2026-10-01',
    planYear: 2026,
    units,
    delivery: 'digest',
  };
}

const keyOf = (m: { parsed: { headers: Map<string, unknown> } }) => String(m.parsed.headers.get('x-duban-key')).split('#')[0]!;

describe('morning digests', () => {
  // Saturday morning: steps reached now or earlier wait for Monday.
  const world = timeSkippingWorld('2026-11-07T08:00:00+08:00');

  it('nothing at the weekend; on Monday one mail to the unit at 09:00 with what is due, one roll-up to its supervisor and leader', { timeout: 240_000 }, async () => {
    const { env, mail, bundle } = world;
    const taskQueue = 'digest';
    const { worker, deps } = await createTestWorker({ env, bundle, mail, taskQueue });
    await deps.store.directory.save(directoryYaml);

    await worker.runUntil(async () => {
      const tasks = [
        task(1, '2026-11-16'), // notice, 7 days before: Monday 11-09
        task(2, '2026-11-12'), // notice passed on Thursday; reminder, 3 days before: Monday, head in copy
        task(3, '2026-11-10'), // reminder passed on Friday; urgent, 1 working day before: Monday
        task(4, '2026-11-09'), // urgent passed on Friday; due Monday
        task(5, '2026-10-20', [testUnit('fgw'), testUnit('jtj')]), // red card long reached: both units overdue
      ];
      const handles = await Promise.all(tasks.map((input) => env.client.workflow.start(obligation, { taskQueue, workflowId: input.obligationId, args: [input] })));
      await advanceTo(env, '2026-11-08T23:00:00+08:00');
      expect(mail.received).toHaveLength(0);

      // Monday 08:30: fgw answers task 5 before its digest goes; jtj does not.
      await advanceTo(env, '2026-11-09T08:30:00+08:00');
      await handles[4]!.executeUpdate(reportUpdate, { args: [{ actor: asUnit('fgw'), unitId: 'fgw', evidence: ['https://gov.example/fgw/5'] }] });

      await advanceTo(env, '2026-11-09T09:10:00+08:00');
      const byKey = new Map(mail.received.map((m) => [keyOf(m), m]));
      expect([...byKey.keys()].sort()).toEqual([
        'digest/person:duchake@duban.test/2026-11-09',
        'digest/person:fenguan@duban.test/2026-11-09',
        'digest/unit:fgw/2026-11-09',
        'digest/unit:jtj/2026-11-09',
      ]);
      expect(mail.received).toHaveLength(4);
      const fgw = byKey.get(digestWorkflowId({ kind: 'unit', unitId: 'fgw', unitName: 'fgw单位' }, '2026-11-09'))!;
      expect(fgw.envelopeTo.slice().sort()).toEqual(['fgw-head@duban.test', 'fgw@duban.test']);
      const fgwText = fgw.parsed.text ?? '';
      for (const n of [1, 2, 3, 4]) expect(fgwText).toContain(`第${n}项：公开<重点>工作进展`);
      expect(fgwText).not.toContain('第5项');
      // Plan text that looks like markup stays text in the HTML.
      expect(String(fgw.parsed.html)).toContain('第1项：公开&lt;重点&gt;工作进展');
      expect(fgw.parsed.subject).not.toMatch(/[\r\n]/);

      const supervisor = byKey.get('digest/person:duchake@duban.test/2026-11-09')!;
      expect(supervisor.envelopeTo).toEqual(['duchake@duban.test']);
      expect(supervisor.parsed.text).toContain('jtj单位');
      expect(supervisor.parsed.text).not.toContain('fgw单位');
    });
  });
});

describe('a relay that refuses one unit for good', () => {
  const world = timeSkippingWorld('2026-11-02T08:00:00+08:00', { refuses: (address) => address.startsWith('gone') });

  it('delivers the others on time, records the refusal on the task and tells the admin', { timeout: 240_000 }, async () => {
    const { env, mail, bundle } = world;
    const taskQueue = 'digest-refusal';
    const { worker, deps } = await createTestWorker({ env, bundle, mail, taskQueue, deps: { adminAddress: 'gongkaiban@duban.test' } });
    await deps.store.directory.save(directoryYaml.replaceAll('jtj', 'gone'));

    await worker.runUntil(async () => {
      const input = task(7, '2026-11-02', [testUnit('fgw'), testUnit('gone')]);
      const handle = await env.client.workflow.start(obligation, { taskQueue, workflowId: input.obligationId, args: [input] });
      await advanceTo(env, '2026-11-02T09:10:00+08:00');

      const keys = mail.received.map(keyOf);
      expect(keys).toContain('digest/unit:fgw/2026-11-02');
      expect(keys.some((k) => k?.startsWith('digest/unit:gone/'))).toBe(false);
      const admin = mail.received.find((m) => m.envelopeTo.includes('gongkaiban@duban.test'));
      expect(admin?.parsed.text).toContain('gone@duban.test');

      const view = await handle.query(obligationQuery);
      const delivery = view.log.filter((e) => e.kind === 'delivery');
      // The unit's contact and its head (in copy on the due day) were both refused: one line each.
      expect(delivery.map((e) => [e.units, e.recipients])).toEqual([
        [['gone单位'], ['gone@duban.test']],
        [['gone单位'], ['gone-head@duban.test']],
      ]);
      expect(delivery[0]!.message).toContain('拒收');
    });
  });
});
