/**
 * What a plan's start hands the fan-out, the same from the CLI and the web:
 * each duty with the task's whole wording and the way it reaches people
 * (DUBAN_DELIVERY), set in the duty's input so a running duty keeps the way
 * it began even if the setting changes later.
 */
import { loadEnv } from '../config/env';
import { planObligations, type Delivery, type ObligationSpec } from '../domain/obligations';
import type { Plan } from '../domain/plan/model';
import type { Validation } from '../domain/plan/validate';

export function dutiesToStart(plan: Plan, validation: Validation): Array<ObligationSpec & { content?: string }> {
  return withWholeText(plan, planObligations(plan, validation)).map(withDelivery);
}

/**
 * Each task's obligation carries the task's whole wording (the title is cut
 * for mail subjects): `duban task show` reads it from the workflow's input.
 * The workflow itself does not use it.
 */
function withWholeText(plan: Plan, obligations: ObligationSpec[]): Array<ObligationSpec & { content?: string }> {
  const texts = new Map(plan.tasks.map((t) => [t.id, [t.content, t.requirement ? `具体要求：${t.requirement}` : ''].filter(Boolean).join('\n')]));
  return obligations.map((o) => (o.taskId !== undefined && texts.has(o.taskId) ? { ...o, content: texts.get(o.taskId) } : o));
}


export function withDelivery<T extends object>(input: T): T & { delivery?: Delivery } {
  return loadEnv().DUBAN_DELIVERY === 'digest' ? { ...input, delivery: 'digest' } : input;
}
