/**
 * Every recorded history (test/fixtures/histories) replays against the
 * current workflow code: a year-long workflow will meet new code, and a
 * change that alters history without patched() fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { historiesDir } from '../helpers/histories';
import { bundleWorkflows } from '../helpers/temporal';

describe('replay of recorded histories', () => {
  it('every recorded history replays on the current code without nondeterminism', async () => {
    const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({
      workflowId: path.basename(file, '.json'),
      history: historyFromJSON(JSON.parse(readFileSync(path.join(historiesDir, file), 'utf8'))),
    }));
    const workflowBundle = await bundleWorkflows();
    const replayed: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      expect(result.error, `${result.workflowId}: ${result.error?.message}`).toBeUndefined();
      replayed.push(result.workflowId);
    }
    expect(replayed).toEqual(histories.map((h) => h.workflowId));
  });
});
