/**
 * Starting duban's workflows, for everything outside them (the CLI, the
 * planStart activities, the web, the bench): by function reference, never by
 * a type name in a string, so the arguments are typed. Each workflow's id is
 * its business key, taken from its input by one function each
 * (`workflowIds`), and the search attributes a listing needs before the
 * workflow's first task runs are set here, in one place.
 *
 * Client side only: it needs @temporalio/client, which workflow code must not
 * import (the rest of contracts/ is shared with the workflows).
 */
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type ScheduleOptionsAction,
  type ScheduleSpec,
  type WorkflowHandle,
} from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy, type SearchAttributePair } from '@temporalio/common';
import { TIME_ZONE } from '../domain/calendar/dates';
import { eventIds } from '../domain/event-duties';
import { obligationIds } from '../domain/obligations';
import type { RequestReplyInput } from '../domain/request-reply';
import { obligation, planStart, requestReply, smeArrearsYear } from '../workflows';
import type { SmeArrearsYearInput } from '../workflows/sme-arrears-year';
import type { ObligationInput, PlanStartInput } from './obligation';
import { searchAttributes } from './wire';

/** Every workflow id duban starts is a business key: starting twice is harmless by construction. */
export const workflowIds = {
  /** `plan/<plan>/task/<task>`, `breakdown/<plan>/unit/<unit>`, `feedback/…`, `sme-arrears/<year>/unit/<unit>`: built with the obligation. */
  obligation: (input: ObligationInput) => input.obligationId,
  /** `request/<unit>/<date>/<key of title and applicant>`. */
  request: (input: RequestReplyInput) => input.requestId,
  /** `plan/<plan>/start/<store key>`: one fan-out per stored obligations list. */
  planStart: (input: PlanStartInput) => obligationIds.planStart(input.planId, input.storeKey),
  /** The Schedule; Temporal appends each run's time to make the year's workflow id. */
  smeArrearsSchedule: () => eventIds.smeArrearsSchedule,
};

/** A duty as its listing sees it before its first workflow task: every unit owing, state open. The workflow keeps them current. */
function openDutyAttributes(duty: { planId?: string; rule: string; unitIds: string[] }): SearchAttributePair[] {
  return [
    ...(duty.planId ? [{ key: searchAttributes.plan, value: duty.planId }] : []),
    { key: searchAttributes.rule, value: duty.rule },
    { key: searchAttributes.units, value: duty.unitIds },
    { key: searchAttributes.pendingUnits, value: duty.unitIds },
    { key: searchAttributes.state, value: 'open' },
  ];
}

/** How an obligation workflow is started; the workflows bench starts its do-nothing baseline with the same options and payload. */
export function obligationStartOptions(taskQueue: string, input: ObligationInput) {
  return {
    taskQueue,
    workflowId: workflowIds.obligation(input),
    args: [input] as [ObligationInput],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: openDutyAttributes({
      planId: input.planId,
      rule: input.kind === 'planTask' ? input.rule.kind : input.kind,
      unitIds: input.units.map((u) => u.id),
    }),
  };
}

/** True when the start began a workflow; false when one with that id exists already (running or closed). */
async function startedOnce(start: Promise<unknown>): Promise<boolean> {
  try {
    await start;
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** Starts one obligation workflow; false when it exists already (running or closed). */
export function startObligation(client: Client, taskQueue: string, input: ObligationInput): Promise<boolean> {
  return startedOnce(client.workflow.start(obligation, obligationStartOptions(taskQueue, input)));
}

/** Starts one request for disclosure (依申请公开); false when it exists already. */
export function startRequest(client: Client, taskQueue: string, input: RequestReplyInput): Promise<boolean> {
  return startedOnce(
    client.workflow.start(requestReply, {
      taskQueue,
      workflowId: workflowIds.request(input),
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: openDutyAttributes({ rule: 'requestReply', unitIds: [input.unit.id] }),
    }),
  );
}

/** Starts a plan's fan-out, or follows the one already running for the same stored list. */
export function startPlanStart(client: Client, taskQueue: string, input: PlanStartInput): Promise<WorkflowHandle<typeof planStart>> {
  return client.workflow.start(planStart, {
    taskQueue,
    workflowId: workflowIds.planStart(input),
    args: [input],
    // Same plan again while its start runs: follow that one. After it has finished: a fresh pass that finds everything running.
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [{ key: searchAttributes.plan, value: input.planId }],
  });
}

const smeArrearsSpec: ScheduleSpec = { calendars: [{ month: 'JANUARY', dayOfMonth: 1, hour: 0, minute: 0 }], timezone: TIME_ZONE };

/**
 * Creates, or updates with the new unit list, the Schedule that starts
 * smeArrearsYear at 00:00 Asia/Shanghai every January 1.
 */
export async function scheduleSmeArrears(
  client: Client,
  taskQueue: string,
  input: SmeArrearsYearInput,
): Promise<{ scheduleId: string; action: 'created' | 'updated'; nextRun?: Date }> {
  const scheduleId = workflowIds.smeArrearsSchedule();
  const action: ScheduleOptionsAction = { type: 'startWorkflow', workflowType: smeArrearsYear, taskQueue, workflowId: scheduleId, args: [input] };
  // A worker or server down over New Year still opens the year's duties when it returns, within a month.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' };
  let done: 'created' | 'updated' = 'created';
  try {
    await client.schedule.create({ scheduleId, spec: smeArrearsSpec, action, policies, memo: { description: '每年1月1日开启中小企业逾期账款公开督办' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    done = 'updated';
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec: smeArrearsSpec, action, policies: { ...previous.policies, ...policies } }));
  }
  const nextRun = (await client.schedule.getHandle(scheduleId).describe()).info.nextActionTimes[0];
  return { scheduleId, action: done, nextRun };
}
