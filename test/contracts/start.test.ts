/**
 * What a start sends, pinned: running systems and their listings depend on
 * these ids and search attributes, so a change here is a migration.
 */
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { ObligationInput } from '../../contracts/obligation';
import { obligationStartOptions, workflowIds } from '../../contracts/start';
import { eventObligation } from '../../domain/event-duties';
import { testUnit } from '../helpers/obligations';

const attributes = (options: ReturnType<typeof obligationStartOptions>) => options.typedSearchAttributes.map((p) => [p.key.name, p.value]);

describe('typed starts', () => {
  it('starts a plan task under its business key with plan, rule kind, units and state', () => {
    const input: ObligationInput = {
      obligationId: 'plan/2024-teng/task/7',
      kind: 'planTask',
      planId: '2024-teng',
      taskId: '7',
      title: '公开年度重点工作进展',
      rule: { kind: 'quarterly' },
      anchorDate: '2024-06-05',
      planYear: 2024,
      units: [testUnit('fgj'), testUnit('swj')],
    };
    const options = obligationStartOptions('duban', input);
    expect([options.taskQueue, options.workflowId, options.workflowIdReusePolicy, options.args]).toEqual(['duban', 'plan/2024-teng/task/7', WorkflowIdReusePolicy.REJECT_DUPLICATE, [input]]);
    expect(attributes(options)).toEqual([
      ['DubanPlan', '2024-teng'],
      ['DubanRule', 'quarterly'],
      ['DubanUnits', ['fgj', 'swj']],
      ['DubanPendingUnits', ['fgj', 'swj']],
      ['DubanState', 'open'],
    ]);
  });

  it('gives an event duty no plan and its duty kind as the rule', () => {
    const input = eventObligation('feedbackDisclosure', testUnit('fgj'), '关于印发《促进消费若干措施》的通知', '2024-09-27');
    expect(obligationStartOptions('duban', input).workflowId).toMatch(/^feedback\/fgj\/2024-09-27\/[0-9a-f]{12}$/);
    expect(attributes(obligationStartOptions('duban', input))).toEqual([
      ['DubanRule', 'feedbackDisclosure'],
      ['DubanUnits', ['fgj']],
      ['DubanPendingUnits', ['fgj']],
      ['DubanState', 'open'],
    ]);
  });

  it('keys a plan start by plan and stored list, and the arrears Schedule by its fixed id', () => {
    expect(workflowIds.planStart({ planId: '2024-teng', storeKey: 'a1b2', total: 3 })).toBe('plan/2024-teng/start/a1b2');
    expect(workflowIds.smeArrearsSchedule()).toBe('sme-arrears');
  });
});
