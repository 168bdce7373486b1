/**
 * `duban`: the one command-line entry point for admins and supervisors.
 * Each command group lives in client/commands/ and registers itself here.
 * Output meant for staff is Chinese; failures exit non-zero with a message.
 */
import { Command, CommanderError } from 'commander';
import { registerCalendarCommands } from './commands/calendar';
import { registerDirectoryCommands } from './commands/directory';
import { registerEventCommands } from './commands/event';
import { registerMailCommands } from './commands/mail';
import { registerPlanCommands } from './commands/plan';
import { registerPlanRunCommands } from './commands/plan-run';
import { registerRequestCommands } from './commands/request';
import { registerScheduleCommands } from './commands/schedule';
import { registerStandingCommands } from './commands/standing';
import { UserFacingError } from './errors';
import { closeCliStore } from './store';

const program = new Command('duban')
  .description('督办：政务公开工作要点的时限与问责引擎')
  .showHelpAfterError()
  .exitOverride();

registerPlanCommands(program);
registerPlanRunCommands(program.commands.find((c) => c.name() === 'plan')!);
registerStandingCommands(program);
registerCalendarCommands(program);
registerDirectoryCommands(program);
registerMailCommands(program);
registerEventCommands(program);
registerRequestCommands(program);
registerScheduleCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof UserFacingError) {
    console.error(`错误：${err.message}`);
    process.exitCode = err.exitCode;
  } else {
    console.error(err);
    process.exitCode = 1;
  }
} finally {
  await closeCliStore();
}
