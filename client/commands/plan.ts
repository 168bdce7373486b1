import type { Command } from 'commander';

/** `duban plan …`: importing, validating, previewing and starting the year's plan. */
export function registerPlanCommands(program: Command): void {
  program.command('plan').description('工作要点 / 任务分解表');
}
