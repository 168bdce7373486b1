/**
 * The visibility queries, word for word: what the CLI, the web and the bench
 * send. Every duty type is in every question about what is owed, and a value
 * with a quote stays one value.
 */
import { describe, expect, it } from 'vitest';
import { TypedSearchAttributes } from '@temporalio/common';
import {
  DUTY_WORKFLOW_TYPES,
  literal,
  overdueQuery,
  owedByUnitQuery,
  PLAN_START_WORKFLOW_TYPE,
  planDutiesQuery,
  planStartsQuery,
  publishedObligation,
  runningDutiesQuery,
} from '../../contracts/queries';
import { searchAttributes } from '../../contracts/wire';
import { obligation, planStart, requestReply } from '../../workflows';

const duties = `WorkflowType IN ('obligation', 'requestReply')`;

describe('visibility queries', () => {
  it('names the workflow types by their functions’ names', () => {
    expect(DUTY_WORKFLOW_TYPES).toEqual([obligation.name, requestReply.name]);
    expect(PLAN_START_WORKFLOW_TYPE).toBe(planStart.name);
  });

  it('reaches obligations and requests alike when a calendar or directory change goes out', () => {
    expect(runningDutiesQuery()).toBe(`${duties} AND ExecutionStatus = 'Running'`);
  });

  it('lists overdue duties of every type, filtered by plan, rule and unit', () => {
    expect(overdueQuery()).toBe(`${duties} AND ExecutionStatus = 'Running' AND DubanOverdueUnits IS NOT NULL`);
    expect(overdueQuery({ plan: '2024-teng', rule: 'requestReply', unitId: 'swj' })).toBe(
      `${duties} AND ExecutionStatus = 'Running' AND DubanOverdueUnits IS NOT NULL AND DubanPlan = '2024-teng' AND DubanRule = 'requestReply' AND DubanOverdueUnits = 'swj'`,
    );
  });

  it('asks what a unit owes and what a plan holds', () => {
    expect(owedByUnitQuery('fgj')).toBe(`${duties} AND ExecutionStatus = 'Running' AND DubanPendingUnits = 'fgj'`);
    expect(planDutiesQuery('2024-teng')).toBe(`${duties} AND DubanPlan = '2024-teng'`);
    expect(planStartsQuery('2024-teng', 'Completed')).toBe(`WorkflowType = 'planStart' AND DubanPlan = '2024-teng' AND ExecutionStatus = 'Completed'`);
  });

  it('escapes quotes and backslashes, so a value cannot end its literal early', () => {
    expect(literal(`it's`)).toBe(`'it\\'s'`);
    expect(literal(`a\\'b`)).toBe(`'a\\\\\\'b'`);
    expect(literal(`x' OR WorkflowType = 'y`)).toBe(`'x\\' OR WorkflowType = \\'y'`);
    expect(planDutiesQuery(`o'brien`)).toBe(`${duties} AND DubanPlan = 'o\\'brien'`);
    expect(owedByUnitQuery(`'`)).toBe(`${duties} AND ExecutionStatus = 'Running' AND DubanPendingUnits = '\\''`);
    // Double quotes need no escape inside a single-quoted literal.
    expect(literal('“市发改委”"x"')).toBe(`'“市发改委”"x"'`);
  });

  it('reads a listed duty from its search attributes and memo', () => {
    const listed = {
      workflowId: 'plan/2024-teng/task/1.2',
      memo: { units: [['fgj', '市发展和改革局', '2024-12-31', 'yellow'], 'not a row'] },
      typedSearchAttributes: new TypedSearchAttributes([
        { key: searchAttributes.plan, value: '2024-teng' },
        { key: searchAttributes.rule, value: 'monthEnd' },
        { key: searchAttributes.overdueUnits, value: ['fgj'] },
      ]),
    };
    expect(publishedObligation(listed)).toEqual({
      workflowId: 'plan/2024-teng/task/1.2',
      planId: '2024-teng',
      taskId: '1.2',
      rule: 'monthEnd',
      overdueUnitIds: ['fgj'],
      units: { fgj: { name: '市发展和改革局', due: '2024-12-31', card: 'yellow' } },
    });
  });
});
