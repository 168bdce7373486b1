/**
 * The plan an admin starts the year from: the 工作要点 / 任务分解表 turned into
 * data. Readers (text, table, canonical YAML) produce it; `validatePlan`
 * checks it against the unit directory; the client starts one workflow per
 * task and one per plan-level duty and unit.
 *
 * Ids end up inside Temporal workflow ids (`plan/<planId>/task/<taskId>`), so
 * they are restricted to a conservative ASCII alphabet; the document's own
 * numbering as written (`（三）2`) is kept beside it as `label`.
 */
import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';
import { ruleSchema, statutoryDutySchema } from '../rules';

/** Letters, digits, dot, dash, underscore: safe in a workflow id, a URL and a shell. */
export const safeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, '只能包含字母、数字、点、短横线和下划线，且以字母或数字开头');

/** A calendar date as staff write it in files: `2024-06-05`. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => isIsoDate(s), '日期不存在');

/** Where something was found: enough for a clerk to open the file and look. */
export const placeSchema = z.object({
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  row: z.number().int().positive().optional(),
  field: z.string().optional(),
});
export type Place = z.infer<typeof placeSchema>;

/** A statutory duty stated in a task's text, with the period the text gives. */
export const taskDutySchema = z.object({
  duty: statutoryDutySchema,
  rule: ruleSchema,
  /** The phrase as written, e.g. "意见征集结束后7日内". */
  text: z.string(),
});
export type TaskDuty = z.infer<typeof taskDutySchema>;

const unitNames = z.array(z.string().min(1)).default([]);

export const taskSchema = z.object({
  id: safeIdSchema,
  /** The document's numbering as written (`（三）2`, `17`), when it has one. */
  label: z.string().optional(),
  /** Headings above the task, outermost first: ["一、…", "（一）…"]. */
  section: z.array(z.string()).default([]),
  /** 工作任务: the item's text, or the table's task column. */
  content: z.string().min(1),
  /** 具体要求, when the source has such a column. */
  requirement: z.string().optional(),
  leadUnits: unitNames,
  responsibleUnits: unitNames,
  cooperatingUnits: unitNames,
  /** Absent when no deadline could be read: validation reports it. */
  deadline: ruleSchema.optional(),
  /** The deadline as written ("12月底前"), kept for review. */
  deadlineText: z.string().optional(),
  duties: z.array(taskDutySchema).default([]),
  /** Where the task came from in the original document. */
  source: placeSchema.optional(),
});
export type Task = z.infer<typeof taskSchema>;

/**
 * A duty owed once per unit rather than per task, e.g. seed 000's closing
 * paragraph: every unit submits its breakdown within 30 days of the plan's issue.
 */
export const planDutySchema = z.object({
  duty: statutoryDutySchema,
  rule: ruleSchema,
  /** Who owes it: every unit named anywhere in the plan. */
  units: z.literal('allNamed').default('allNamed'),
  text: z.string(),
});
export type PlanDuty = z.infer<typeof planDutySchema>;

export const planSchema = z.object({
  id: safeIdSchema,
  title: z.string().min(1),
  /** 发文机关, e.g. 滕州市人民政府办公室. */
  office: z.string().optional(),
  /** 印发日期; anchors the 30-day breakdown submission. */
  issued: isoDateSchema.optional(),
  year: z.number().int().min(2000).max(2100),
  tasks: z.array(taskSchema),
  duties: z.array(planDutySchema).default([]),
});
export type Plan = z.infer<typeof planSchema>;

/** Every unit name a task mentions, in the order lead, responsible, cooperating. */
export function taskUnitNames(task: Pick<Task, 'leadUnits' | 'responsibleUnits' | 'cooperatingUnits'>): string[] {
  return [...new Set([...task.leadUnits, ...task.responsibleUnits, ...task.cooperatingUnits])];
}

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(...)`, `=1+1`,
 * `@SUM(A1)`): kept as text, flagged, never evaluated.
 */
export function looksLikeFormula(text: string): boolean {
  return /^\s*(=|[+@]\s*[A-Za-z_(])/.test(text);
}
