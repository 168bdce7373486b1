/**
 * Recorded workflow histories for the replay test. A test that runs a
 * workflow through its life saves the history when DUBAN_RECORD_HISTORIES=1
 * (`npm run record-histories`); the files are committed, and every later
 * version of the workflow code must replay them (changes go behind patched()).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { projectRoot } from '../../config/env';

export const historiesDir = path.join(projectRoot, 'test/fixtures/histories');

export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (process.env.DUBAN_RECORD_HISTORIES !== '1') return;
  saveHistory(name, await handle.fetchHistory());
}

/** A history already fetched, saved under `name` when recording. */
export function saveHistory(name: string, history: Parameters<typeof historyToJSON>[0]): void {
  if (process.env.DUBAN_RECORD_HISTORIES !== '1') return;
  writeFileSync(path.join(historiesDir, `${name}.json`), historyToJSON(history));
}
