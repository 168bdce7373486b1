/**
 * Runs the real `npm start` (dev server, worker, catcher, HTTP) as a child
 * process on free ports and a private data folder, for end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../config/env';
import { freePort } from './ports';

export interface RunningSystem {
  env: Record<string, string>;
  output(): string;
  stop(): Promise<number | null>;
}

export async function systemEnv(dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-system-'))): Promise<Record<string, string>> {
  const [temporal, ui, http, smtp] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  return {
    DUBAN_DATA_DIR: dataDir,
    DUBAN_TEMPORAL_PORT: String(temporal),
    DUBAN_TEMPORAL_UI_PORT: String(ui),
    DUBAN_HTTP_PORT: String(http),
    DUBAN_SMTP_PORT: String(smtp),
    TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`,
  };
}

export async function startSystem(env: Record<string, string>, readyTimeoutMs = 90_000): Promise<RunningSystem> {
  const child: ChildProcess = spawn(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'client/start.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start not ready in ${readyTimeoutMs} ms:\n${output}`)), readyTimeoutMs);
    const check = () => {
      if (output.includes('duban ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before ready:\n${output}`));
    });
  });

  return {
    env,
    output: () => output,
    async stop() {
      child.kill('SIGINT');
      return exited;
    },
  };
}
