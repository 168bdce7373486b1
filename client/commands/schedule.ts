/**
 * `duban schedule arrears`: the Temporal Schedule that opens, at 00:00
 * Asia/Shanghai every January 1, that year's SME-arrears disclosures (due
 * March 31, for the prior year) for every unit that pays suppliers. The unit
 * list travels in the schedule's action, so running the command again after
 * the directory changed updates the schedule instead of adding a second.
 */
import type { Command } from 'commander';
import { scheduleSmeArrears } from '../../contracts/start';
import { unitContact } from '../../domain/obligations';
import { loadDirectory } from '../directory';
import { UserFacingError } from '../errors';
import { withTemporal } from '../temporal';
import { shanghaiTime } from './format';

async function scheduleArrears(flags: { units?: string; json?: boolean }): Promise<void> {
  const directory = await loadDirectory(flags.units);
  const payers = directory.directory.units.filter((u) => u.paysSuppliers);
  if (payers.length === 0) throw new UserFacingError('名录中没有需要支付供应商款项的单位（paysSuppliers 均为 false），未设置定时任务。');
  const { scheduleId, action, nextRun } = await withTemporal((temporal) => scheduleSmeArrears(temporal.client, temporal.taskQueue, { units: payers.map(unitContact) }));
  if (flags.json) {
    console.log(JSON.stringify({ scheduleId, action, units: payers.length, nextRun: nextRun?.toISOString() ?? null }));
    return;
  }
  const excluded = directory.directory.units.length - payers.length;
  console.log(
    `${action === 'created' ? '已创建' : '已更新'}定时任务 ${scheduleId}：每年1月1日 00:00（北京时间）为 ${payers.length} 个单位开启中小企业逾期账款公开督办（3月31日前公开上一年度情况）` +
      `${excluded > 0 ? `；${excluded} 个单位标注不支付供应商款项，未纳入` : ''}${nextRun ? `。下次运行：${shanghaiTime(nextRun)}（北京时间）` : ''}`,
  );
}

export function registerScheduleCommands(schedule: Command): void {
  schedule
    .command('arrears')
    .description('创建或更新每年1月1日开启“逾期尚未支付中小企业款项情况公开”督办的定时任务')
    .option('--units <file>', '单位名录（默认：上次 plan start 使用的名录）')
    .option('--json', '输出 {"scheduleId","action","units","nextRun"}')
    .action(scheduleArrears);
}
