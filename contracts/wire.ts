/**
 * Wire constants shared by workflows, worker, client and tests: the task
 * queue and the typed search attributes supervisors filter on. Changing a
 * name here is a migration, not a refactor.
 */
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';

export const DEFAULT_TASK_QUEUE = 'duban';

/** Obligation starts in flight at once during a plan's fan-out; the workflows bench compares it with plain client starts at the same concurrency. */
export const PARALLEL_STARTS = 32;

export const searchAttributes = {
  plan: defineSearchAttributeKey('DubanPlan', SearchAttributeType.KEYWORD),
  rule: defineSearchAttributeKey('DubanRule', SearchAttributeType.KEYWORD),
  units: defineSearchAttributeKey('DubanUnits', SearchAttributeType.KEYWORD_LIST),
  pendingUnits: defineSearchAttributeKey('DubanPendingUnits', SearchAttributeType.KEYWORD_LIST),
  overdueUnits: defineSearchAttributeKey('DubanOverdueUnits', SearchAttributeType.KEYWORD_LIST),
  deadline: defineSearchAttributeKey('DubanDeadline', SearchAttributeType.DATETIME),
  state: defineSearchAttributeKey('DubanState', SearchAttributeType.KEYWORD),
  escalationLevel: defineSearchAttributeKey('DubanEscalationLevel', SearchAttributeType.INT),
} as const;

export const allSearchAttributes = Object.values(searchAttributes);

/** `--search-attribute NAME=Type` arguments for `temporal server start-dev`. */
export function searchAttributeCliArgs(): string[] {
  return allSearchAttributes.flatMap((key) => ['--search-attribute', `${key.name}=${TypedSearchAttributes.toMetadataType(key.type)}`]);
}
