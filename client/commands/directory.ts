/**
 * `duban directory update FILE`: the admin's new unit directory becomes the
 * current one, and every running obligation learns the new addresses of its
 * units, so a contact person who changed jobs stops getting the reminders.
 * `duban directory list`: the names the commands take.
 */
import type { Command } from 'commander';
import { unitContact } from '../../domain/obligations';
import { directoryChangedSignal } from '../../contracts/messages';
import { signalRunningDuties } from '../batch-signal';
import { loadDirectory, readUnits, saveCurrentDirectory } from '../directory';
import { withTemporal } from '../temporal';
import { alignedTable, printJson } from './format';

async function updateDirectory(file: string, flags: { json?: boolean }): Promise<void> {
  // Read first: a directory with errors changes nothing, neither the current copy nor any workflow.
  const index = readUnits(file);
  const units = index.directory.units.map(unitContact);
  // Kept as current only once Temporal answers: an unreachable server changes nothing.
  const { saved, jobId } = await withTemporal(async (temporal) => ({
    saved: await saveCurrentDirectory(file, index),
    ...(await signalRunningDuties(temporal.client, {
      jobPrefix: 'directory',
      reason: `unit directory updated from ${file} (${units.length} units)`,
      identity: 'duban directory update',
      signal: directoryChangedSignal,
      arg: { units },
    })),
  }));
  if (flags.json) console.log(JSON.stringify({ units: units.length, saved, jobId }));
  else console.log(`单位名录已更新（${units.length} 个单位，保存为 ${saved}），已通知运行中的督办事项改用新的联系人（批量任务 ${jobId}）。`);
}

/** What a unit can be called: where a refused name points people (`duban directory list`). */
async function listDirectory(flags: { units?: string; json?: boolean }): Promise<void> {
  const { directory } = await loadDirectory(flags.units);
  if (flags.json) {
    printJson(directory.units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases, groups: u.groups })));
    return;
  }
  const rows = directory.units.map((u) => [u.id, u.name, u.aliases.join('、') || '—', u.groups.join('、') || '—']);
  console.log(alignedTable([['编号', '全称', '简称', '分组'], ...rows]));
  const groups = [...new Set([...directory.units.flatMap((u) => u.groups), ...directory.groups.map((g) => g.name)])];
  console.log(`共 ${directory.units.length} 个单位${groups.length > 0 ? `；分组：${groups.join('、')}` : ''}`);
}

export function registerDirectoryCommands(directory: Command): void {
  directory
    .command('list')
    .description('列出单位名录中的单位：编号、全称、简称和分组（命令中可用其中任何一个）')
    .option('--units <file>', '单位名录文件（默认当前名录）')
    .option('--json', '以 JSON 输出 [{"id","name","aliases","groups"}]')
    .action(listDirectory);
  directory
    .command('update')
    .description('更新单位名录：保存为当前名录，运行中的督办事项此后按新的联系人发送提醒')
    .argument('<file>', '单位名录文件（YAML、JSON 或 CSV）')
    .option('--json', 'JSON 输出')
    .action(updateDirectory);
}
