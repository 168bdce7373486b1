import type { Command } from 'commander';

/** `duban calendar …`: checking dates by hand and loading holiday notices. */
export function registerCalendarCommands(program: Command): void {
  program.command('calendar').description('节假日日历与期限计算');
}
