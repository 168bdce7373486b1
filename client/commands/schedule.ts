/**
 * `duban schedule arrears`: the Temporal Schedule that opens, at 00:00
 * Asia/Shanghai every January 1, that year's SME-arrears disclosures (due
 * March 31, for the prior year) for every unit that pays suppliers. The unit
 * list travels in the schedule's action, so running the command again after
 * the directory changed updates the schedule instead of adding a second.
 */
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import type { Command } from 'commander';
import { eventIds } from '../../domain/event-duties';
import { unitContact } from '../../domain/obligations';
import { TIME_ZONE } from '../../domain/calendar';
import type { SmeArrearsYearInput } from '../../workflows/sme-arrears-year';
import { loadDirectory } from '../directory';
import { UserFacingError } from '../errors';
import { connectClient } from '../temporal';

const spec: ScheduleSpec = { calendars: [{ month: 'JANUARY', dayOfMonth: 1, hour: 0, minute: 0 }], timezone: TIME_ZONE };

async function scheduleArrears(flags: { units?: string; json?: boolean }): Promise<void> {
  const directory = await loadDirectory(flags.units);
  const payers = directory.directory.units.filter((u) => u.paysSuppliers);
  if (payers.length === 0) throw new UserFacingError('名录中没有需要支付供应商款项的单位（paysSuppliers 均为 false），未设置定时任务。');
  const temporal = await connectClient();
  try {
    const input: SmeArrearsYearInput = { units: payers.map(unitContact) };
    const action: ScheduleOptionsAction = {
      type: 'startWorkflow',
      workflowType: 'smeArrearsYear',
      taskQueue: temporal.taskQueue,
      // Temporal appends the scheduled time, so each year's run has its own id.
      workflowId: eventIds.smeArrearsSchedule,
      args: [input],
    };
    // A worker or server down over New Year still opens the year's duties when it returns, within a month.
    const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' };
    const scheduleId = eventIds.smeArrearsSchedule;
    let done: 'created' | 'updated' = 'created';
    try {
      await temporal.client.schedule.create({ scheduleId, spec, action, policies, memo: { description: '每年1月1日开启中小企业逾期账款公开督办' } });
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
      done = 'updated';
      await temporal.client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, ...policies } }));
    }
    const next = (await temporal.client.schedule.getHandle(scheduleId).describe()).info.nextActionTimes[0];
    if (flags.json) {
      console.log(JSON.stringify({ scheduleId, action: done, units: payers.length, nextRun: next?.toISOString() ?? null }));
      return;
    }
    const excluded = directory.directory.units.length - payers.length;
    console.log(
      `${done === 'created' ? '已创建' : '已更新'}定时任务 ${scheduleId}：每年1月1日 00:00（北京时间）为 ${payers.length} 个单位开启中小企业逾期账款公开督办（3月31日前公开上一年度情况）` +
        `${excluded > 0 ? `；${excluded} 个单位标注不支付供应商款项，未纳入` : ''}${next ? `。下次运行：${next.toISOString()}` : ''}`,
    );
  } finally {
    await temporal.close();
  }
}

export function registerScheduleCommands(program: Command): void {
  const schedule = program.command('schedule').description('定时开启的法定督办');
  schedule
    .command('arrears')
    .description('创建或更新每年1月1日开启“逾期尚未支付中小企业款项情况公开”督办的定时任务')
    .option('--units <file>', '单位名录（默认：上次 plan start 使用的名录）')
    .option('--json', '输出 {"scheduleId","action","units","nextRun"}')
    .action(scheduleArrears);
}
