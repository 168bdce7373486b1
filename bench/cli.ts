/**
 * `npm run bench cli`: how long staff wait for the `duban` command. The
 * median wall time, over 20 runs each, of `duban --help` (no server) and
 * `duban overdue --plan P` against a dev server with a few overdue rows,
 * printed beside `node -e ''`, the floor any Node command pays; with the
 * CPU time each run took, which other work on the machine moves much less.
 *
 * The rows are ten obligations started on a task queue no worker polls,
 * with the search attributes and memo a running obligation publishes, so
 * the listing is what a small office's would be and nothing else runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { projectRoot } from '../config/env';
import { obligationStartOptions } from '../contracts/start';
import { searchAttributes } from '../contracts/wire';
import type { ObligationInput } from '../contracts/obligation';
import { shanghaiDate, shiftDays, yearOf } from '../domain/calendar';
import { obligation } from '../workflows';
import { startDevServerEnv } from '../test/helpers/temporal';

const RUNS = 20;
const QUEUE = 'bench-cli-unpolled';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * CPU time (user + system, ms) of the children this process has waited for, from /proc (Linux; 0 elsewhere): on a
 * machine shared with other work the wall time moves with the load, the CPU a command needs much less.
 */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // cutime and cstime, fields 16 and 17 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** Median wall time and mean CPU time in ms of a command run RUNS times, one after the other; a failing run aborts the bench. */
function timeRuns(args: string[], env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const times: number[] = [];
  const cpu0 = childrenCpuMs();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const out = spawnSync(process.execPath, args, { cwd: projectRoot, env, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (out.status !== 0) throw new Error(`${args.join(' ')} exited ${out.status}: ${out.stderr}`);
  }
  return { wall: median(times), cpu: (childrenCpuMs() - cpu0) / RUNS };
}

async function seedOverdue(env: TestWorkflowEnvironment, planId: string): Promise<void> {
  const today = shanghaiDate(Date.now());
  const due = shiftDays(today, -20);
  for (let i = 1; i <= 10; i++) {
    const unit = { id: `u${i}`, name: `测试单位${i}`, contact: [`u${i}@duban.test`], head: [], supervisor: [], leadership: [] };
    const input: ObligationInput = {
      obligationId: `plan/${planId}/task/${i}`,
      kind: 'planTask',
      planId,
      taskId: String(i),
      title: `基准任务 ${i}`,
      rule: { kind: 'calendarDays', days: 10, from: 'planIssued' },
      anchorDate: shiftDays(due, -10),
      planYear: yearOf(due),
      units: [unit],
    };
    const options = obligationStartOptions(QUEUE, input);
    await env.client.workflow.start(obligation, {
      ...options,
      typedSearchAttributes: [...options.typedSearchAttributes, { key: searchAttributes.overdueUnits, value: [unit.id] }],
      memo: { units: [[unit.id, unit.name, due, 'yellow']] },
    });
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-bench-cli-'));
  let env: TestWorkflowEnvironment | undefined;
  try {
    console.log(`${RUNS} runs each, medians; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} (other work on this machine skews every figure)`);
    env = await startDevServerEnv();
    const planId = 'bench-cli';
    await seedOverdue(env, planId);
    const cliEnv = { ...process.env, TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: QUEUE, DUBAN_DATA_DIR: dir };
    const duban = path.join(projectRoot, 'bin/duban.js');
    // Visibility is eventually consistent: the first listing that shows all ten rows starts the clock.
    for (let tries = 0; ; tries++) {
      const out = spawnSync(process.execPath, [duban, 'overdue', '--plan', planId, '--format', 'json'], { cwd: projectRoot, env: cliEnv, encoding: 'utf8' });
      if (out.status === 0 && (JSON.parse(out.stdout) as unknown[]).length === 10) break;
      if (tries > 50) throw new Error(`the ten overdue rows never showed: ${out.stdout}${out.stderr}`);
    }
    const rows: Array<[string, { wall: number; cpu: number }]> = [
      [`node -e ''`, timeRuns(['-e', ''], cliEnv)],
      ['duban --help', timeRuns([duban, '--help'], cliEnv)],
      [`duban overdue --plan ${planId} (10 rows)`, timeRuns([duban, 'overdue', '--plan', planId], cliEnv)],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`  ${''.padEnd(width)}  median wall   mean CPU`);
    for (const [what, t] of rows) console.log(`  ${what.padEnd(width)}  ${`${Math.round(t.wall)} ms`.padStart(11)}   ${Math.round(t.cpu)} ms`);
    console.log(`  load average now ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await env?.teardown();
    rmSync(dir, { recursive: true, force: true });
  }
}
