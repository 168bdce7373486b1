/**
 * `duban`: the one command-line entry point for admins and supervisors.
 * Each command group lives in client/commands/ and is loaded only when it
 * is the one asked for (`duban --help` loads none): the groups pull in the
 * Temporal client, the document readers, exceljs, which together took most
 * of a second to load on every call. Output meant for staff is Chinese,
 * commander's own words included; failures exit non-zero with one line.
 */
import { Command, CommanderError, Help, type Argument, type HelpConfiguration, type Option } from 'commander';
import { UserFacingError } from './errors';

/** Each top-level command: its description and how to fill it in. */
const GROUPS: Record<string, { description: string; register: (command: Command) => Promise<void> }> = {
  plan: {
    description: '工作要点 / 任务分解表：导入、校验、预览、启动、进度、列表、撤销',
    register: async (c) => {
      const [plan, run, admin] = await Promise.all([import('./commands/plan'), import('./commands/plan-run'), import('./commands/plan-admin')]);
      plan.registerPlanCommands(c);
      run.registerPlanRunCommands(c);
      admin.registerPlanAdminCommands(c);
    },
  },
  overdue: {
    description: '列出目前逾期的事项，最严重的在前（来自 Temporal 可见性查询）；可导出 CSV、XLSX',
    register: async (c) => (await import('./commands/standing')).registerOverdueCommand(c),
  },
  task: {
    description: '督办事项：查看，报告完成、审核、延期、免除、撤销',
    register: async (c) => (await import('./commands/task')).registerTaskCommands(c),
  },
  unit: { description: '单位：目前的待办事项', register: async (c) => (await import('./commands/standing')).registerUnitCommands(c) },
  calendar: { description: '节假日日历与期限计算', register: async (c) => (await import('./commands/calendar')).registerCalendarCommands(c) },
  directory: { description: '单位名录：列出、更新', register: async (c) => (await import('./commands/directory')).registerDirectoryCommands(c) },
  mail: {
    description: '列出本地邮件捕获服务器收到的邮件（npm start 时可用），最新的在前',
    register: async (c) => (await import('./commands/mail')).registerMailCommands(c),
  },
  event: { description: '登记事件，启动相应的法定时限督办', register: async (c) => (await import('./commands/event')).registerEventCommands(c) },
  request: { description: '依申请公开：列表，登记补正、征求意见、延期和答复', register: async (c) => (await import('./commands/request')).registerRequestCommands(c) },
  schedule: { description: '定时开启的法定督办', register: async (c) => (await import('./commands/schedule')).registerScheduleCommands(c) },
  user: { description: '网页的工作人员账号（管理员、督查人员）', register: async (c) => (await import('./commands/user')).registerUserCommands(c) },
  link: { description: '生成责任单位的专用网页链接（签名、限期）', register: async (c) => (await import('./commands/link')).registerLinkCommand(c) },
};

const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

/** A default or a choice as staff type it: `30`, not commander's JSON `"30"`. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** What commander puts in brackets after a description (default, choices, …): in the description's own closing bracket if it has one. */
function withExtras(description: string, extras: string[]): string {
  if (extras.length === 0) return description;
  if (description.endsWith('）')) return `${description.slice(0, -1)}；${extras.join('；')}）`;
  return `${description}（${extras.join('；')}）`;
}

/**
 * commander's help in Chinese. Its titles go through styleTitle; the rest of
 * its own words are built inside Help's methods, so those methods are
 * replaced here, on the program, and every command inherits them (commander
 * copies the help configuration to each command made with .command()).
 */
const chineseHelp: HelpConfiguration = {
  styleTitle: (title) => TITLES[title] ?? title,
  commandUsage(cmd) {
    return Help.prototype.commandUsage.call(this, cmd).replace('[options]', '[选项]').replace('[command]', '[命令]');
  },
  subcommandTerm(cmd) {
    return Help.prototype.subcommandTerm.call(this, cmd).replace(' [options]', ' [选项]');
  },
  optionDescription(option: Option) {
    const extras: string[] = [];
    if (option.argChoices) extras.push(`可选：${option.argChoices.map(shown).join('、')}`);
    // When commander shows a default at all: an option taking a value, or a boolean one given a boolean default.
    const showsDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
    if (option.defaultValue !== undefined && showsDefault) extras.push(`默认：${option.defaultValueDescription ?? shown(option.defaultValue)}`);
    if (option.presetArg !== undefined && option.optional) extras.push(`不带值时：${shown(option.presetArg)}`);
    if (option.envVar !== undefined) extras.push(`环境变量 ${option.envVar}`);
    return withExtras(option.description, extras);
  },
  argumentDescription(argument: Argument) {
    const extras: string[] = [];
    if (argument.argChoices) extras.push(`可选：${argument.argChoices.map(shown).join('、')}`);
    if (argument.defaultValue !== undefined) extras.push(`默认：${argument.defaultValueDescription ?? shown(argument.defaultValue)}`);
    return withExtras(argument.description, extras);
  },
};

/** commander's own messages, in the words staff read. */
function chineseError(message: string): string {
  return message
    .replace(/^error: unknown command '(.+?)'/m, '错误：没有命令“$1”')
    .replace(/^error: unknown option '(.+?)'/m, '错误：没有选项“$1”')
    .replace(/^error: missing required argument '(.+?)'/m, '错误：缺少参数 <$1>')
    .replace(/^error: option '(.+?)' argument missing/m, '错误：选项 $1 缺少值')
    .replace(/^error: required option '(.+?)' not specified/m, '错误：缺少必需的选项 $1')
    .replace(/^error: too many arguments.*$/m, '错误：参数过多')
    .replace(/\(Did you mean (.+?)\?\)/, '（是否是 $1？）')
    .replace(/^error: /m, '错误：');
}

function buildProgram(): Command {
  return new Command('duban')
    .description('督办：政务公开工作要点的时限与问责引擎')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .configureHelp(chineseHelp)
    .configureOutput({ outputError: (message, write) => write(chineseError(message)) })
    .showHelpAfterError('（duban --help 查看用法）')
    .exitOverride();
}

/** A failure no command put in words: a setting, a file, or a bug (its stack with DUBAN_DEBUG=1). */
function explainFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.name === 'ConfigError') return `环境变量设置有误，请改正后重试（${e.message.replace(/^Invalid environment: /, '')}）。`;
  const where = e?.path ? `“${e.path}”` : '';
  if (e?.code === 'EISDIR') return `${where || '给出的路径'}是文件夹，请给出文件。`;
  if (e?.code === 'ENOENT') return `找不到${where || '文件'}。`;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return `没有权限访问${where || '该文件'}。`;
  return `意外错误：${e?.message ?? String(err)}（设置 DUBAN_DEBUG=1 重新运行可看到详细信息，请告知系统管理员）。`;
}

/** `duban overdue …` → overdue; `duban help plan` → plan; `duban --help` → none. */
function askedGroup(args: string[]): string | undefined {
  const first = args[0] === 'help' ? args[1] : args.find((a) => !a.startsWith('-'));
  return first !== undefined && Object.hasOwn(GROUPS, first) ? first : undefined;
}

// `duban … | head`: the reader went away; the answer is no longer wanted, which is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const program = buildProgram();
const asked = askedGroup(process.argv.slice(2));
for (const [name, group] of Object.entries(GROUPS)) {
  if (asked !== undefined && name !== asked) continue;
  const command = program.command(name).description(group.description);
  if (name === asked) await group.register(command);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof UserFacingError) {
    console.error(`错误：${err.message}`);
    process.exitCode = err.exitCode;
  } else {
    console.error(`错误：${explainFailure(err)}`);
    if (process.env.DUBAN_DEBUG) console.error(err);
    process.exitCode = 1;
  }
} finally {
  // Only a command that ran can have opened the store (the module is loaded by then).
  if (asked !== undefined) await (await import('./store')).closeCliStore();
}
