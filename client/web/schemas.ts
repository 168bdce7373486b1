/**
 * What the web server accepts and answers, once: every route (page form or
 * JSON API) parses its input with these schemas, and /api/openapi.json is
 * generated from the same ones, so the document cannot drift from the checks.
 */
import { z } from 'zod';

const id = z.string().trim().min(1).max(200);
const text = (max: number) => z.string().trim().max(max);
/** A checkbox or a JSON boolean. */
const bool = z.union([z.boolean(), z.enum(['true', 'false', 'on', '1', '0']).transform((v) => v === 'true' || v === 'on' || v === '1')]);
/** Evidence: a JSON array, or a form's text area with one URL or file reference per line. */
const evidence = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/\r?\n/) : v),
  z.array(z.string().trim().max(2000)).transform((lines) => lines.filter(Boolean)).pipe(z.array(z.string()).min(1, '须附佐证材料（如公开网址），每行一条').max(20)),
);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const signInSchema = z.object({ user: id, password: z.string().min(1).max(1000) }).meta({ id: 'SignIn' });

export const overdueFilterSchema = z
  .object({
    plan: id.optional().describe('plan id; one no plan has is refused (400) with the closest'),
    unit: id.optional().describe('unit id, full name or alias (a group: its units); one the directory lacks is refused (400) with the closest names'),
    rule: id.optional().describe('rule kind (monthEnd) or its Chinese label (月底前); an unknown one is refused (400)'),
    minDays: z.coerce.number().int().min(0).max(10_000).optional().describe('at least this many working days overdue'),
  })
  .meta({ id: 'OverdueFilter' });

/** Empty form fields mean "no filter". */
export function blankToUndefined(query: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v?.trim() ? v : undefined]));
}

export const overdueRowSchema = z
  .object({
    workflowId: z.string(),
    planId: z.string().optional(),
    taskId: z.string().optional(),
    unit: z.string(),
    unitId: z.string(),
    rule: z.string(),
    due: isoDate,
    workingDaysOverdue: z.number().int(),
    card: z.string(),
    provisional: z.boolean(),
  })
  .meta({ id: 'OverdueRow' });

export const taskRefSchema = z.object({ id: id.describe('workflow id, e.g. plan/2024-teng/task/7') });
export const evidenceRefSchema = z.object({ id, file: z.string().regex(/^[0-9a-f]{64}\.[a-z]+$/, '附件编号有误') });

export const reportSchema = z.object({ id, unitId: id, evidence, note: text(2000).optional() }).meta({ id: 'Report' });
export const extensionRequestSchema = z
  .object({ id, unitId: id, newDate: isoDate, reason: text(2000).min(1, '须写明理由'), progress: text(2000).min(1, '须写明目前进展') })
  .meta({ id: 'ExtensionRequest' });
export const reviewSchema = z
  .object({ id, unitId: id, decision: z.enum(['accept', 'return']), reason: text(2000).optional() })
  .refine((r) => r.decision === 'accept' || !!r.reason, { message: '退回须写明理由', path: ['reason'] })
  .meta({ id: 'Review' });
export const extensionDecisionSchema = z
  .object({ id, unitId: id, approved: bool, comment: text(2000).optional() })
  .meta({ id: 'ExtensionDecision' });
export const waiveSchema = z.object({ id, unitId: id, reason: text(2000).min(1, '须写明理由') }).meta({ id: 'Waive' });
export const cancelPlanSchema = z.object({ plan: id, reason: text(2000).min(1, '须写明理由') }).meta({ id: 'CancelPlan' });
export const planRefSchema = z.object({ plan: id });

export const planReadSchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    issued: isoDate.optional(),
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, '计划编号只能含字母、数字、点、短横线').max(80).optional(),
  })
  .meta({ id: 'PlanReadOptions' });
export const planStartSchema = z.object({ upload: z.string().regex(/^[a-f0-9]{24}$/), ...planReadSchema.shape }).meta({ id: 'PlanStart' });

export const unitLinkSchema = z.object({ token: z.string().min(10).max(2000) });

/** The decoded `application/x-www-form-urlencoded` or JSON body's issues as one Chinese sentence. */
export function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '请求'}：${i.message}`).join('；');
}
