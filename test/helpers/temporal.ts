/**
 * Real Temporal servers for tests, from the binaries `npm run setup`
 * installed (the SDK's own download cannot reach the internet here).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TypedSearchAttributes } from '@temporalio/common';
// The default import: node's ESM loader (the bench, run by tsx) sees no named exports in this CommonJS package.
import proto from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type LogLevel, type WorkflowBundle } from '@temporalio/worker';
import { loadEnv, temporalBinaries } from '../../config/env';
import { allSearchAttributes } from '../../contracts/wire';
import { installWorkerRuntime, workflowsPath } from '../../worker/create-worker';

const binaries = temporalBinaries(loadEnv());

let runtimeInstalled = false;
/** Keeps the SDK's core quiet unless a test run asks for its logs. */
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  installWorkerRuntime((process.env.DUBAN_TEST_LOG as LogLevel | undefined) ?? 'ERROR');
}

/**
 * The Java time-skipping server: long timers in seconds; no visibility lists,
 * no Schedules. With `startAt` its clock starts on that instant instead of
 * now (through libfaketime), so a plan issued in 2024 runs on its own dates.
 */
export async function startTimeSkippingEnv(options: { startAt?: string } = {}): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const path = options.startAt ? fakeClockWrapper(options.startAt) : binaries.testServer;
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  // The test server rejects unknown search attributes too; it takes them through the operator API.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(allSearchAttributes.map((key) => [key.name, indexedValueType(key.type)])),
  });
  return env;
}

/** A script that runs the test server with its clock starting at `startAt` and running on from there. */
function fakeClockWrapper(startAt: string): string {
  const utc = new Date(startAt);
  if (Number.isNaN(utc.getTime())) throw new Error(`startAt is not an instant: ${startAt}`);
  const stamp = utc.toISOString().slice(0, 19).replace('T', ' ');
  const dir = mkdtempSync(join(tmpdir(), 'duban-clock-'));
  const script = join(dir, 'temporal-test-server');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      `export TZ=UTC LD_PRELOAD='${binaries.libfaketime}' FAKETIME='@${stamp}' DONT_FAKE_MONOTONIC=1`,
      `exec '${binaries.testServer}' "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return script;
}

/** The Temporal CLI dev server (in-memory SQLite) with duban's search attributes. */
export async function startDevServerEnv(options: { logLevel?: 'error' | 'never' } = {}): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: binaries.cli },
      searchAttributes: allSearchAttributes,
      log: { format: 'pretty', level: options.logLevel ?? 'error' },
    },
  });
}

/** Bundle the workflow code once per test file (duban's, or a test's own module); Worker.create then starts fast. */
export async function bundleWorkflows(path = workflowsPath): Promise<WorkflowBundle> {
  quietRuntime();
  return bundleWorkflowCode({ workflowsPath: path, logger: new DefaultLogger('WARN') });
}

let counter = 0;
/** A workflow id no other test (or earlier run on a persistent server) uses. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

function indexedValueType(type: Parameters<typeof TypedSearchAttributes.toMetadataType>[0]): proto.temporal.api.enums.v1.IndexedValueType {
  const name = `INDEXED_VALUE_TYPE_${TypedSearchAttributes.toMetadataType(type).replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
  const { IndexedValueType } = proto.temporal.api.enums.v1;
  return IndexedValueType[name as keyof typeof IndexedValueType];
}

/** Skips the time-skipping server's clock forward to `instant` (never back). */
export async function advanceTo(env: TestWorkflowEnvironment, instant: string): Promise<void> {
  const ms = Date.parse(instant) - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}
