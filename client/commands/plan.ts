/**
 * `duban plan …`: from the document an admin already has to a plan that can
 * start. `import` reads any format and writes the canonical YAML (or JSON for
 * other tools), `validate` lists every problem at once, `preview` shows what
 * will be due when and when the first reminder goes. (`start`, `status`,
 * `list` and `cancel` are in plan-run.ts and plan-admin.ts.)
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { Document } from 'yaml';
import type { Calendar } from '../../domain/calendar';
import type { PlanIssue } from '../../domain/plan/issues';
import { formatIssue, PlanReadError } from '../../domain/plan/issues';
import type { Plan } from '../../domain/plan/model';
import { taskUnitNames } from '../../domain/plan/model';
import { scheduleRule } from '../../domain/plan/schedule';
import { UnitDictionary } from '../../domain/plan/unit-names';
import type { UnitIndex } from '../../domain/plan/units';
import type { Validation } from '../../domain/plan/validate';
import { namedUnits, validatePlan } from '../../domain/plan/validate';
import { stepLabel } from '../../contracts/labels';
import { UserFacingError } from '../errors';
import type { PlanFileResult } from '../plan-files';
import { readPlanFile } from '../plan-files';
import { loadDirectory, readUnits } from '../directory';
import { cliStore } from '../store';
import { displayWidth } from './format';

export interface ReadFlags {
  year?: string;
  issued?: string;
  id?: string;
}

/**
 * The working-day calendar for due dates: the package's holiday years plus
 * those an admin imported with `duban calendar import`, so a preview made
 * after a new notice is loaded shows firm dates instead of provisional ones.
 */
function planCalendar(): Promise<Calendar> {
  return cliStore().calendar.loadCalendar();
}

export function printIssues(issues: PlanIssue[]): void {
  for (const i of issues) console.error(formatIssue(i));
}

/** `units`: the directory's names, evidence for unit names the document does not mark. */
async function readPlan(file: string, flags: ReadFlags, units?: UnitIndex): Promise<PlanFileResult> {
  let year: number | undefined;
  if (flags.year !== undefined) {
    year = Number(flags.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserFacingError(`--year 应为 2000–2100 之间的年份，收到“${flags.year}”`);
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new UserFacingError(`“${file}”是文件夹：请给出计划文件（.txt .xlsx .csv .yaml .json）。`);
  try {
    return await readPlanFile(file, {
      ...(year ? { year } : {}),
      ...(flags.issued ? { issued: flags.issued } : {}),
      ...(flags.id ? { planId: flags.id } : {}),
      ...(units ? { units: new UnitDictionary(units.names()) } : {}),
    });
  } catch (err) {
    if (err instanceof PlanReadError) {
      printIssues(err.issues);
      throw new UserFacingError(`无法读取计划文件 ${file}`);
    }
    throw err;
  }
}

/** `units`: the directory file; left out, the current directory (the one the last plan start or directory update kept). */
export async function readAndValidate(file: string, flags: ReadFlags & { units?: string }): Promise<{ read: PlanFileResult; validation: Validation }> {
  // The directory first: its names are evidence for the reader too, so validate and preview read a document as import does.
  const units = await loadDirectory(flags.units);
  const read = await readPlan(file, flags, units);
  const validation = validatePlan(read.plan, units, { file: path.basename(file), ...(read.locate ? { locate: read.locate } : {}) });
  return { read, validation };
}

/** The canonical YAML, headed by where it came from and what to do next. */
export function canonicalYaml(plan: Plan, source: string): string {
  const doc = new Document(plan);
  doc.commentBefore = ` 由 duban plan import 从 ${source} 生成。请核对任务、单位和完成时限，再运行 duban plan validate。`;
  return doc.toString({ lineWidth: 0 });
}

/** The plan as other tools read it (`--json`): keep this shape stable. */
export function planJson(plan: Plan, calendar: Calendar, warnings: PlanIssue[]) {
  const dueOf = (rule: Parameters<typeof scheduleRule>[2]) => {
    const s = scheduleRule(calendar, plan, rule);
    return { due: s.due?.date ?? null, provisional: s.due?.provisional ?? false };
  };
  return {
    id: plan.id,
    title: plan.title,
    office: plan.office ?? null,
    issued: plan.issued ?? null,
    year: plan.year,
    duties: plan.duties.map((d) => ({ ...d, ...dueOf(d.rule) })),
    tasks: plan.tasks.map((t) => ({
      id: t.id,
      label: t.label ?? null,
      section: t.section,
      content: t.content,
      requirement: t.requirement ?? null,
      units: taskUnitNames(t),
      leadUnits: t.leadUnits,
      responsibleUnits: t.responsibleUnits,
      cooperatingUnits: t.cooperatingUnits,
      deadline: t.deadline ?? null,
      deadlineText: t.deadlineText ?? null,
      ...dueOf(t.deadline),
      duties: t.duties,
    })),
    warnings,
  };
}

function fit(s: string, cols: number): string {
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > cols - (displayWidth(s) > cols ? 1 : 0)) {
      out += '…';
      break;
    }
    out += ch;
  }
  return out + ' '.repeat(Math.max(0, cols - displayWidth(out)));
}

export function previewText(plan: Plan, validation: Validation, calendar: Calendar): string {
  const lines: string[] = [];
  lines.push(`${plan.title}（${plan.id}）${plan.office ? ` ${plan.office}` : ''}${plan.issued ? ` ${plan.issued} 印发` : ''}`);
  lines.push('');
  const cols = [10, 30, 12, 6, 22];
  lines.push(['任务', '责任单位', '完成时限', '暂定', '首次提醒'].map((h, i) => fit(h, cols[i]!)).join(' ').trimEnd());
  let dated = 0;
  let provisional = 0;
  const notes = new Map<string, number>();
  for (const t of plan.tasks) {
    const s = scheduleRule(calendar, plan, t.deadline);
    if (s.due) dated += 1;
    else notes.set(s.note ?? '无时限', (notes.get(s.note ?? '无时限') ?? 0) + 1);
    if (s.due?.provisional) provisional += 1;
    const reminder = s.firstReminder ? `${s.firstReminder.date} ${stepLabel(s.firstReminder.step)}` : '—';
    const row = [t.label ?? t.id, taskUnitNames(t).join('、') || '（无）', s.due?.date ?? s.note ?? '—', s.due?.provisional ? '暂定' : '', reminder];
    lines.push(row.map((c, i) => fit(c, cols[i]!)).join(' ').trimEnd());
  }
  lines.push('');
  const undated = [...notes].map(([n, k]) => `${n} ${k} 项`).join('，');
  lines.push(`合计：${plan.tasks.length} 项任务；有完成日期 ${dated} 项${undated ? `，${undated}` : ''}；暂定日期 ${provisional} 项；涉及单位 ${namedUnits(validation).length} 个`);
  for (const d of plan.duties) {
    const s = scheduleRule(calendar, plan, d.rule);
    lines.push(`计划级义务：${d.text}（${d.duty}）→ ${s.due?.date ?? s.note ?? '—'}${s.due?.provisional ? '（暂定）' : ''}，每个涉及单位各一项，共 ${namedUnits(validation).length} 项`);
  }
  const errors = validation.issues.filter((i) => i.severity === 'error').length;
  const warnings = validation.issues.length - errors;
  lines.push(errors > 0 ? `有 ${errors} 个错误、${warnings} 条警告：请先修改（duban plan validate 列出全部）` : `可以启动（${warnings} 条警告）`);
  return lines.join('\n');
}

export function registerPlanCommands(plan: Command): void {
  const readOptions = (cmd: Command) =>
    cmd
      .option('--year <year>', '文中未写年度时指定计划年度')
      .option('--issued <date>', '文中未写印发日期时指定（YYYY-MM-DD）')
      .option('--id <id>', '计划编号（字母、数字、点、短横线），默认自动生成');

  readOptions(
    plan
      .command('import')
      .description('读取工作要点或任务分解表（.txt/.xlsx/.csv/.yaml/.json），输出规范的计划 YAML')
      .argument('<file>', '文件')
      .option('--units <file>', '单位名录（YAML 或 CSV），给出时同时校验单位')
      .option('-o, --output <file>', '写入文件（默认输出到标准输出）')
      .option('--json', '以 JSON 输出到标准输出（供其他工具读取）')
      .option('--allow-errors', '有错误时仍以退出码 0 结束（默认退出码 1）'),
  ).action(async (file: string, flags: ReadFlags & { units?: string; output?: string; json?: boolean; allowErrors?: boolean }) => {
    const units = flags.units ? readUnits(flags.units) : undefined;
    const read = await readPlan(file, flags, units);
    const checks = validatePlan(read.plan, units, { file: path.basename(file) });
    const all = [...read.warnings, ...checks.issues];
    printIssues(all);
    const out = flags.json ? `${JSON.stringify(planJson(read.plan, await planCalendar(), all), null, 2)}\n` : canonicalYaml(read.plan, path.basename(file));
    if (flags.output) writeFileSync(flags.output, out);
    else process.stdout.write(out);
    const errors = all.filter((i) => i.severity === 'error').length;
    const written = flags.output ? `，写入 ${flags.output}` : '';
    console.error(`已读取 ${read.plan.tasks.length} 项任务${written}：${errors} 个错误、${all.length - errors} 条警告${errors > 0 ? '，启动前请修改' : ''}`);
    // The file is still written: the admin fixes it there. The exit code tells a script it is not ready.
    if (errors > 0 && !flags.allowErrors) process.exitCode = 1;
  });

  readOptions(
    plan
      .command('validate')
      .description('校验计划：一次列出全部问题（文件、行、字段、说明）；无错误时退出码为 0')
      .argument('<file>', '计划文件（通常是 plan.yaml）')
      .option('--units <file>', '单位名录（YAML 或 CSV；默认：当前单位名录）')
      .option('--json', '输出 {"ok","errors","warnings","issues"}（issues：code、severity、place、message）'),
  ).action(async (file: string, flags: ReadFlags & { units?: string; json?: boolean }) => {
    const { read, validation } = await readAndValidate(file, flags);
    const all = [...read.warnings, ...validation.issues];
    const errors = all.filter((i) => i.severity === 'error').length;
    if (flags.json) {
      console.log(JSON.stringify({ ok: errors === 0, errors, warnings: all.length - errors, issues: all }, null, 2));
      if (errors > 0) process.exitCode = 1;
      return;
    }
    printIssues(all);
    console.error(errors > 0 ? `共 ${errors} 个错误、${all.length - errors} 条警告：计划不能启动` : `没有错误（${all.length} 条警告）：计划可以启动`);
    if (errors > 0) process.exitCode = 1;
  });

  readOptions(
    plan
      .command('preview')
      .description('预览：每项任务的单位、完成日期、是否暂定、首次提醒，以及合计')
      .argument('<file>', '计划文件')
      .option('--units <file>', '单位名录（YAML 或 CSV；默认：当前单位名录）')
      .option('--json', '以 JSON 输出（与 plan import --json 相同的形状，另加 "ok"）'),
  ).action(async (file: string, flags: ReadFlags & { units?: string; json?: boolean }) => {
    const { read, validation } = await readAndValidate(file, flags);
    if (flags.json) {
      const issues = [...read.warnings, ...validation.issues];
      console.log(JSON.stringify({ ok: validation.ok, ...planJson(read.plan, await planCalendar(), issues) }, null, 2));
      if (!validation.ok) process.exitCode = 1;
      return;
    }
    printIssues(validation.issues.filter((i) => i.severity === 'error'));
    console.log(previewText(read.plan, validation, await planCalendar()));
    if (!validation.ok) process.exitCode = 1;
  });
}
