/**
 * The web server over HTTP against a real dev server and worker: who may do
 * what (refusals as status codes), the contracts other tools read, hostile
 * plan text shown as text on every page, and sessions kept in the store
 * (signing out, two web servers on one store, a new password).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { projectRoot } from '../../config/env';
import { shiftDays } from '../../domain/calendar';
import { formatIssue, type PlanIssue } from '../../domain/plan/issues';
import { unitLinkToken, Signer } from '../../signing';
import { runDuban } from '../helpers/cli';
import { eventually } from '../helpers/eventually';
import { NANPING_PLAN, NANPING_UNITS, nanpingTaskUnits } from '../helpers/nanping';
import { anotherHost, api, hostilePlan, openLink, signIn, STAFF, webWorld, type Session } from './web-world';

const SECRET = 'test-secret-test-secret-test-secret-0123';

describe('the web server over HTTP', () => {
  const world = webWorld('web-http');
  const plan = hostilePlan(`web-${Date.now().toString(36)}`);
  const taskA = `plan/${plan.id}/task/a`;
  const taskB = `plan/${plan.id}/task/b`;
  const link = (unit: string, days = 7) => `/u/${unitLinkToken(new Signer(SECRET), unit, days).token}`;
  let admin: Session;
  let supervisor: Session;
  let fgj: Session;
  let swj: Session;

  it('the sixth wrong password for an account in a minute is refused with 429', async () => {
    const base = world.web.url;
    const wrong = () => api(base, undefined, 'POST', '/api/session', { user: 'nobody-here', password: 'wrong' });
    for (let i = 0; i < 5; i++) expect((await wrong()).status).toBe(401);
    const sixth = await wrong();
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('signing out ends the session: its cookie is refused afterwards, by the API and by the pages', async () => {
    const base = world.web.url;
    const session = await signIn(base, STAFF.supervisor);
    expect((await api(base, session, 'GET', '/api/session')).status).toBe(200);
    expect((await api(base, session, 'DELETE', '/api/session')).status).toBe(200);
    expect((await api(base, session, 'GET', '/api/session')).status).toBe(401);
    const page = await fetch(`${base}/board`, { headers: { cookie: session.cookie }, redirect: 'manual' });
    expect([page.status, page.headers.get('location')]).toEqual([302, '/login']);

    // The pages' sign-out form, then the same cookie kept by someone who copied it.
    const signedIn = await signIn(base, STAFF.admin);
    const form = new FormData();
    form.set('_csrf', signedIn.csrf);
    const out = await fetch(`${base}/logout`, { method: 'POST', headers: { cookie: signedIn.cookie }, body: form, redirect: 'manual' });
    expect([out.status, out.headers.get('location')]).toEqual([303, '/login']);
    expect((await api(base, signedIn, 'GET', '/api/overdue')).status).toBe(401);
    expect((await api(base, signedIn, 'POST', '/api/plan/cancel', { plan: 'any', reason: '测试' })).status).toBe(401);
  });

  it('two web servers on one store: a session made on one is honoured by the other, a sign-out on either ends it on both, and wrong passwords count on both', async () => {
    const other = await anotherHost(world);
    try {
      const [a, b] = [world.web.url, other.url];
      const staff = await signIn(a, STAFF.supervisor);
      const unit = await openLink(b, link('swj'));
      expect((await api(b, staff, 'GET', '/api/session')).status).toBe(200);
      expect((await api(a, unit, 'GET', '/api/session')).status).toBe(200);
      expect((await api(b, staff, 'DELETE', '/api/session')).status).toBe(200);
      expect((await api(a, unit, 'DELETE', '/api/session')).status).toBe(200);
      for (const host of [a, b]) {
        expect((await api(host, staff, 'GET', '/api/session')).status).toBe(401);
        expect((await api(host, unit, 'GET', '/api/session')).status).toBe(401);
      }

      const wrong = (host: string) => api(host, undefined, 'POST', '/api/session', { user: 'roaming-guesser', password: 'wrong' });
      for (const host of [a, b, a, b, a]) expect((await wrong(host)).status).toBe(401);
      const sixth = await wrong(b);
      expect(sixth.status).toBe(429);
      expect(((await sixth.json()) as { error: string }).error).toMatch(/^密码错误次数过多，请 \d+ 秒后再试。$/);
    } finally {
      await other.close();
    }
  });

  it('`duban user add` for an existing account sets its password anew and ends its sessions, on every web server', async () => {
    const base = world.web.url;
    const cliEnv = { TEMPORAL_ADDRESS: world.env.address, DUBAN_TASK_QUEUE: 'web-http', DUBAN_DATA_DIR: world.testWorker.dataDir };
    const add = (password: string) => runDuban(['user', 'add', 'ducha-li', '--role', 'supervisor', '--password-stdin'], cliEnv, `${password}\n`);
    const created = await add('first password 1');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe('已创建账号 ducha-li（督查人员）');
    const [li, zhang] = await Promise.all([signIn(base, 'ducha-li', 'first password 1'), signIn(base, STAFF.supervisor)]);

    const replaced = await add('second password 2');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout.trim()).toBe('已更新账号 ducha-li（督查人员），已注销其 1 个登录会话');
    expect((await api(base, li, 'GET', '/api/session')).status).toBe(401);
    expect((await api(base, zhang, 'GET', '/api/session')).status).toBe(200);
    await expect(signIn(base, 'ducha-li', 'first password 1')).rejects.toThrow(/: 401 /);
    expect((await api(base, await signIn(base, 'ducha-li', 'second password 2'), 'GET', '/api/session')).status).toBe(200);
  });

  it('an admin uploads a plan, sees every task in the preview and starts it; the overdue list is the CLI\'s', async () => {
    const base = world.web.url;
    [admin, supervisor] = await Promise.all([signIn(base, STAFF.admin), signIn(base, STAFF.supervisor)]);
    const form = new FormData();
    form.set('file', new Blob([stringify(plan)]), 'plan.yaml');
    const preview = await api(base, admin, 'POST', '/api/admin/plan/preview', form);
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { upload: string; ok: boolean; tasks: Array<{ id: string; content: string }> };
    expect(p.ok).toBe(true);
    expect(p.tasks.map((t) => t.id)).toEqual(['a', 'b']);

    // An admin action by a supervisor.
    expect((await api(base, supervisor, 'POST', '/api/admin/plan/start', { upload: p.upload })).status).toBe(403);
    const started = await api(base, admin, 'POST', '/api/admin/plan/start', { upload: p.upload });
    expect(await started.json()).toEqual({ planId: plan.id, started: 2, alreadyRunning: 0, tasks: 2 });

    // 20 working days late: settled once both carry the red card the workflow gives them on its first task.
    const rows = await eventually(
      'both overdue units of task a on the board, red-carded',
      async () => (await (await api(base, supervisor, 'GET', `/api/overdue?plan=${plan.id}`)).json()) as Array<Record<string, unknown>>,
      (r) => r.length === 2 && r.every((row) => row.card === 'red'),
    );
    expect(rows.map((r) => [r.workflowId, r.unitId])).toEqual([
      [taskA, 'fgj'],
      [taskA, 'swj'],
    ]);
    const cli = await runDuban(['overdue', '--plan', plan.id, '--format', 'json'], {
      TEMPORAL_ADDRESS: world.env.address,
      DUBAN_TASK_QUEUE: 'web-http',
      DUBAN_DATA_DIR: world.testWorker.dataDir,
    });
    expect(cli.code, cli.stderr).toBe(0);
    expect(rows).toEqual(JSON.parse(cli.stdout));

    // The same plan id with task a reworded: the preview says so before anyone presses start, and start refuses it.
    const reworded = { ...plan, tasks: [{ ...plan.tasks[0]!, content: '公开政策文件（修订稿）' }, plan.tasks[1]!] };
    const again = new FormData();
    again.set('file', new Blob([stringify(reworded)]), '修订稿.yaml');
    const second = (await (await api(base, admin, 'POST', '/api/admin/plan/preview', again)).json()) as { upload: string; ok: boolean; issues: Array<{ code: string; message: string; place: { file: string } }> };
    expect(second.ok).toBe(false);
    const conflict = second.issues.find((i) => i.code === 'plan.idStartedOtherwise')!;
    expect(conflict.place.file).toBe('修订稿.yaml');
    expect(conflict.message).toContain(`计划编号 ${plan.id} 此前已启动过，而这份文件中 任务 a 的内容、责任单位或时限与已启动的不同`);
    expect(conflict.message).toContain('请在“计划编号”栏另起编号');
    const refusedStart = await api(base, admin, 'POST', '/api/admin/plan/start', { upload: second.upload });
    expect([refusedStart.status, ((await refusedStart.json()) as { error: string }).error]).toEqual([409, conflict.message]);
  });

  it('refuses what a principal may not do', async () => {
    const base = world.web.url;
    [fgj, swj] = await Promise.all([openLink(base, link('fgj')), openLink(base, link('swj'))]);
    // A unit link reading or acting on another unit's task.
    expect((await api(base, fgj, 'GET', `/api/task?id=${encodeURIComponent(taskB)}`)).status).toBe(403);
    expect((await api(base, fgj, 'GET', `/task?id=${encodeURIComponent(taskB)}`)).status).toBe(403);
    expect((await api(base, fgj, 'POST', '/api/task/report', { id: taskB, unitId: 'swj', evidence: ['https://x.example/'] })).status).toBe(403);
    expect((await api(base, fgj, 'POST', '/api/task/report', { id: taskA, unitId: 'swj', evidence: ['https://x.example/'] })).status).toBe(403);
    // An altered link, an expired one.
    const good = link('fgj');
    const altered = `${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await fetch(`${base}${altered}`, { redirect: 'manual' })).status).toBe(403);
    const forged = new Signer(SECRET).sign('unit-link', { unit: 'fgj', exp: Date.now() - 1000 });
    expect((await fetch(`${base}/u/${forged}`, { redirect: 'manual' })).status).toBe(403);
    const otherSecret = unitLinkToken(new Signer('another-secret-another-secret-another'), 'fgj', 7).token;
    expect((await fetch(`${base}/u/${otherSecret}`, { redirect: 'manual' })).status).toBe(403);
    // No CSRF token, or another session's.
    expect((await api(base, fgj, 'POST', '/api/task/report', { id: taskA, unitId: 'fgj', evidence: ['https://x.example/'] }, { csrf: false })).status).toBe(403);
    expect((await api(base, { cookie: fgj.cookie, csrf: swj.csrf }, 'POST', '/api/task/report', { id: taskA, unitId: 'fgj', evidence: ['https://x.example/'] })).status).toBe(403);
    // A supervisor's action by a unit, an admin's by a supervisor, anything without a session.
    expect((await api(base, fgj, 'POST', '/api/task/review', { id: taskA, unitId: 'fgj', decision: 'accept' })).status).toBe(403);
    expect((await api(base, supervisor, 'POST', '/api/task/waive', { id: taskA, unitId: 'fgj', reason: '不需要' })).status).toBe(403);
    expect((await api(base, supervisor, 'POST', '/api/plan/cancel', { plan: plan.id, reason: '测试' })).status).toBe(403);
    expect((await api(base, fgj, 'GET', `/api/overdue?plan=${plan.id}`)).status).toBe(403);
    expect((await api(base, undefined, 'GET', `/api/overdue?plan=${plan.id}`)).status).toBe(401);
    expect((await api(base, supervisor, 'GET', '/mail')).status).toBe(403);
  });

  it('a report returned with a reason, reported again and accepted, the supervisor named on the return', async () => {
    const base = world.web.url;
    const report = await api(base, fgj, 'POST', '/api/task/report', { id: taskA, unitId: 'fgj', evidence: ['https://gov.example/fgj/a'], note: '已公开' });
    expect(report.status).toBe(200);
    expect((await api(base, supervisor, 'POST', '/api/task/review', { id: taskA, unitId: 'fgj', decision: 'return' })).status).toBe(400);
    const returned = await api(base, supervisor, 'POST', '/api/task/review', { id: taskA, unitId: 'fgj', decision: 'return', reason: '网址打不开<b>请核对</b>' });
    expect(returned.status).toBe(200);
    const page = await (await api(base, fgj, 'GET', `/task?id=${encodeURIComponent(taskA)}`)).text();
    expect(page).toContain('网址打不开&lt;b&gt;请核对&lt;/b&gt;');
    expect(page).not.toContain('市商务局</h3>');
    await api(base, fgj, 'POST', '/api/task/report', { id: taskA, unitId: 'fgj', evidence: ['https://gov.example/fgj/a2'] });
    const accepted = await api(base, supervisor, 'POST', '/api/task/review', { id: taskA, unitId: 'fgj', decision: 'accept' });
    const view = (await accepted.json()) as { units: Array<{ unitId: string; status: string; returns: Array<{ by: string; reason: string }> }> };
    const unit = view.units.find((u) => u.unitId === 'fgj')!;
    expect(unit.status).toBe('accepted');
    expect(unit.returns).toEqual([expect.objectContaining({ by: STAFF.supervisor, reason: '网址打不开<b>请核对</b>' })]);
    // Acting again on a settled unit is a conflict, said in words.
    const again = await api(base, supervisor, 'POST', '/api/task/review', { id: taskA, unitId: 'fgj', decision: 'accept' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe('“市发展和改革局”的完成情况已审核通过，无需再审核。');
    // The board dropped fgj at once (the read model refreshes the duty an action touched).
    const rows = (await (await api(base, supervisor, 'GET', `/api/overdue?plan=${plan.id}`)).json()) as Array<{ unitId: string }>;
    expect(rows.map((r) => r.unitId)).toEqual(['swj']);
  });

  it('shows hostile plan text as text on every page', async () => {
    const base = world.web.url;
    const pages = [
      await (await api(base, supervisor, 'GET', `/task?id=${encodeURIComponent(taskA)}`)).text(),
      await (await api(base, swj, 'GET', `/task?id=${encodeURIComponent(taskB)}`)).text(),
      await (await api(base, supervisor, 'GET', `/board?plan=${plan.id}`)).text(),
      await (await api(base, swj, 'GET', '/unit')).text(),
      await (await api(base, supervisor, 'GET', `/plan?plan=${plan.id}`)).text(),
    ];
    const form = new FormData();
    form.set('_csrf', admin.csrf);
    form.set('file', new Blob([stringify(plan)]), 'plan.yaml');
    pages.push(await (await api(base, admin, 'POST', '/admin/plan/preview', form, { csrf: false })).text());
    for (const html of pages) {
      expect(html).not.toMatch(/<script>alert|<img src=x|<b>web-/);
      expect(html).not.toMatch(/<script(?![^>]*src="\/static\/)/);
    }
    expect(pages[0]).toContain('公开政策文件&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(pages[1]).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    // The workflow keeps the first 60 characters as its title; the preview shows the whole text.
    expect(pages[5]).toContain('很长的任务内容'.repeat(800));
    expect(pages[5]).toContain('&lt;script&gt;');
    expect(pages[2]).toContain('任务 a');
  });

  it('serves the OpenAPI document and strict security headers', async () => {
    const res = await fetch(`${world.web.url}/api/openapi.json`);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/overdue']!.get!.parameters!.map((p) => p.name)).toEqual(['plan', 'unit', 'rule', 'minDays']);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/session', '/api/task/report', '/api/task/review', '/api/admin/plan/start']));
    // A report may carry its file: the form alternative is in the contract, with every field of the JSON body.
    const report = (doc.paths['/api/task/report']!.post as unknown as { requestBody: { content: Record<string, { schema: { properties: Record<string, { type?: string; format?: string }> } }> } }).requestBody.content;
    expect(Object.keys(report)).toEqual(['application/json', 'multipart/form-data']);
    expect(report['multipart/form-data']!.schema.properties).toMatchObject({ id: {}, unitId: {}, evidence: { type: 'string' }, note: {}, file: { type: 'string', format: 'binary' } });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const login = await fetch(`${world.web.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: STAFF.admin, password: STAFF.password }) });
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(login.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    expect(path.isAbsolute(projectRoot)).toBe(true);
  });

  type View = { units: Array<{ unitId: string; status: string; deadline: { date: string }; extensions: Array<{ newDate: string; decision?: { approved: boolean; by: string; comment?: string } }>; waived?: { by: string; reason: string }; reports: Array<{ evidence: string[] }> }> };
  const unitOf = async (res: Response, unitId: string) => ((await res.json()) as View).units.find((u) => u.unitId === unitId)!;

  it('an extension asked by the unit and approved by the supervisor moves its due day; the admin waives a unit', async () => {
    const base = world.web.url;
    const before = await unitOf(await api(base, swj, 'GET', `/api/task?id=${encodeURIComponent(taskB)}`), 'swj');
    const newDate = shiftDays(before.deadline.date, 30);
    const asked = await api(base, swj, 'POST', '/api/task/extension', { id: taskB, unitId: 'swj', newDate, reason: '需征求上级意见', progress: '初稿已完成' });
    expect(asked.status).toBe(200);
    // Deciding is a supervisor's or an admin's, never the unit's.
    expect((await api(base, swj, 'POST', '/api/task/decide-extension', { id: taskB, unitId: 'swj', approved: true })).status).toBe(403);
    const decided = await unitOf(await api(base, supervisor, 'POST', '/api/task/decide-extension', { id: taskB, unitId: 'swj', approved: 'true', comment: '同意' }), 'swj');
    expect(decided.deadline.date).toBe(newDate);
    expect(decided.extensions).toEqual([expect.objectContaining({ newDate, decision: expect.objectContaining({ approved: true, by: STAFF.supervisor, comment: '同意' }) })]);

    const waived = await unitOf(await api(base, admin, 'POST', '/api/task/waive', { id: taskA, unitId: 'swj', reason: '该单位已撤并' }), 'swj');
    expect(waived).toMatchObject({ status: 'waived', waived: { by: STAFF.admin, reason: '该单位已撤并' } });
    expect(await (await api(base, supervisor, 'GET', `/api/overdue?plan=${plan.id}`)).json()).toEqual([]);
    const page = await (await api(base, supervisor, 'GET', `/task?id=${encodeURIComponent(taskB)}`)).text();
    expect(page).toContain(`申请延期至 ${newDate}：需征求上级意见（进展：初稿已完成），已批准（${STAFF.supervisor}：同意）`);
  });

  it('a report may carry one file: a PDF is kept by its hash and linked from the task; too big or the wrong kind is refused in Chinese', async () => {
    const base = world.web.url;
    const report = (file: Blob, name: string, evidence = '') => {
      const form = new FormData();
      form.set('id', taskB);
      form.set('unitId', 'swj');
      form.set('evidence', evidence);
      form.set('file', file, name);
      return api(base, swj, 'POST', '/api/task/report', form);
    };
    const tooBig = await report(new Blob([new Uint8Array(10 * 1024 * 1024 + 1)]), '扫描件.pdf');
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: string }).error).toBe('附件过大（10.0 MB）：上限 10 MB，请压缩后再上传，或附公开网址。');
    const program = await report(new Blob(['MZ\x90\x00']), 'setup.exe');
    expect(program.status).toBe(400);
    expect(((await program.json()) as { error: string }).error).toMatch(/^不支持此类附件（\.exe）：只接受 PDF、OFD、图片（JPG、PNG）、Word、Excel、PowerPoint 及 WPS 文档。$/);
    const disguised = await report(new Blob(['MZ\x90\x00 not a pdf']), '说明.pdf');
    expect(disguised.status).toBe(400);
    expect(((await disguised.json()) as { error: string }).error).toMatch(/^附件内容与扩展名 \.pdf 不符/);
    expect((await unitOf(await api(base, swj, 'GET', `/api/task?id=${encodeURIComponent(taskB)}`), 'swj')).status).toBe('pending');

    const pdf = Buffer.from('%PDF-1.4\n% 佐证材料\n%%EOF\n');
    const hash = createHash('sha256').update(pdf).digest('hex');
    const accepted = await report(new Blob([pdf]), '公开情况说明.pdf', 'https://gov.example/swj/b');
    expect(accepted.status).toBe(200);
    const view = (await accepted.json()) as View;
    expect(view.units.find((u) => u.unitId === 'swj')!.reports[0]!.evidence).toEqual(['https://gov.example/swj/b', `附件：公开情况说明.pdf（sha256:${hash}.pdf）`]);
    expect(readFileSync(path.join(world.testWorker.dataDir, 'evidence', `${hash}.pdf`))).toEqual(pdf);

    // The task page shows the task's whole wording and links the file; the link serves it as a download.
    const page = await (await api(base, supervisor, 'GET', `/task?id=${encodeURIComponent(taskB)}`)).text();
    expect(page).toContain('很长的任务内容'.repeat(800));
    const href = `/task/evidence?id=${encodeURIComponent(taskB)}&amp;file=${hash}.pdf`;
    expect(page).toContain(`附件：<a class="attachment" href="${href}">公开情况说明.pdf</a>`);
    const download = await api(base, supervisor, 'GET', href.replace('&amp;', '&'));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${hash}.pdf"; filename*=UTF-8''${encodeURIComponent('公开情况说明.pdf')}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    // Another unit cannot fetch it, by its own task's id or by this one's.
    expect((await api(base, fgj, 'GET', href.replace('&amp;', '&'))).status).toBe(403);
    expect((await api(base, fgj, 'GET', `/task/evidence?id=${encodeURIComponent(taskA)}&file=${hash}.pdf`)).status).toBe(404);
  });

  it('two web servers without sticky sessions: a plan previewed on one starts on the other, a file attached on one downloads from the other', async () => {
    const other = await anotherHost(world);
    try {
      const [a, b] = [world.web.url, other.url];
      const second = hostilePlan(`web-hosts-${Date.now().toString(36)}`);
      const office = await signIn(a, STAFF.admin);
      const form = new FormData();
      form.set('file', new Blob([stringify(second)]), 'plan.yaml');
      const preview = (await (await api(a, office, 'POST', '/api/admin/plan/preview', form)).json()) as { upload: string; ok: boolean };
      expect(preview.ok).toBe(true);
      const started = await api(b, office, 'POST', '/api/admin/plan/start', { upload: preview.upload });
      expect(await started.json()).toEqual({ planId: second.id, started: 2, alreadyRunning: 0, tasks: 2 });

      const task = `plan/${second.id}/task/b`;
      const unit = await openLink(a, link('swj'));
      const pdf = Buffer.from(`%PDF-1.4\n% ${second.id} 佐证材料\n%%EOF\n`);
      const hash = createHash('sha256').update(pdf).digest('hex');
      const report = new FormData();
      report.set('id', task);
      report.set('unitId', 'swj');
      report.set('file', new Blob([pdf]), '情况说明.pdf');
      expect((await api(a, unit, 'POST', '/api/task/report', report)).status).toBe(200);
      const staff = await signIn(b, STAFF.supervisor);
      const download = await api(b, staff, 'GET', `/task/evidence?id=${encodeURIComponent(task)}&file=${hash}.pdf`);
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    } finally {
      await other.close();
    }
  });

  it("a plan's problems name the file the admin chose, not the id it waits under, in the preview, on the page and when starting it elsewhere", async () => {
    const other = await anotherHost(world);
    try {
      const office = await signIn(world.web.url, STAFF.admin);
      const broken = hostilePlan(`web-broken-${Date.now().toString(36)}`);
      broken.tasks[0]!.responsibleUnits = ['市不存在局'];
      // As an old browser on Windows sends it: the whole path.
      const chosen = 'C:\\Users\\张三\\Desktop\\2026年计划（草稿）.yaml';
      const form = () => {
        const f = new FormData();
        f.set('_csrf', office.csrf);
        f.set('file', new Blob([stringify(broken)]), chosen);
        return f;
      };
      const preview = (await (await api(world.web.url, office, 'POST', '/api/admin/plan/preview', form())).json()) as { upload: string; ok: boolean; issues: PlanIssue[] };
      expect(preview.ok).toBe(false);
      const unknown = preview.issues.find((i) => i.code === 'unit.unknown')!;
      expect(unknown.place).toMatchObject({ file: '2026年计划（草稿）.yaml', line: expect.any(Number) });
      expect(formatIssue(unknown)).toMatch(/^错误 2026年计划（草稿）\.yaml 第\d+行 \[tasks\[0\]\.responsibleUnits\[0\]\]：.*市不存在局/);
      expect(JSON.stringify(preview.issues)).not.toContain(preview.upload);

      const page = await (await api(world.web.url, office, 'POST', '/admin/plan/preview', form(), { csrf: false })).text();
      expect(page).toContain(formatIssue(unknown));

      const start = await api(other.url, office, 'POST', '/api/admin/plan/start', { upload: preview.upload });
      expect(start.status).toBe(400);
      const refused = (await start.json()) as { error: string; issues: PlanIssue[] };
      expect(refused.error).toBe('计划有错误，未启动任何任务。');
      expect(refused.issues.map(formatIssue)).toContain(formatIssue(unknown));
    } finally {
      await other.close();
    }
  });

  it("a document's unit names that only the current directory knows are read as units in the preview, as `duban plan import` reads them", async () => {
    const office = await signIn(world.web.url, STAFF.admin);
    const fixture = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
    const examples = await world.store.directory.load();
    await world.store.directory.save(fixture(NANPING_UNITS));
    try {
      const form = new FormData();
      form.set('file', new Blob([fixture(NANPING_PLAN)]), '南屏要点.txt');
      const preview = (await (await api(world.web.url, office, 'POST', '/api/admin/plan/preview', form)).json()) as { tasks: Array<{ id: string; units: string[] }> };
      expect(preview.tasks.map((t) => [t.id, t.units])).toEqual(nanpingTaskUnits);
    } finally {
      await world.store.directory.save(examples!);
    }
  });

  it('a unit directory or holiday file that cannot be read is refused naming the file as chosen, and changes nothing', async () => {
    const office = await signIn(world.web.url, STAFF.admin);
    const send = (url: string, name: string, text: string) => {
      const form = new FormData();
      form.set('file', new Blob([text]), name);
      return api(world.web.url, office, 'POST', url, form);
    };
    const directory = await send('/api/admin/directory', '单位名录（新）.yaml', 'units: [\n');
    expect(directory.status).toBe(400);
    const { issues } = (await directory.json()) as { issues: PlanIssue[] };
    expect(issues.map((i) => i.place.file)).toContain('单位名录（新）.yaml');
    expect(await world.store.directory.load()).toBe(readFileSync(path.join(projectRoot, 'examples/units.yaml'), 'utf8'));

    const holidays = await send('/api/admin/calendar', '2027年节假日.yaml', 'year: 2027\n');
    expect(holidays.status).toBe(400);
    expect(((await holidays.json()) as { error: string }).error).toMatch(/^文件 2027年节假日\.yaml 有 \d+ 处错误，未导入任何内容/);
    expect((await send('/api/admin/calendar', '2027.exe', 'MZ')).status).toBe(400);
  });

  it('input the schemas refuse is explained in Chinese, field by field, with none of the library\'s English', async () => {
    const staff = await signIn(world.web.url, STAFF.supervisor);
    const errorOf = async (res: Response) => [res.status, ((await res.json()) as { error: string }).error] as const;
    const [status, days] = await errorOf(await api(world.web.url, staff, 'GET', '/api/overdue?minDays=abc'));
    expect(status).toBe(400);
    expect(days).toMatch(/^minDays：/);
    const [, password] = await errorOf(await api(world.web.url, undefined, 'POST', '/api/session', { user: STAFF.admin }));
    expect(password).toMatch(/^password：/);
    const [, decision] = await errorOf(await api(world.web.url, staff, 'POST', '/api/task/review', { id: 'plan/x/task/a', unitId: 'fgj', decision: 'maybe' }));
    expect(decision).toMatch(/^decision：/);
    for (const message of [days, password, decision]) expect(message).not.toMatch(/Invalid|expected|received/);
  });
});
