/**
 * `duban plan start` and `duban plan status`: the year's plan becomes
 * running obligations. Validation comes first and nothing starts when
 * anything is wrong; the fan-out itself is a workflow (planStart), so it
 * finishes even when this terminal does not, and running the command again
 * starts only what is missing.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { stateLabel } from '../../contracts/labels';
import { planStartProgressQuery } from '../../contracts/messages';
import { planDutiesQuery } from '../../contracts/queries';
import { startPlanStart } from '../../contracts/start';
import { searchAttributes } from '../../contracts/wire';
import { obligationLabel } from '../../domain/obligations';
import { saveCurrentDirectory } from '../directory';
import { UserFacingError } from '../errors';
import { dutiesToStart } from '../delivery';
import { startedPlanChanges } from '../plan-versions';
import { cliStore } from '../store';
import { withTemporal } from '../temporal';
import { requirePlan } from './names';
import { printIssues, readAndValidate, type ReadFlags } from './plan';


async function startPlan(file: string, flags: ReadFlags & { units?: string; json?: boolean }): Promise<void> {
  const { read, validation } = await readAndValidate(file, flags);
  const problems = [...read.warnings, ...validation.issues];
  if (!validation.ok) {
    printIssues(problems);
    throw new UserFacingError(`计划有 ${problems.filter((i) => i.severity === 'error').length} 个错误，未启动任何任务。请修改后重试（duban plan validate 列出全部）。`);
  }
  const plan = read.plan;
  const obligations = dutiesToStart(plan, validation);
  const changes = await startedPlanChanges(cliStore().plans, plan.id, obligations);
  const conflict = changes.conflict('用 --id ');
  if (conflict) throw new UserFacingError(conflict);
  if (changes.removed.length) console.error(`注意：计划 ${plan.id} 此前启动的 ${changes.removed.map(obligationLabel).join('、')} 不在这份文件中，仍在运行（如需停止：duban task cancel）。`);
  const storeKey = await cliStore().plans.save(plan.id, obligations);

  const final = await withTemporal(async (temporal) => {
    const handle = await startPlanStart(temporal.client, temporal.taskQueue, { planId: plan.id, storeKey, total: obligations.length });
    // Kept only once the start is accepted (a failed start changes nothing): later commands (events, requests, the
    // SME-arrears schedule) default to the directory the plan started with.
    if (flags.units) await saveCurrentDirectory(flags.units);
    const bar = process.stderr.isTTY && !flags.json ? new SingleBar({ format: '启动中 [{bar}] {value}/{total}', stream: process.stderr }) : undefined;
    bar?.start(obligations.length, 0);
    const result = handle.result();
    let finished = false;
    void result.finally(() => (finished = true)).catch(() => undefined);
    while (!finished && bar) {
      const progress = await handle.query(planStartProgressQuery).catch(() => undefined);
      if (progress) bar.update(progress.done);
      await Promise.race([result.catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
    }
    const done = await result;
    bar?.update(done.done);
    bar?.stop();
    return done;
  });
  if (flags.json) {
    console.log(JSON.stringify({ planId: plan.id, started: final.started, alreadyRunning: final.alreadyRunning }));
  } else {
    console.log(`计划 ${plan.id}：新启动 ${final.started} 项，已在运行 ${final.alreadyRunning} 项（共 ${final.total} 项：任务 ${plan.tasks.length} 项，任务分解报送 ${final.total - plan.tasks.length} 项）`);
  }
}

async function planStatus(planId: string, flags: { json?: boolean }): Promise<void> {
  const counts = { total: 0, open: 0, done: 0, cancelled: 0, overdue: 0, overdueUnits: 0 };
  const byRule = new Map<string, number>();
  await withTemporal(async (temporal) => {
    await requirePlan(temporal.client, planId);
    for await (const w of temporal.client.workflow.list({ query: planDutiesQuery(planId) })) {
      counts.total += 1;
      const state = w.typedSearchAttributes.get(searchAttributes.state) ?? 'open';
      if (state === 'done' || state === 'cancelled' || state === 'open') counts[state] += 1;
      const overdue = w.typedSearchAttributes.get(searchAttributes.overdueUnits) ?? [];
      if (overdue.length > 0) counts.overdue += 1;
      counts.overdueUnits += overdue.length;
      const rule = w.typedSearchAttributes.get(searchAttributes.rule) ?? '?';
      byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    }
  });
  if (counts.total === 0) throw new UserFacingError(`没有找到计划 ${planId} 的任务（尚未启动，或编号有误）`);
  if (flags.json) {
    console.log(JSON.stringify({ planId, ...counts, byRule: Object.fromEntries(byRule) }));
    return;
  }
  const states = (['open', 'done', 'cancelled'] as const).map((s) => `${stateLabel(s)} ${counts[s]}`).join('，');
  console.log(`计划 ${planId}：共 ${counts.total} 项；${states}`);
  console.log(`逾期：${counts.overdue} 项，涉及 ${counts.overdueUnits} 个单位次（duban overdue --plan ${planId} 查看明细）`);
}

export function registerPlanRunCommands(plan: Command): void {
  plan
    .command('start')
    .description('启动计划：先校验，有错误则不启动；每项任务、每个单位的任务分解报送各一个督办流程；可重复运行，只补启动缺少的')
    .argument('<file>', '计划文件（任何 plan import 能读的格式）')
    .option('--units <file>', '单位名录（YAML 或 CSV；默认：当前单位名录）')
    .option('--year <year>', '文中未写年度时指定计划年度')
    .option('--issued <date>', '文中未写印发日期时指定（YYYY-MM-DD）')
    .option('--id <id>', '计划编号')
    .option('--json', '输出 {"planId","started","alreadyRunning"}')
    .action(startPlan);

  plan.command('status').description('计划的办理情况汇总').argument('<planId>', '计划编号').option('--json', '以 JSON 输出').action(planStatus);
}
