import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../config/env';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const bin = path.join(projectRoot, 'bin/duban.js');

/**
 * The child's environment. Without a TEMPORAL_ADDRESS of its own it inherits
 * the guard's trap (test/helpers/server-guard.ts); a default address would
 * reach the `npm start` of whoever runs the tests.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const merged = { ...process.env, ...env };
  if (/^(127\.0\.0\.1|localhost|\[::1\]):7233$/.test(merged.TEMPORAL_ADDRESS ?? '')) {
    throw new Error(`a test ran duban against ${merged.TEMPORAL_ADDRESS}, the default of a running npm start: give it the test's own server`);
  }
  return merged;
}

/** Runs the real `duban` command (bin/duban.js) with extra environment, and `input` on its standard input. */
export function runDuban(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: projectRoot, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    // Without input: an empty standard input. A command that exits before reading it is no failure of this helper (EPIPE).
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** runDuban, blocking: for commands that need no server. */
export function runDubanSync(args: string[], env: Record<string, string> = {}): CliResult {
  const out = spawnSync(process.execPath, [bin, ...args], { cwd: projectRoot, env: childEnv(env), encoding: 'utf8' });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}
