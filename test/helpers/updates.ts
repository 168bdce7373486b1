/**
 * Updates that land in one workflow task: send them while no worker polls,
 * wait until the server has admitted each, then start a worker; it receives
 * them all in its first task. `taskOfAcceptance` checks that they did.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { eventually } from './eventually';

export interface AdmittedUpdate {
  updateId: string;
  /** Settles when a worker accepts or refuses the Update (never rejects). */
  accepted: Promise<void>;
}

/**
 * Sends an Update and returns once the server has admitted it, before any
 * worker has seen it. (The server does not wait for admission in the sending
 * call itself.)
 */
export async function admitUpdate(client: Client, namespace: string, workflowId: string, name: string, arg: unknown): Promise<AdmittedUpdate> {
  const updateId = randomUUID();
  const workflowExecution = { workflowId };
  const identity = 'duban-test-admit';
  const stage = temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
  const accepted = client.workflowService
    .updateWorkflowExecution({
      namespace,
      workflowExecution,
      waitPolicy: { lifecycleStage: stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED },
      request: { meta: { updateId, identity }, input: { name, args: { payloads: [defaultPayloadConverter.toPayload(arg)] } } },
    })
    .then(
      () => undefined,
      () => undefined,
    );
  await eventually(
    `update ${name} to be admitted by ${workflowId}`,
    () => client.workflowService.pollWorkflowExecutionUpdate({ namespace, updateRef: { workflowExecution, updateId }, identity, waitPolicy: { lifecycleStage: stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED } }),
    (response) => (response.stage ?? 0) >= stage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED,
    { timeoutMs: 30_000, intervalMs: 50 },
  );
  return { updateId, accepted };
}

/** For each of the given Updates accepted in the history, the event id of the workflow task that accepted it. */
export function taskOfAcceptance(history: temporal.api.history.v1.IHistory, updateIds: Iterable<string>): number[] {
  const wanted = new Set(updateIds);
  const tasks: number[] = [];
  let task = 0;
  for (const event of history.events ?? []) {
    if (event.workflowTaskCompletedEventAttributes) task = Number(event.eventId);
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted && wanted.has(accepted.protocolInstanceId ?? '')) tasks.push(task);
  }
  return tasks;
}
