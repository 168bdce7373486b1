/**
 * What a new user met on the web, over HTTP against a real dev server and
 * worker: board filters by alias, unknown units, plans and rules refused
 * with the closest names (never an empty board); a unit's page saying what
 * each duty is; plan warnings naming the /admin form's fields; Word and PDF
 * plans uploaded and previewed; unreadable files said in Chinese only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { projectRoot } from '../../config/env';
import { shanghaiDate, shiftDays } from '../../domain/calendar';
import { eventIds, eventObligation } from '../../domain/event-duties';
import { unitContact } from '../../domain/obligations';
import type { PlanIssue } from '../../domain/plan/issues';
import { readText } from '../../domain/plan/read-text';
import { readDirectoryYaml } from '../../domain/plan/units';
import { startObligation, startRequest } from '../../contracts/start';
import { unitLinkToken, Signer } from '../../signing';
import { buildDocx, tableOfPlan } from '../domain/plan/build-documents';
import { eventually } from '../helpers/eventually';
import { api, hostilePlan, openLink, signIn, STAFF, webWorld, type Session } from './web-world';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const QUEUE = 'web-first-use';

describe('the web as a new user meets it', () => {
  const world = webWorld(QUEUE);
  const plan = hostilePlan(`first-${Date.now().toString(36)}`);
  let admin: Session;
  let supervisor: Session;
  const json = async <T,>(res: Response) => [res.status, (await res.json()) as T] as const;
  const upload = (url: string, bytes: Buffer | string, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set('_csrf', admin.csrf);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([bytes]), name);
    return api(world.web.url, admin, 'POST', url, form);
  };

  it('a plan started on the web is overdue for two units', async () => {
    const base = world.web.url;
    [admin, supervisor] = await Promise.all([signIn(base, STAFF.admin), signIn(base, STAFF.supervisor)]);
    const [, preview] = await json<{ upload: string; ok: boolean }>(await upload('/api/admin/plan/preview', stringify(plan), 'plan.yaml'));
    expect(preview.ok).toBe(true);
    expect((await api(base, admin, 'POST', '/api/admin/plan/start', { upload: preview.upload })).status).toBe(200);
    await eventually(
      'both units of task a overdue on the board',
      async () => (await (await api(base, supervisor, 'GET', `/api/overdue?plan=${plan.id}`)).json()) as unknown[],
      (rows) => rows.length === 2,
    );
  });

  it('the board takes a unit by id, full name or alias, and a group for its units', async () => {
    const base = world.web.url;
    const units = async (query: string) => ((await (await api(base, supervisor, 'GET', `/api/overdue?plan=${plan.id}&${query}`)).json()) as Array<{ unitId: string }>).map((r) => r.unitId);
    for (const name of ['fgj', '市发展和改革局', '市发改委']) expect(await units(`unit=${encodeURIComponent(name)}`)).toEqual(['fgj']);
    expect(await units(`unit=${encodeURIComponent('市政府各部门')}`)).toEqual(['fgj', 'swj']);
    const board = (await (await api(base, supervisor, 'GET', `/api/board?unit=${encodeURIComponent('市发改委')}`)).json()) as { rows: Array<{ unitId: string }> };
    expect(board.rows.length).toBeGreaterThan(0);
    expect(new Set(board.rows.map((r) => r.unitId))).toEqual(new Set(['fgj']));
    // A rule by its Chinese label as well as its kind.
    expect(await units(`rule=${encodeURIComponent('按日计算的期限')}`)).toEqual(['fgj', 'swj']);

    const page = await (await api(base, supervisor, 'GET', `/board?unit=${encodeURIComponent('市发改委')}`)).text();
    expect(page).toContain('placeholder="编号、全称或简称"');
    expect(page).toContain('<p class="unit">市发展和改革局</p>');
    expect(page).not.toContain('目前没有逾期事项');
  });

  it('a unit, plan or rule that names nothing is a 400 naming it and the closest, on the page an error, never an empty board', async () => {
    const base = world.web.url;
    const refused = async (query: string) => {
      const res = await api(base, supervisor, 'GET', `/api/overdue?${query}`);
      const board = await api(base, supervisor, 'GET', `/api/board?${query}`);
      expect(board.status).toBe(400);
      return [res.status, ((await res.json()) as { error: string }).error] as const;
    };
    expect(await refused(`unit=${encodeURIComponent('市发改委员')}`)).toEqual([400, expect.stringMatching(/^单位名录中没有“市发改委员”，是否是：.*(市发改委|市发展和改革委员会).*？$/)]);
    expect(await refused(`plan=${plan.id}x`)).toEqual([400, expect.stringMatching(new RegExp(`^没有计划“${plan.id}x”，是否是：.*${plan.id}.*？$`))]);
    expect(await refused(`rule=${encodeURIComponent('月底')}`)).toEqual([400, expect.stringMatching(/^没有规则“月底”，是否是：.*月底前（monthEnd）.*？$/)]);

    const page = await api(base, supervisor, 'GET', `/board?unit=${encodeURIComponent('市不存在局')}`);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toMatch(/<p class="error">单位名录中没有“市不存在局”/);
    expect(html).not.toContain('没有逾期事项');
    // The form is still there, with what was typed, to correct it.
    expect(html).toContain('value="市不存在局"');
    // The exports refuse it too, rather than an empty file.
    expect((await api(base, supervisor, 'GET', `/board/export.csv?unit=${encodeURIComponent('市不存在局')}`)).status).toBe(400);
  });

  it("a unit's page says what each duty is: a task's wording, an event duty's and a request's title, due dates in Chinese", async () => {
    const base = world.web.url;
    const directory = readDirectoryYaml((await world.store.directory.load())!, 'units.yaml');
    const fgj = unitContact(directory.unitById('fgj')!);
    const today = shanghaiDate(Date.now());
    const event = eventObligation('feedbackDisclosure', fgj, '关于印发《南屏市促进消费若干措施》的通知', shiftDays(today, -2));
    expect(await startObligation(world.env.client, QUEUE, event)).toBe(true);
    const request = { requestId: eventIds.request('fgj', today, '某小区规划许可文件', '张某'), title: '某小区规划许可文件', applicant: '张某', receivedOn: today, unit: fgj };
    expect(await startRequest(world.env.client, QUEUE, request)).toBe(true);

    const unit = await openLink(base, `/u/${unitLinkToken(new Signer(SECRET), 'fgj', 7).token}`);
    const owed = await eventually(
      "the plan task, the event duty and the request on fgj's page",
      async () => ((await (await api(base, unit, 'GET', '/api/unit')).json()) as { owed: Array<{ workflowId: string; label: string; text?: string; due: string }> }).owed,
      (o) => o.length === 3,
    );
    const of = (id: string) => owed.find((o) => o.workflowId === id)!;
    expect(of(`plan/${plan.id}/task/a`)).toMatchObject({ label: '任务 a', text: '公开政策文件<script>alert("xss")</script>' });
    expect(of(event.obligationId)).toMatchObject({ label: '意见收集采纳情况公开：关于印发《南屏市促进消费若干措施》的通知' });
    expect(of(request.requestId)).toMatchObject({ label: '依申请公开答复：某小区规划许可文件' });

    const html = await (await api(base, unit, 'GET', '/unit')).text();
    expect(html).toContain('>任务 a</a>');
    expect(html).toContain('公开政策文件&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(html).toContain('>意见收集采纳情况公开：关于印发《南屏市促进消费若干措施》的通知</a>');
    expect(html).toContain('>依申请公开答复：某小区规划许可文件</a>');
    // No workflow id as text, only in links.
    expect(html).not.toMatch(/>(feedback|request|plan)\//);
    const due = of(event.obligationId).due;
    const [y, m, d] = due.split('-').map(Number);
    expect(html).toMatch(new RegExp(`截止 ${y}年${m}月${d}日（星期[日一二三四五六]）`));
    expect(html).toContain(`计划 ${plan.id}`);

    // The request's link opens its own read-only page (not a missing task); another unit may not read it.
    const requestPage = await api(base, unit, 'GET', `/task?id=${encodeURIComponent(request.requestId)}`);
    expect(requestPage.status).toBe(200);
    const page = await requestPage.text();
    expect(page).toContain('某小区规划许可文件');
    expect(page).toContain('张某');
    expect(page).toMatch(/答复期限<\/dt>\s*<dd>\d{4}-\d{2}-\d{2}/);
    expect(((await (await api(base, unit, 'GET', `/api/task?id=${encodeURIComponent(request.requestId)}`)).json()) as { unit: { id: string } }).unit.id).toBe('fgj');
    const swj = await openLink(base, `/u/${unitLinkToken(new Signer(SECRET), 'swj', 7).token}`);
    expect((await api(base, swj, 'GET', `/task?id=${encodeURIComponent(request.requestId)}`)).status).toBe(403);
  });

  it("a plan's warnings name the /admin form's fields, not the CLI's options, on the page and in the API", async () => {
    const text = readFileSync(path.join(projectRoot, 'test/fixtures/plans/numbered-with-units.txt'), 'utf8');
    const undated = text.replace('2025年3月10日\n', '');
    const [status, preview] = await json<{ issues: PlanIssue[] }>(await upload('/api/admin/plan/preview', undated, '要点.txt'));
    expect(status).toBe(200);
    expect(preview.issues.find((i) => i.code === 'plan.issuedMissing')!.message).toContain('请在上传表单的“印发日期”一栏填写后重新上传');
    const page = await (await upload('/admin/plan/preview', undated, '要点.txt')).text();
    expect(page).toContain('“印发日期”一栏');
    for (const body of [JSON.stringify(preview), page]) expect(body).not.toMatch(/--(issued|year)/);

    // No year anywhere: nothing to preview, and the problem names the field.
    const [refusedStatus, refused] = await json<{ issues: PlanIssue[] }>(await upload('/api/admin/plan/preview', undated.replaceAll('2025年', ''), '要点.txt'));
    expect(refusedStatus).toBe(400);
    expect(refused.issues.map((i) => i.message)).toEqual(['无法确定计划年度：文中没有年份，请在上传表单的“年度”一栏填写后重新上传']);
    // With the year given in its field, it reads.
    expect((await upload('/api/admin/plan/preview', undated.replaceAll('2025年', ''), '要点.txt', { year: '2025' })).status).toBe(200);
  });

  it('/admin previews Word and PDF plans as the CLI reads them, and says what to do with a .doc', async () => {
    const flat = readFileSync(path.join(projectRoot, 'test/fixtures/plans/flat-table.txt'), 'utf8');
    const fromText = readText(flat, { file: 'flat-table.txt' }).plan;
    const lines = flat.split('\n');
    const notice = lines.slice(0, lines.findIndex((l) => /^序号\s/.test(l.trim()))).filter((l) => l.trim() !== '');
    const docx = await buildDocx(tableOfPlan(fromText, notice));
    const pdf = readFileSync(path.join(projectRoot, 'test/fixtures/plans/table.pdf'));
    for (const [bytes, name] of [
      [docx, '2025年南屏市任务分解表.docx'],
      [pdf, '2025年南屏市任务分解表.pdf'],
    ] as const) {
      const [status, preview] = await json<{ tasks: Array<{ id: string; content: string }> }>(await upload('/api/admin/plan/preview', bytes, name));
      expect(status, name).toBe(200);
      expect(preview.tasks.map((t) => [t.id, t.content]), name).toEqual(fromText.tasks.map((t) => [t.id, t.content]));
      const page = await (await upload('/admin/plan/preview', bytes, name)).text();
      expect(page).toContain(`<strong class="task-count">${fromText.tasks.length}</strong>`);
    }

    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    const [status, doc] = await json<{ issues: PlanIssue[] }>(await upload('/api/admin/plan/preview', ole, '要点.doc'));
    expect(status).toBe(400);
    expect(doc.issues).toEqual([expect.objectContaining({ code: 'file.legacyWord', message: expect.stringContaining('另存为') })]);
    const [exeStatus, exe] = await json<{ error: string }>(await upload('/api/admin/plan/preview', 'MZ', 'setup.exe'));
    expect([exeStatus, exe.error]).toEqual([400, '只支持 .txt、.docx、.pdf、.xlsx、.csv、.yaml、.yml、.json、.doc、.wps 文件。']);
  });

  it('a damaged .xlsx, .docx or .pdf is said in Chinese, without the library\'s English', async () => {
    for (const [name, kind] of [
      ['分解表.xlsx', 'Excel'],
      ['要点.docx', 'Word'],
      ['要点.pdf', 'PDF'],
    ] as const) {
      const bytes = name.endsWith('.pdf') ? '%PDF-1.4\nnot really a PDF\n%%EOF\n' : 'PK\u0003\u0004 not really a zip';
      const [status, body] = await json<{ issues: PlanIssue[] }>(await upload('/api/admin/plan/preview', bytes, name));
      expect(status).toBe(400);
      expect(body.issues).toHaveLength(1);
      expect(body.issues[0]!.message).toMatch(new RegExp(`^无法读取 ${kind} 文件：文件已损坏，或不是真正的`));
      // No latin letters but the names of programs and file kinds.
      expect(body.issues[0]!.message.replace(/Excel|Word|WPS|PDF|\.xlsx|\.docx/g, '')).not.toMatch(/[A-Za-z]/);
    }
  });
});
