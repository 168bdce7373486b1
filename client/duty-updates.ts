/**
 * What the CLI (`duban task …`) and the web server both do to a duty: send
 * one of the obligation's Updates as an actor and turn the workflow's
 * refusal into its Chinese reason, and read the task's whole wording from
 * the duty's start input. Each caller then says it in its own way (one line
 * and exit 1; a 409 or the task page with the reason).
 */
import { randomUUID } from 'node:crypto';
import { ServiceError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { ObligationInput, ObligationView } from '../contracts/obligation';

/** The workflow refused the Update (its validator or handler): `message` is its reason, in Chinese, for staff. */
export class UpdateRefused extends Error {
  override name = 'UpdateRefused';
}

/** The reason of a refused Update (the ApplicationFailure's message); undefined for any other failure. */
export function refusalReason(err: unknown): string | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  return err.cause instanceof Error ? err.cause.message : err.message;
}

/**
 * Sends `update` with `arg` (which names its actor) and returns the duty's
 * view after it; a refusal by the workflow is thrown as UpdateRefused.
 */
export async function sendDutyUpdate<I>(handle: WorkflowHandle, update: UpdateDefinition<ObligationView, [I]>, arg: I): Promise<ObligationView> {
  // One id for every attempt: should an attempt have been applied after all, the server answers the retry with its outcome.
  const updateId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.executeUpdate(update, { args: [arg], updateId });
    } catch (err) {
      const reason = refusalReason(err);
      if (reason !== undefined) throw new UpdateRefused(reason);
      if (attempt < WORKFLOW_TASK_RETRIES && workflowTaskFailed(err)) {
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        continue;
      }
      throw err;
    }
  }
}

/** Tries of an Update whose workflow task failed (a worker starved or restarting): the next task takes it. */
const WORKFLOW_TASK_RETRIES = 3;

/** The server gave up on an Update because the workflow task carrying it failed (FAILED_PRECONDITION), which a later task may not. */
function workflowTaskFailed(err: unknown): boolean {
  const cause = err instanceof ServiceError ? (err.cause as { code?: number; details?: string } | undefined) : undefined;
  return cause?.code === 9 && /workflow task failure/i.test(cause.details ?? '');
}

/**
 * The text the task was started with (the plan's whole wording, `content`
 * in the start input; the workflow keeps only a 60-character title), read
 * from the first event of the duty's history; `fallback` (the title) for
 * duties that carry none or whose history cannot be read.
 */
export async function dutyText(client: Client, workflowId: string, fallback: string): Promise<string> {
  return (await dutyStart(client, workflowId))?.content?.trim() || fallback;
}

/**
 * A duty's title and whole wording as it was started (an obligation's or a
 * request's start input: both have a title), from the first event of its
 * history: no worker needs to answer, so a duty whose worker is busy or
 * down still has them. Undefined when the history cannot be read.
 */
export async function dutyStart(client: Client, workflowId: string): Promise<{ title?: string; content?: string } | undefined> {
  const known = startedAs.get(workflowId);
  if (known) return known;
  const read = await readDutyStart(client, workflowId);
  if (read) {
    // What a duty was started with never changes: a unit's page with hundreds of duties reads each history once per process.
    if (startedAs.size >= STARTED_AS_MAX) startedAs.clear();
    startedAs.set(workflowId, read);
  }
  return read;
}

const STARTED_AS_MAX = 50_000;
const startedAs = new Map<string, { title?: string; content?: string }>();

async function readDutyStart(client: Client, workflowId: string): Promise<{ title?: string; content?: string } | undefined> {
  try {
    const history = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId },
      maximumPageSize: 1,
    });
    const payloads = history.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads;
    const input = await decodeFromPayloadsAtIndex<Partial<ObligationInput>>(client.options.loadedDataConverter, 0, payloads);
    return { title: input.title, content: input.content };
  } catch {
    return undefined;
  }
}
