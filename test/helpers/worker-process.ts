/**
 * duban's production processes as children, so a test can run the topology
 * a province runs (workers and a web server on their own hosts) and kill one
 * the way a machine dies: SIGKILL, no clean shutdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../config/env';

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  kill(): Promise<void>;
}

/** `program` (relative to the project) with `env`, once its output contains `ready`. */
async function spawnProgram(program: string, ready: string, env: Record<string, string>): Promise<WorkerProcess> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the program in a grandchild that a SIGKILL would not reach.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, program)], {
    cwd: projectRoot,
    env: { ...process.env, DUBAN_LOG_LEVEL: 'INFO', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes(ready)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`${program} exited before it was ready:\n${output}`)));
  });
  return {
    child,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** `npm run worker` (worker/main.ts), once it polls. */
export function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  return spawnProgram('worker/main.ts', 'duban worker polling', env);
}

/** `npm run web` (client/web/main.ts), once it listens; `url` is where. */
export async function spawnWeb(env: Record<string, string>): Promise<WorkerProcess & { url: string }> {
  const web = await spawnProgram('client/web/main.ts', 'duban web http', env);
  return { ...web, url: /duban web (http:\/\/[^\s,]+)/.exec(web.output())![1]! };
}
