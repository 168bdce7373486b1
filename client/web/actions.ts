/**
 * What the web can do, once, for both the pages and the JSON API: each
 * function takes the principal (checked here, on the server, whatever the
 * page showed) and input already parsed by client/web/schemas.ts, and calls
 * the contracts. The actor of every Update is the principal: the signed-in
 * person, or the unit of the link.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { shanghaiDate } from '../../domain/calendar';
import type { Actor, Role } from '../../domain/accountability';
import { planObligations, unitContact } from '../../domain/obligations';
import { issue, PlanReadError, type PlanIssue } from '../../domain/plan/issues';
import { taskUnitNames, type Plan } from '../../domain/plan/model';
import { scheduleRule } from '../../domain/plan/schedule';
import { readDirectoryYaml, type UnitIndex } from '../../domain/plan/units';
import { validatePlan } from '../../domain/plan/validate';
import type { OverdueRow } from '../../domain/standing';
import {
  cancelUpdate,
  decideExtensionUpdate,
  directoryChangedSignal,
  obligationQuery,
  reportUpdate,
  requestExtensionUpdate,
  requestReplyQuery,
  reviewUpdate,
  waiveUpdate,
} from '../../contracts/messages';
import type { RequestReplyView } from '../../domain/request-reply';
import type { ObligationView } from '../../contracts/obligation';
import { ruleLabel } from '../../contracts/labels';
import { PLAN_START_WORKFLOW_TYPE, literal, planDutiesQuery, publishedObligation } from '../../contracts/queries';
import { startPlanStart } from '../../contracts/start';
import { searchAttributes } from '../../contracts/wire';
import type { Store } from '../../store';
import { signalRunningDuties } from '../batch-signal';
import { dutyStart, dutyText, sendDutyUpdate, UpdateRefused } from '../duty-updates';
import { notifyCalendarChange } from '../calendar-notify';
import { MAX_PLAN_FILE_BYTES, PLAN_FILE_EXTENSIONS, readPlanFile, readUnitsFile } from '../plan-files';
import type { DutyIndex } from './duty-index';
import type { z } from 'zod';
import type * as s from './schemas';
import type { Principal } from './security';
import { dutiesToStart } from '../delivery';
import { startedPlanChanges } from '../plan-versions';
import { UnitDictionary } from '../../domain/plan/unit-names';
import { attachmentOf, keepAttachment, readKept, type Attachment } from './evidence';
import { resolveBoardFilter } from './board-filter';

export class WebError extends Error {
  override name = 'WebError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
    message: string,
    readonly issues?: PlanIssue[],
  ) {
    super(message);
  }
}

export interface WebDeps {
  client: Client;
  taskQueue: string;
  store: Store;
  index: DutyIndex;
}

export function requireRole(p: Principal | undefined, ...roles: Role[]): Principal {
  if (!p) throw new WebError(401, '请先登录。');
  if (!roles.includes(p.role)) throw new WebError(403, '无权进行此操作。');
  return p;
}

function actorOf(p: Principal): Actor {
  return p.role === 'unit' ? { role: 'unit', unitId: p.unitId, name: p.name } : { role: p.role, name: p.name };
}

// ── the board ─────────────────────────────────────────────────────────────

/**
 * `duban overdue --format json`, from the read model: the same rows, worst
 * first (a filter keeps their order). Units, plans and rules are taken as the
 * CLI takes them; one that names nothing is a 400 (client/web/board-filter.ts).
 */
export async function overdue(deps: WebDeps, given: z.infer<typeof s.overdueFilterSchema>): Promise<OverdueRow[]> {
  const filter = await resolveBoardFilter(deps, given);
  return deps.index
    .overdue(shanghaiDate(Date.now()))
    .rows.filter(
      (r) =>
        (!filter.plan || r.planId === filter.plan) &&
        (!filter.rule || r.rule === filter.rule) &&
        (!filter.unitIds || filter.unitIds.has(r.unitId)) &&
        (filter.minDays === undefined || r.workingDaysOverdue >= filter.minDays),
    );
}

export interface Board {
  rows: OverdueRow[];
  byUnit: Array<{ unitId: string; unit: string; count: number; worst: number }>;
  plans: string[];
  rules: string[];
  /** When the read model last read the store: the board shows every change made before it. */
  asOf?: string;
}

export async function board(deps: WebDeps, filter: z.infer<typeof s.overdueFilterSchema>): Promise<Board> {
  const rows = await overdue(deps, filter);
  const byUnit = new Map<string, Board['byUnit'][number]>();
  for (const r of rows) {
    const u = byUnit.get(r.unitId) ?? { unitId: r.unitId, unit: r.unit, count: 0, worst: 0 };
    u.count += 1;
    u.worst = Math.max(u.worst, r.workingDaysOverdue);
    byUnit.set(r.unitId, u);
  }
  const { plans, rules } = deps.index.overdue(shanghaiDate(Date.now()));
  return {
    rows,
    byUnit: [...byUnit.values()].sort((a, b) => b.count - a.count || b.worst - a.worst),
    plans,
    rules,
    asOf: deps.index.asOf?.toISOString(),
  };
}

// ── a task ────────────────────────────────────────────────────────────────

/** A duty's view by its query; a duty that does not exist (or does not answer that query) is a 404 saying `missing`. */
async function queryDuty<V>(deps: WebDeps, id: string, query: QueryDefinition<V>, missing: string): Promise<V> {
  try {
    return await deps.client.workflow.getHandle(id).query(query);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || /not found|Query handler/i.test((err as Error).message)) throw new WebError(404, missing);
    throw err;
  }
}

/** An obligation's state and log; a unit sees only duties it owes. */
export async function task(deps: WebDeps, p: Principal | undefined, id: string): Promise<ObligationView> {
  const principal = requireRole(p, 'admin', 'supervisor', 'unit');
  const view = await queryDuty(deps, id, obligationQuery, `找不到督办事项 ${id}。`);
  if (principal.role === 'unit' && !view.units.some((u) => u.unitId === principal.unitId)) throw new WebError(403, '此事项不属于本单位。');
  return view;
}

/** Whether a duty id is a request for disclosure's (依申请公开): its own view, not an obligation's. */
export const isRequestId = (id: string) => id.startsWith('request/');

/**
 * A request for disclosure as `duban request show` gives it, read-only on the
 * web (the office records its steps with the CLI); a unit sees only its own.
 */
export async function requestView(deps: WebDeps, p: Principal | undefined, id: string): Promise<RequestReplyView> {
  const principal = requireRole(p, 'admin', 'supervisor', 'unit');
  const view = await queryDuty(deps, id, requestReplyQuery, `找不到依申请公开事项 ${id}。`);
  if (principal.role === 'unit' && view.unit.id !== principal.unitId) throw new WebError(403, '此事项不属于本单位。');
  return view;
}

/** The task page's data: the duty's view and the task's whole wording (as `duban task show --json` gives them). */
export async function taskWithText(deps: WebDeps, p: Principal | undefined, id: string): Promise<ObligationView & { text: string }> {
  const view = await task(deps, p, id);
  return { ...view, text: await dutyText(deps.client, id, view.title) };
}

/** A file attached to a report of this duty, for whoever may see that report (a unit: only its own). */
export async function evidenceFile(deps: WebDeps, p: Principal | undefined, id: string, file: string): Promise<{ name: string; bytes: Buffer; type: string }> {
  const view = await task(deps, p, id);
  const units = p?.role === 'unit' ? view.units.filter((u) => u.unitId === p.unitId) : view.units;
  const named = units.flatMap((u) => u.reports.flatMap((r) => r.evidence.map(attachmentOf))).find((a) => a?.file === file);
  if (!named) throw new WebError(404, '此事项没有这个附件。');
  return { name: named.name, ...(await readKept(deps.store.files, file)) };
}

type ActionInput =
  | { kind: 'report'; input: z.infer<typeof s.reportSchema>; attachment?: Attachment }
  | { kind: 'extension'; input: z.infer<typeof s.extensionRequestSchema> }
  | { kind: 'review'; input: z.infer<typeof s.reviewSchema> }
  | { kind: 'decideExtension'; input: z.infer<typeof s.extensionDecisionSchema> }
  | { kind: 'waive'; input: z.infer<typeof s.waiveSchema> };

/** Who may take each action; the workflow checks again (its validators), this answers 403 before anything is sent. */
const ACTION_ROLES: Record<ActionInput['kind'], Role[]> = {
  report: ['unit'],
  extension: ['unit'],
  review: ['supervisor'],
  decideExtension: ['supervisor', 'admin'],
  waive: ['admin'],
};

export async function act(deps: WebDeps, p: Principal | undefined, action: ActionInput): Promise<ObligationView> {
  const principal = requireRole(p, ...ACTION_ROLES[action.kind]);
  const { id, unitId } = action.input;
  if (principal.role === 'unit' && principal.unitId !== unitId) throw new WebError(403, '只能为本单位办理。');
  // The unit's scope is checked against the workflow's own units before anything is sent.
  await task(deps, principal, id);
  // Kept only once the unit is known to owe this duty; the evidence line naming it is already in the input.
  if (action.kind === 'report' && action.attachment) await keepAttachment(deps.store.files, action.attachment);
  const handle = deps.client.workflow.getHandle(id);
  const actor = actorOf(principal);
  try {
    const view = await sendUpdate(handle, actor, action);
    await deps.index.refreshOne(id).catch(() => undefined);
    return view;
  } catch (err) {
    if (err instanceof UpdateRefused) throw new WebError(409, err.message);
    throw err;
  }
}

function sendUpdate(handle: ReturnType<Client['workflow']['getHandle']>, actor: Actor, action: ActionInput): Promise<ObligationView> {
  const { unitId } = action.input;
  switch (action.kind) {
    case 'report':
      return sendDutyUpdate(handle, reportUpdate, { actor, unitId, evidence: action.input.evidence, note: action.input.note || undefined });
    case 'extension': {
      const { newDate, reason, progress } = action.input;
      return sendDutyUpdate(handle, requestExtensionUpdate, { actor, unitId, newDate, reason, progress });
    }
    case 'review':
      return sendDutyUpdate(handle, reviewUpdate, { actor, unitId, decision: action.input.decision, reason: action.input.reason || undefined });
    case 'decideExtension':
      return sendDutyUpdate(handle, decideExtensionUpdate, { actor, unitId, approved: action.input.approved, comment: action.input.comment || undefined });
    case 'waive':
      return sendDutyUpdate(handle, waiveUpdate, { actor, unitId, reason: action.input.reason });
  }
}

// ── a unit ────────────────────────────────────────────────────────────────

export interface Owed {
  workflowId: string;
  planId?: string;
  taskId?: string;
  rule: string;
  due: string;
  overdue: boolean;
  card: string;
  /** What the duty is, in words: `任务 2`, `意见收集采纳情况公开：关于…的通知`, `依申请公开答复：…`. */
  label: string;
  /** A plan task's whole wording, as the task page shows it. */
  text?: string;
}

/** Histories read at once for a unit's page: a unit owes tens of duties, not thousands. */
const START_LANES = 8;

/**
 * What the link's unit owes now, soonest due first (from the read model),
 * each with what it is (as `duban unit show` titles them): the title and
 * wording each duty was started with, from its history.
 */
export async function unitOwes(deps: WebDeps, p: Principal | undefined): Promise<{ unitId: string; unitName: string; owed: Owed[] }> {
  const principal = requireRole(p, 'unit');
  const unitId = principal.unitId!;
  await deps.index.ready();
  const duties = deps.index
    .all()
    .filter((d) => d.owingUnitIds.includes(unitId))
    .map((d) => {
      const u = d.units[unitId];
      return { workflowId: d.workflowId, planId: d.planId, taskId: d.taskId, rule: d.rule, due: u?.due ?? '', overdue: d.overdueUnitIds.includes(unitId), card: u?.card ?? '' };
    })
    .sort((a, b) => a.due.localeCompare(b.due) || a.workflowId.localeCompare(b.workflowId));
  const owed: Owed[] = new Array(duties.length);
  let next = 0;
  const lane = async () => {
    while (next < duties.length) {
      const i = next++;
      const d = duties[i]!;
      owed[i] = { ...d, ...dutyWords(d, await dutyStart(deps.client, d.workflowId)) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(START_LANES, duties.length) }, lane));
  return { unitId, unitName: principal.name, owed };
}

/** A duty in words: a plan task by its number and wording; any other by its title, or its kind's label when the title cannot be read (never its raw id). */
function dutyWords(d: { taskId?: string; rule: string }, started: { title?: string; content?: string } | undefined): Pick<Owed, 'label' | 'text'> {
  const title = started?.title?.trim();
  const text = started?.content?.trim() || title;
  if (d.taskId !== undefined) return { label: `任务 ${d.taskId}`, ...(text ? { text } : {}) };
  if (!title) return { label: ruleLabel(d.rule) };
  // A request's title is the applicant's; the other duties' titles begin with their kind already.
  return { label: d.rule === 'requestReply' ? `${ruleLabel(d.rule)}：${title}` : title };
}

// ── plans ─────────────────────────────────────────────────────────────────

export async function planList(deps: WebDeps, p: Principal | undefined): Promise<Array<{ planId: string; started: string; running: number }>> {
  requireRole(p, 'admin', 'supervisor');
  const plans = new Map<string, { planId: string; started: string; running: number }>();
  for await (const w of deps.client.workflow.list({ query: `WorkflowType = ${literal(PLAN_START_WORKFLOW_TYPE)}` })) {
    const planId = w.typedSearchAttributes.get(searchAttributes.plan);
    if (!planId) continue;
    const started = w.startTime.toISOString();
    const known = plans.get(planId);
    if (!known || known.started > started) plans.set(planId, { planId, started, running: 0 });
  }
  await deps.index.ready();
  for (const d of deps.index.all()) {
    const plan = d.planId ? plans.get(d.planId) : undefined;
    if (plan) plan.running += 1;
  }
  return [...plans.values()].sort((a, b) => b.started.localeCompare(a.started));
}

export interface PlanProgress {
  planId: string;
  total: number;
  byState: Record<string, number>;
  units: Array<{ unitId: string; unit: string; due: number; onTime: number; late: number; open: number; rate: number | null }>;
  months: Array<{ month: string; due: number; overdue: number }>;
}

/**
 * Tasks by state (DubanState), each unit's on-time rate and due/overdue
 * counts by month, from one visibility listing of the plan's duties (open
 * and closed) and their memos. A unit is late on a duty when it is overdue
 * now or its due day has passed and it is still owing; on time when its
 * due day passed and it no longer owes (reported or settled). The exact
 * lateness of each report is on the task page.
 */
export async function planProgress(deps: WebDeps, p: Principal | undefined, planId: string): Promise<PlanProgress> {
  requireRole(p, 'admin', 'supervisor');
  const today = shanghaiDate(Date.now());
  const byState: Record<string, number> = { open: 0, done: 0, cancelled: 0 };
  const units = new Map<string, PlanProgress['units'][number]>();
  const months = new Map<string, { month: string; due: number; overdue: number }>();
  let total = 0;
  for await (const w of deps.client.workflow.list({ query: planDutiesQuery(planId) })) {
    total += 1;
    const state = w.typedSearchAttributes.get(searchAttributes.state) ?? 'open';
    byState[state] = (byState[state] ?? 0) + 1;
    const owing = w.typedSearchAttributes.get(searchAttributes.pendingUnits) ?? [];
    const o = publishedObligation(w);
    for (const [unitId, u] of Object.entries(o.units)) {
      const row = units.get(unitId) ?? { unitId, unit: u.name, due: 0, onTime: 0, late: 0, open: 0, rate: null };
      const month = months.get(u.due.slice(0, 7)) ?? { month: u.due.slice(0, 7), due: 0, overdue: 0 };
      month.due += 1;
      const isOverdue = o.overdueUnitIds.includes(unitId);
      if (isOverdue) month.overdue += 1;
      if (state !== 'cancelled' && u.due && u.due < today) {
        row.due += 1;
        if (isOverdue || (state === 'open' && owing.includes(unitId))) row.late += 1;
        else row.onTime += 1;
      } else if (state === 'open') row.open += 1;
      units.set(unitId, row);
      if (u.due) months.set(month.month, month);
    }
  }
  if (total === 0) throw new WebError(404, `没有找到计划 ${planId} 的任务（尚未启动，或编号有误）。`);
  for (const u of units.values()) u.rate = u.due > 0 ? u.onTime / u.due : null;
  return {
    planId,
    total,
    byState,
    units: [...units.values()].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.unit.localeCompare(b.unit, 'zh')),
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}

/** Cancels every running duty of a plan, with the admin's reason in each log. */
export async function cancelPlan(deps: WebDeps, p: Principal | undefined, input: z.infer<typeof s.cancelPlanSchema>): Promise<{ cancelled: number }> {
  const principal = requireRole(p, 'admin');
  const ids: string[] = [];
  for await (const w of deps.client.workflow.list({ query: `${planDutiesQuery(input.plan)} AND ExecutionStatus = 'Running'` })) ids.push(w.workflowId);
  let cancelled = 0;
  for (let i = 0; i < ids.length; i += 16) {
    await Promise.all(
      ids.slice(i, i + 16).map(async (id) => {
        await sendDutyUpdate(deps.client.workflow.getHandle(id), cancelUpdate, { actor: actorOf(principal), reason: input.reason }).catch((err: unknown) => {
          // Closed between the listing and the cancel (reported, or cancelled elsewhere): nothing left to cancel.
          if (!(err instanceof UpdateRefused)) throw err;
          cancelled -= 1;
        });
        cancelled += 1;
        await deps.index.refreshOne(id).catch(() => undefined);
      }),
    );
  }
  return { cancelled };
}

// ── admin ─────────────────────────────────────────────────────────────────

async function currentDirectory(deps: WebDeps): Promise<UnitIndex> {
  const yaml = await deps.store.directory.load();
  if (yaml === undefined) throw new WebError(409, '还没有当前单位名录：请先在管理页上传单位名录。');
  return readDirectoryYaml(yaml, 'units.yaml');
}

function readFailure(err: unknown): never {
  if (err instanceof PlanReadError) {
    // A library's own reason (exceljs, pdf.js) is for whoever reads the logs; the issues tell the admin in Chinese.
    if (err.cause instanceof Error) console.warn(`[web] uploaded file unreadable (${err.issues.map((i) => i.code).join(', ')}): ${err.cause.message}`);
    throw new WebError(400, '无法读取文件。', err.issues);
  }
  throw err;
}

/**
 * The name an uploaded file had on the admin's computer, fit to be a file
 * name here: its last part (old browsers send a whole Windows path), without
 * control characters or ones a file system refuses, short enough for one.
 * The readers go by its extension and name the file in every problem, so the
 * admin reads the name of the file they chose.
 */
function localName(given: string): string {
  const last = given.split(/[\\/]/).pop() ?? '';
  const ext = path.extname(last);
  // 60 characters: at most 240 bytes in UTF-8, within the 255 a file name may have.
  const base = [...last.slice(0, last.length - ext.length).replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')].slice(0, 60).join('');
  return `${base || '上传的文件'}${ext}`;
}

/** What each upload's reader takes: a plan (client/plan-files.ts), a unit directory (YAML or CSV), a holiday year (YAML or JSON). */
export const UPLOAD_KINDS = {
  plan: PLAN_FILE_EXTENSIONS,
  directory: ['.yaml', '.yml', '.csv', '.json'],
  holidays: ['.yaml', '.yml', '.json'],
} as const satisfies Record<string, readonly string[]>;

/** An uploaded file of a kind its reader takes, within the plan files' size limit: its own name and its bytes. */
async function uploaded(file: File, kind: keyof typeof UPLOAD_KINDS): Promise<{ name: string; bytes: Buffer }> {
  const name = localName(file.name);
  const accepted: readonly string[] = UPLOAD_KINDS[kind];
  if (!accepted.includes(path.extname(name).toLowerCase())) throw new WebError(400, `只支持 ${accepted.join('、')} 文件。`);
  if (file.size > MAX_PLAN_FILE_BYTES) throw new WebError(413, `文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB）：上限 ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB。`);
  return { name, bytes: Buffer.from(await file.arrayBuffer()) };
}

/**
 * The readers take a path: the bytes are written under their own name in a
 * folder only this process may read, read, and removed, whatever the reader
 * did. Nothing stays on this web server's disk.
 */
async function withLocalCopy<T>(name: string, bytes: Buffer, read: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'duban-upload-'));
  try {
    const file = path.join(dir, localName(name));
    await writeFile(file, bytes);
    return await read(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Keeps an uploaded plan in the store under a random id, with its own name, until the admin starts it (on whichever web server). */
export async function keepUpload(deps: WebDeps, file: File): Promise<string> {
  const { name, bytes } = await uploaded(file, 'plan');
  const upload = randomBytes(12).toString('hex');
  await deps.store.files.put('upload', upload, { bytes, originalName: name });
  return upload;
}

export interface PlanPreview {
  upload: string;
  plan: { id: string; title: string; year: number; issued: string | null };
  tasks: Array<{ id: string; label: string; content: string; requirement: string | null; units: string[]; due: string | null; provisional: boolean; note: string | null }>;
  issues: PlanIssue[];
  ok: boolean;
}

async function readUpload(deps: WebDeps, upload: string, opts: z.infer<typeof s.planReadSchema>) {
  const kept = await deps.store.files.get('upload', upload);
  if (!kept?.originalName) throw new WebError(404, '上传的文件已不存在，请重新上传。');
  const directory = await currentDirectory(deps);
  return withLocalCopy(kept.originalName, kept.bytes, async (file) => {
    // The directory's names are evidence for unit names a document does not mark, as for `duban plan import`.
    const read = await readPlanFile(file, {
      ...(opts.year ? { year: opts.year } : {}),
      ...(opts.issued ? { issued: opts.issued } : {}),
      ...(opts.id ? { planId: opts.id } : {}),
      units: new UnitDictionary(directory.names()),
    }).catch(readFailure);
    const validation = validatePlan(read.plan, directory, { file: path.basename(file), ...(read.locate ? { locate: read.locate } : {}) });
    return { read, validation, file: path.basename(file) };
  });
}

/** How the web says to give a plan an id of its own (the form's field). */
const PLAN_ID_FIELD = '在“计划编号”栏';

/** Reads and validates an uploaded plan against the current directory: every problem, and each task's due day. */
export async function previewPlan(deps: WebDeps, p: Principal | undefined, upload: string, opts: z.infer<typeof s.planReadSchema>): Promise<PlanPreview> {
  requireRole(p, 'admin');
  const { read, validation, file } = await readUpload(deps, upload, opts);
  const calendar = await deps.store.calendar.loadCalendar();
  // Said at the preview, before the admin presses start: this id was started before with other content.
  const conflict = validation.ok ? (await startedPlanChanges(deps.store.plans, read.plan.id, dutiesToStart(read.plan, validation))).conflict(PLAN_ID_FIELD) : undefined;
  const conflicts = conflict ? [issue('plan.idStartedOtherwise', 'error', { file }, conflict)] : [];
  const plan: Plan = read.plan;
  return {
    upload,
    plan: { id: plan.id, title: plan.title, year: plan.year, issued: plan.issued ?? null },
    tasks: plan.tasks.map((t) => {
      const sch = scheduleRule(calendar, plan, t.deadline);
      return { id: t.id, label: t.label ?? t.id, content: t.content, requirement: t.requirement ?? null, units: taskUnitNames(t), due: sch.due?.date ?? null, provisional: sch.due?.provisional ?? false, note: sch.note ?? null };
    }),
    issues: [...read.warnings, ...validation.issues, ...conflicts],
    ok: validation.ok && conflicts.length === 0,
  };
}

/** Starts an uploaded plan (validated again): the same fan-out as `duban plan start`, awaited. */
export async function startPlan(deps: WebDeps, p: Principal | undefined, input: z.infer<typeof s.planStartSchema>) {
  requireRole(p, 'admin');
  const { read, validation } = await readUpload(deps, input.upload, input);
  if (!validation.ok) throw new WebError(400, '计划有错误，未启动任何任务。', [...read.warnings, ...validation.issues]);
  const obligations = dutiesToStart(read.plan, validation);
  const conflict = (await startedPlanChanges(deps.store.plans, read.plan.id, obligations)).conflict(PLAN_ID_FIELD);
  if (conflict) throw new WebError(409, conflict);
  const storeKey = await deps.store.plans.save(read.plan.id, obligations);
  const handle = await startPlanStart(deps.client, deps.taskQueue, { planId: read.plan.id, storeKey, total: obligations.length });
  const done = await handle.result();
  // The new duties wrote their rows as they started: read them now rather than at the next poll.
  void deps.index.readChanges().catch(() => undefined);
  return { planId: read.plan.id, started: done.started, alreadyRunning: done.alreadyRunning, tasks: read.plan.tasks.length };
}

/** A new unit directory becomes the current one; every running duty learns the new addresses. */
export async function updateDirectory(deps: WebDeps, p: Principal | undefined, file: File) {
  requireRole(p, 'admin');
  // Read within this request: nothing to keep for another web server.
  const { name, bytes } = await uploaded(file, 'directory');
  const index = await withLocalCopy(name, bytes, async (kept) => {
    try {
      return readUnitsFile(kept);
    } catch (err) {
      return readFailure(err);
    }
  });
  const units = index.directory.units.map(unitContact);
  await deps.store.directory.save(/\.ya?ml$/i.test(name) ? bytes.toString('utf8') : JSON.stringify(index.directory));
  const { jobId } = await signalRunningDuties(deps.client, {
    jobPrefix: 'directory',
    reason: `unit directory updated on the web (${units.length} units)`,
    identity: 'duban web',
    signal: directoryChangedSignal,
    arg: { units },
  });
  return { units: units.length, jobId };
}

/** Loads a holiday year (the State Council notice); running duties recompute provisional deadlines. */
export async function loadHolidayYear(deps: WebDeps, p: Principal | undefined, file: File) {
  requireRole(p, 'admin');
  const { name, bytes } = await uploaded(file, 'holidays');
  const result = await withLocalCopy(name, bytes, (kept) =>
    deps.store.calendar.importYearFile(kept).catch((err: Error) => {
      throw new WebError(400, err.message);
    }),
  );
  const { year, version } = result.year;
  if (result.unchanged) return { year, version, unchanged: true };
  const { jobId } = await notifyCalendarChange(deps.client, { year, version });
  return { year, version, unchanged: false, jobId };
}
