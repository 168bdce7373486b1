/**
 * Real Temporal servers for tests, from the binaries `npm run setup`
 * installed (the SDK's own download cannot reach the internet here).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type LogLevel, type WorkflowBundle } from '@temporalio/worker';
import { loadEnv, temporalBinaries } from '../../config/env';
import { allSearchAttributes } from '../../workflows/wire';
import { installWorkerRuntime, workflowsPath } from '../../worker/create-worker';

const binaries = temporalBinaries(loadEnv());

let runtimeInstalled = false;
/** Keeps the SDK's core quiet unless a test run asks for its logs. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  installWorkerRuntime((process.env.DUBAN_TEST_LOG as LogLevel | undefined) ?? 'ERROR');
}

/** The Java time-skipping server: long timers in seconds; no visibility lists, no Schedules. */
export async function startTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: binaries.testServer } },
  });
}

/** The Temporal CLI dev server (in-memory SQLite) with duban's search attributes. */
export async function startDevServerEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: binaries.cli },
      searchAttributes: allSearchAttributes,
      log: { format: 'pretty', level: 'error' },
    },
  });
}

/** Bundle the workflow code once per test file; Worker.create then starts fast. */
export async function bundleWorkflows(): Promise<WorkflowBundle> {
  quietRuntime();
  return bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
}

let counter = 0;
/** A workflow id no other test (or earlier run on a persistent server) uses. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
