/** @jsxImportSource hono/jsx */
/**
 * The web server's routes: pages for people and the same data and actions
 * as JSON under /api. Every route parses its input with client/web/schemas.ts,
 * calls client/web/actions.ts (which checks role and scope) and renders.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { JSXNode } from 'hono/jsx';
import type { z } from 'zod';
import { parseZh } from '../../domain/parse-zh';
import { projectRoot } from '../../config/env';
import { readDirectoryYaml } from '../../domain/plan/units';
import { listStoredMail } from '../mail-store';
import * as actions from './actions';
import { WebError, type WebDeps } from './actions';
import { readAttachment, type Attachment } from './evidence';
import { overdueCsv, overdueXlsx } from './export';
import { apiRoute, openApiDocument, type ApiRoute } from './openapi';
import * as pages from './pages';
import { webIssue } from './plan-issues';
import * as s from './schemas';
import { newSid, passwordMatches, type Principal, type SignInLimiter } from './security';
import { verifyUnitLink, type Signer } from '../../signing';

export interface WebOptions extends WebDeps {
  signer: Signer;
  limiter: SignInLimiter;
  /** Cookies marked Secure: a TLS-terminating proxy is in front. */
  secureCookies: boolean;
  /** The local mail catcher's folder (embedded system only), shown at /mail to admins. */
  mailDir?: string;
  /** How long a staff session lasts. */
  sessionHours?: number;
}

const COOKIE = 'duban_session';
/** Uploads above this are refused before they are read (plan files: MAX_PLAN_FILE_BYTES is 20 MB). */
const MAX_BODY = 21 * 1024 * 1024;
const staticDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
const staticFiles: Record<string, { type: string; file: string }> = {
  'app.css': { type: 'text/css; charset=utf-8', file: path.join(staticDir, 'app.css') },
  'plan-chart.js': { type: 'text/javascript; charset=utf-8', file: path.join(staticDir, 'plan-chart.js') },
  'echarts.min.js': { type: 'text/javascript; charset=utf-8', file: path.join(projectRoot, 'node_modules/echarts/dist/echarts.min.js') },
};

type Env = { Variables: { principal?: Principal } };

export function createWebApp(o: WebOptions): Hono<Env> {
  const app = new Hono<Env>();
  const routes: ApiRoute[] = [];

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'same-origin',
      strictTransportSecurity: o.secureCookies ? 'max-age=31536000' : false,
    }),
  );

  // Who is asking: the session cookie (staff, or a unit that came in by its link). Its signature
  // proves it is ours and unexpired; the store, that no web server has ended it since (a sign-out,
  // a new password), which a cookie alone cannot tell.
  app.use(async (c, next) => {
    const signed = o.signer.verify<Principal>('session', getCookie(c, COOKIE));
    const kept = signed && (await o.store.sessions.findValid(signed.sid));
    if (signed && kept?.principalId === signed.id && kept.role === signed.role) c.set('principal', signed);
    await next();
  });

  // Every unsafe request but signing in carries the session's CSRF token (form field or header).
  app.use(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY) throw new WebError(413, '文件过大（上限 20 MB）。');
    const p = c.get('principal');
    if (c.req.path === '/login' || c.req.path === '/api/session') {
      // No session yet to bind a token to: refuse sign-ins posted from another site.
      if (c.req.header('sec-fetch-site') === 'cross-site') throw new WebError(403, '拒绝跨站登录请求。');
      return next();
    }
    if (!p) throw new WebError(401, '请先登录。');
    let token = c.req.header('x-csrf-token');
    if (!token && /form/.test(c.req.header('content-type') ?? '')) {
      const field = (await c.req.parseBody())._csrf;
      token = typeof field === 'string' ? field : undefined;
    }
    if (!o.signer.csrfValid(p.sid, token)) throw new WebError(403, '表单已失效或缺少校验码（CSRF），请刷新页面后重试。');
    return next();
  });

  const ctx = (c: Context<Env>): pages.PageContext => {
    const principal = c.get('principal');
    return { principal, csrf: principal && o.signer.csrfToken(principal.sid), mail: !!o.mailDir };
  };
  const render = (c: Context<Env>, node: JSXNode | Promise<string> | string, status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503 = 200) =>
    c.html(`<!doctype html>${String(node)}`, status);
  const isApi = (c: Context) => c.req.path.startsWith('/api/');

  app.onError((err, c) => {
    if (err instanceof WebError) {
      if (isApi(c)) return c.json({ error: err.message, ...(err.issues ? { issues: err.issues.map(webIssue) } : {}) }, err.status);
      if (err.status === 401) return c.redirect('/login');
      return render(c, <pages.MessagePage title="无法完成" ctx={ctx(c)} message={err.message} back={c.req.header('referer') ?? '/'} />, err.status);
    }
    console.error(`[web] ${c.req.method} ${c.req.path} failed: ${err.stack ?? err.message}`);
    if (isApi(c)) return c.json({ error: '服务器内部错误。' }, 500);
    return c.html('<!doctype html><meta charset="utf-8"><p>服务器内部错误。</p>', 500);
  });

  /** Parses with a schema, or answers 400 with every problem, in zod's Chinese messages where the schema has none of its own. */
  function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
    const r = parseZh(schema, value);
    if (!r.success) throw new WebError(400, s.issuesText(r.error));
    return r.data;
  }
  const query = (c: Context) => s.blankToUndefined(c.req.query());
  async function body(c: Context): Promise<Record<string, unknown>> {
    if (/json/.test(c.req.header('content-type') ?? '')) return (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const form = await c.req.parseBody();
    return s.blankToUndefined(Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) as Record<string, string>);
  }
  async function upload(c: Context): Promise<{ file: File; fields: Record<string, string | undefined> }> {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) throw new WebError(400, '请选择文件。');
    const fields = s.blankToUndefined(Object.fromEntries(Object.entries(form).filter(([k, v]) => typeof v === 'string' && k !== '_csrf')) as Record<string, string>);
    return { file, fields };
  }

  // ── signing in ────────────────────────────────────────────────────────

  async function startSession(c: Context, principal: Omit<Principal, 'sid' | 'exp'>, exp: number): Promise<Principal> {
    const full: Principal = { ...principal, sid: newSid(), exp };
    await o.store.sessions.create(full.sid, { principalId: full.id, role: full.role, createdAt: Date.now(), expiresAt: exp });
    setCookie(c, COOKIE, o.signer.sign('session', full), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: o.secureCookies,
      path: '/',
      expires: new Date(exp),
    });
    return full;
  }

  /** Signing out: the session ends in the store, so a copy of the cookie is refused by every web server too. */
  async function endSession(c: Context<Env>): Promise<void> {
    const p = c.get('principal');
    if (p) await o.store.sessions.revoke(p.sid);
    deleteCookie(c, COOKIE, { path: '/' });
  }

  async function signIn(c: Context, input: z.infer<typeof s.signInSchema>): Promise<Principal> {
    // Behind a TLS-terminating proxy the client's address is the proxy's X-Forwarded-For; otherwise the socket's.
    const address = (o.secureCookies && c.req.header('x-forwarded-for')?.split(',')[0]?.trim()) || clientAddress(c);
    // Five wrong passwords per account a minute; fifty per address (an office's staff share one NAT address).
    const keys = [`user:${input.user}`, `ip:${address}`];
    const wait = await o.limiter.blockedFor(keys);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw new WebError(429, `密码错误次数过多，请 ${wait} 秒后再试。`);
    }
    const account = await o.store.accounts.find(input.user);
    if (!account || !(await passwordMatches(account.passwordHash, input.password))) {
      await o.limiter.fail(keys);
      throw new WebError(401, '账号或密码错误。');
    }
    return startSession(c, { role: account.role, id: account.id, name: account.id }, Date.now() + (o.sessionHours ?? 12) * 3_600_000);
  }

  app.get('/login', (c) => render(c, <pages.LoginPage ctx={ctx(c)} />));
  app.post('/login', async (c) => {
    const input = parse(s.signInSchema, await body(c));
    try {
      await signIn(c, input);
    } catch (err) {
      if (err instanceof WebError && (err.status === 401 || err.status === 429)) return render(c, <pages.LoginPage ctx={ctx(c)} error={err.message} user={input.user} />, err.status);
      throw err;
    }
    return c.redirect('/board', 303);
  });
  app.post('/logout', async (c) => {
    await endSession(c);
    return c.redirect('/login', 303);
  });

  // A unit's signed link: its session lasts as long as the link.
  app.get('/u/:token', async (c) => {
    const link = verifyUnitLink(o.signer, c.req.param('token'));
    if (!link) return render(c, <pages.MessagePage title="链接无效" ctx={{}} message="此链接无效或已过期，请联系政务公开办重新获取。" />, 403);
    await startSession(c, { role: 'unit', id: link.unit, unitId: link.unit, name: await unitName(link.unit) }, link.exp);
    return c.redirect('/unit', 303);
  });
  async function unitName(unitId: string): Promise<string> {
    const yaml = await o.store.directory.load();
    if (yaml === undefined) return unitId;
    return readDirectoryYaml(yaml, 'units.yaml').unitById(unitId)?.name ?? unitId;
  }

  app.get('/', (c) => {
    const p = c.get('principal');
    return c.redirect(!p ? '/login' : p.role === 'unit' ? '/unit' : '/board');
  });
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/static/:name', (c) => {
    const f = staticFiles[c.req.param('name')];
    if (!f) return c.notFound();
    return c.body(new Uint8Array(readFileSync(f.file)), 200, { 'content-type': f.type, 'cache-control': 'public, max-age=3600' });
  });

  // ── pages ─────────────────────────────────────────────────────────────

  const staff = (c: Context<Env>) => actions.requireRole(c.get('principal'), 'admin', 'supervisor');

  app.get('/board', async (c) => {
    staff(c);
    const filter = parse(s.overdueFilterSchema, query(c));
    const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)])).toString();
    try {
      const board = await actions.board(o, filter);
      return render(c, <pages.BoardPage ctx={ctx(c)} board={board} filter={filter} exportQuery={qs ? `?${qs}` : ''} />);
    } catch (err) {
      // A filter that names nothing (an unknown unit, plan or rule) is said above the form, never shown as an empty board.
      if (!(err instanceof WebError) || err.status !== 400) throw err;
      const choices = await actions.board(o, {});
      return render(c, <pages.BoardPage ctx={ctx(c)} board={{ ...choices, rows: [], byUnit: [] }} filter={filter} exportQuery="" error={err.message} />, 400);
    }
  });
  app.get('/board/export.csv', async (c) => {
    staff(c);
    const rows = await actions.overdue(o, parse(s.overdueFilterSchema, query(c)));
    return c.body(overdueCsv(rows), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="overdue.csv"` });
  });
  app.get('/board/export.xlsx', async (c) => {
    staff(c);
    const rows = await actions.overdue(o, parse(s.overdueFilterSchema, query(c)));
    return c.body(new Uint8Array(await overdueXlsx(rows)), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="overdue.xlsx"`,
    });
  });

  app.get('/task', async (c) => {
    const { id } = parse(s.taskRefSchema, query(c));
    // A request for disclosure on a board or a unit's page opens its own read-only page.
    if (actions.isRequestId(id)) return render(c, <pages.RequestPage ctx={ctx(c)} view={await actions.requestView(o, c.get('principal'), id)} />);
    const view = await actions.taskWithText(o, c.get('principal'), id);
    return render(c, <pages.TaskPage ctx={ctx(c)} view={view} message={c.req.query('done') ? '已提交。' : undefined} />);
  });
  app.get('/task/evidence', async (c) => {
    const { id, file } = parse(s.evidenceRefSchema, query(c));
    const kept = await actions.evidenceFile(o, c.get('principal'), id, file);
    return c.body(new Uint8Array(kept.bytes), 200, {
      'content-type': kept.type,
      // Always downloaded, never shown in our origin.
      'content-disposition': `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(kept.name)}`,
      'cache-control': 'private, no-store',
    });
  });

  /**
   * A report's optional file (multipart field `file`): checked (size, kind)
   * before anything is kept, and named in the evidence list the schema then
   * parses, so a file alone is evidence enough.
   */
  async function withAttachment(c: Context, raw: Record<string, unknown>): Promise<Attachment | undefined> {
    if (!/multipart/.test(c.req.header('content-type') ?? '')) return undefined;
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File) || file.size === 0) return undefined;
    const attachment = await readAttachment(file);
    const given = typeof raw.evidence === 'string' ? raw.evidence.split(/\r?\n/) : Array.isArray(raw.evidence) ? (raw.evidence as unknown[]) : [];
    raw.evidence = [...given, attachment.ref];
    return attachment;
  }

  const FORM_ACTIONS = {
    report: s.reportSchema,
    extension: s.extensionRequestSchema,
    review: s.reviewSchema,
    'decide-extension': s.extensionDecisionSchema,
    waive: s.waiveSchema,
  } as const;
  const ACTION_KIND = { report: 'report', extension: 'extension', review: 'review', 'decide-extension': 'decideExtension', waive: 'waive' } as const;

  for (const [name, schema] of Object.entries(FORM_ACTIONS) as Array<[keyof typeof FORM_ACTIONS, (typeof FORM_ACTIONS)[keyof typeof FORM_ACTIONS]]>) {
    app.post(`/task/${name}`, async (c) => {
      const raw = await body(c);
      const id = typeof raw.id === 'string' ? raw.id : '';
      try {
        const attachment = name === 'report' ? await withAttachment(c, raw) : undefined;
        const input = parse(schema, raw);
        await actions.act(o, c.get('principal'), { kind: ACTION_KIND[name], input, attachment } as Parameters<typeof actions.act>[2]);
      } catch (err) {
        // A refusal the clerk can fix (no reason, wrong state, a file too big or of the wrong kind) shows on the task page itself.
        if (err instanceof WebError && (err.status === 400 || err.status === 409 || err.status === 413) && id) {
          const view = await actions.taskWithText(o, c.get('principal'), id);
          return render(c, <pages.TaskPage ctx={ctx(c)} view={view} error={err.message} />, err.status);
        }
        throw err;
      }
      return c.redirect(`/task?id=${encodeURIComponent(id)}&done=1`, 303);
    });
  }

  app.get('/unit', async (c) => {
    const owes = await actions.unitOwes(o, c.get('principal'));
    return render(c, <pages.UnitPage ctx={ctx(c)} unitName={owes.unitName} owed={owes.owed} />);
  });

  app.get('/plans', async (c) => render(c, <pages.PlansPage ctx={ctx(c)} plans={await actions.planList(o, c.get('principal'))} />));
  app.get('/plan', async (c) => {
    const { plan } = parse(s.planRefSchema, query(c));
    return render(c, <pages.PlanPage ctx={ctx(c)} progress={await actions.planProgress(o, c.get('principal'), plan)} />);
  });
  app.post('/plan/cancel', async (c) => {
    const { cancelled } = await actions.cancelPlan(o, c.get('principal'), parse(s.cancelPlanSchema, await body(c)));
    return render(c, <pages.MessagePage title="计划已撤销" ctx={ctx(c)} message={`已撤销 ${cancelled} 项进行中的督办事项。`} back="/plans" />);
  });

  const admin = (c: Context<Env>) => actions.requireRole(c.get('principal'), 'admin');
  app.get('/admin', (c) => {
    admin(c);
    return render(c, <pages.AdminPage ctx={ctx(c)} />);
  });
  app.post('/admin/plan/preview', async (c) => {
    admin(c);
    const { file, fields } = await upload(c);
    const read = parse(s.planReadSchema, fields);
    const up = await actions.keepUpload(o, file);
    try {
      const preview = await actions.previewPlan(o, c.get('principal'), up, read);
      return render(c, <pages.PreviewPage ctx={ctx(c)} preview={preview} read={read} />);
    } catch (err) {
      if (err instanceof WebError && err.issues) {
        return render(
          c,
          <pages.Layout title="无法读取计划" ctx={ctx(c)}>
            <p class="error">{err.message}</p>
            <pages.IssueList issues={err.issues} />
            <p>
              <a href="/admin">返回管理页重新上传</a>
            </p>
          </pages.Layout>,
          err.status,
        );
      }
      throw err;
    }
  });
  app.post('/admin/plan/start', async (c) => {
    const r = await actions.startPlan(o, c.get('principal'), parse(s.planStartSchema, await body(c)));
    return render(
      c,
      <pages.MessagePage title="计划已启动" ctx={ctx(c)} message={`计划 ${r.planId}：新启动 ${r.started} 项，已在运行 ${r.alreadyRunning} 项（任务 ${r.tasks} 项）。`} back={`/plan?plan=${encodeURIComponent(r.planId)}`} />,
    );
  });
  app.post('/admin/directory', async (c) => {
    admin(c);
    const r = await actions.updateDirectory(o, c.get('principal'), (await upload(c)).file);
    return render(c, <pages.AdminPage ctx={ctx(c)} message={`单位名录已更新（${r.units} 个单位），已通知运行中的督办事项。`} />);
  });
  app.post('/admin/calendar', async (c) => {
    admin(c);
    const r = await actions.loadHolidayYear(o, c.get('principal'), (await upload(c)).file);
    return render(c, <pages.AdminPage ctx={ctx(c)} message={r.unchanged ? `${r.year} 年节假日安排与现有数据相同，未作更改。` : `已导入 ${r.year} 年节假日安排（第 ${r.version} 版），运行中的督办事项将重新计算暂定期限。`} />);
  });

  app.get('/mail', async (c) => {
    admin(c);
    if (!o.mailDir) return c.notFound();
    return render(c, <pages.MailPage ctx={ctx(c)} mails={await listStoredMail(o.mailDir, 200)} />);
  });

  // ── the JSON API: the same actions; the OpenAPI document comes from the same schemas ─────

  const add = (route: ApiRoute, handler: (c: Context<Env>) => Promise<Response> | Response) => {
    routes.push(route);
    const openApiPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(route.method.toUpperCase(), openApiPath, handler);
  };

  add(apiRoute('post', '/api/session', '登录：设置会话 cookie，返回表单校验码（CSRF）', { body: s.signInSchema, roles: [] }), async (c) => {
    const p = await signIn(c, parse(s.signInSchema, await body(c)));
    return c.json({ user: p.id, role: p.role, csrfToken: o.signer.csrfToken(p.sid), expires: new Date(p.exp).toISOString() });
  });
  add(apiRoute('get', '/api/session', '当前会话', { roles: ['admin', 'supervisor', 'unit'] }), (c) => {
    const p = actions.requireRole(c.get('principal'), 'admin', 'supervisor', 'unit');
    return c.json({ user: p.id, role: p.role, unitId: p.unitId ?? null, csrfToken: o.signer.csrfToken(p.sid), expires: new Date(p.exp).toISOString() });
  });
  add(apiRoute('delete', '/api/session', '退出', { roles: ['admin', 'supervisor', 'unit'] }), async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  });
  add(apiRoute('get', '/api/overdue', '逾期清单，最严重的在前（与 duban overdue --format json 相同）', { query: s.overdueFilterSchema, response: s.overdueRowSchema.array(), roles: ['admin', 'supervisor'] }), async (c) => {
    staff(c);
    return c.json(await actions.overdue(o, parse(s.overdueFilterSchema, query(c))));
  });
  add(apiRoute('get', '/api/board', '超期督办看板：逾期清单、各单位逾期数、可选的计划与规则', { query: s.overdueFilterSchema, roles: ['admin', 'supervisor'] }), async (c) => {
    staff(c);
    return c.json(await actions.board(o, parse(s.overdueFilterSchema, query(c))));
  });
  add(apiRoute('get', '/api/task', '督办事项：内容、各单位状态与佐证、记录（依申请公开事项：其答复视图）', { query: s.taskRefSchema, roles: ['admin', 'supervisor', 'unit'] }), async (c) => {
    const { id } = parse(s.taskRefSchema, query(c));
    return c.json(actions.isRequestId(id) ? await actions.requestView(o, c.get('principal'), id) : await actions.taskWithText(o, c.get('principal'), id));
  });
  const apiActions = [
    ['report', '报告完成情况（本单位）；JSON，或 multipart 另附一个文件 file（10 MB 以内，PDF、图片、Office 文档）', s.reportSchema, ['unit']],
    ['extension', '申请延期（本单位，截止前）', s.extensionRequestSchema, ['unit']],
    ['review', '审核：通过或退回（须写理由）', s.reviewSchema, ['supervisor']],
    ['decide-extension', '审批延期', s.extensionDecisionSchema, ['supervisor', 'admin']],
    ['waive', '免除', s.waiveSchema, ['admin']],
  ] as const;
  for (const [name, summary, schema, roles] of apiActions) {
    add(apiRoute('post', `/api/task/${name}`, summary, { body: schema, roles: [...roles], fileOptional: name === 'report' }), async (c) => {
      const raw = await body(c);
      const attachment = name === 'report' ? await withAttachment(c, raw) : undefined;
      const input = parse(schema, raw);
      return c.json(await actions.act(o, c.get('principal'), { kind: ACTION_KIND[name], input, attachment } as Parameters<typeof actions.act>[2]));
    });
  }
  add(apiRoute('get', '/api/unit', '本单位（链接所属单位）待办事项', { roles: ['unit'] }), async (c) => c.json(await actions.unitOwes(o, c.get('principal'))));
  add(apiRoute('get', '/api/plans', '已启动的计划', { roles: ['admin', 'supervisor'] }), async (c) => c.json(await actions.planList(o, c.get('principal'))));
  add(apiRoute('get', '/api/plan', '计划进度：按状态、各单位按时率、各月到期与逾期', { query: s.planRefSchema, roles: ['admin', 'supervisor'] }), async (c) =>
    c.json(await actions.planProgress(o, c.get('principal'), parse(s.planRefSchema, query(c)).plan)),
  );
  add(apiRoute('post', '/api/plan/cancel', '撤销计划的全部进行中事项', { body: s.cancelPlanSchema, roles: ['admin'] }), async (c) =>
    c.json(await actions.cancelPlan(o, c.get('principal'), parse(s.cancelPlanSchema, await body(c)))),
  );
  add(apiRoute('post', '/api/admin/plan/preview', '上传计划文件（multipart: file, year?, issued?, id?）：全部问题与每项任务的完成时限', { multipart: s.planReadSchema, roles: ['admin'] }), async (c) => {
    admin(c);
    const { file, fields } = await upload(c);
    const read = parse(s.planReadSchema, fields);
    const preview = await actions.previewPlan(o, c.get('principal'), await actions.keepUpload(o, file), read);
    return c.json({ ...preview, issues: preview.issues.map(webIssue) });
  });
  add(apiRoute('post', '/api/admin/plan/start', '启动预览过的计划', { body: s.planStartSchema, roles: ['admin'] }), async (c) =>
    c.json(await actions.startPlan(o, c.get('principal'), parse(s.planStartSchema, await body(c)))),
  );
  add(apiRoute('post', '/api/admin/directory', '更新单位名录（multipart: file）', { multipart: undefined, roles: ['admin'] }), async (c) => {
    admin(c);
    return c.json(await actions.updateDirectory(o, c.get('principal'), (await upload(c)).file));
  });
  add(apiRoute('post', '/api/admin/calendar', '导入一年的节假日安排（multipart: file）', { multipart: undefined, roles: ['admin'] }), async (c) => {
    admin(c);
    return c.json(await actions.loadHolidayYear(o, c.get('principal'), (await upload(c)).file));
  });

  const document = openApiDocument(routes);
  app.get('/api/openapi.json', (c) => c.json(document));
  app.all('/api/*', (c) => c.json({ error: '没有这个接口。' }, 404));
  app.notFound((c) => render(c, <pages.MessagePage title="页面不存在" ctx={ctx(c)} message="没有这个页面。" />, 404));
  return app;
}

function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
