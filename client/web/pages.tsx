/** @jsxImportSource hono/jsx */
/**
 * The pages, as components: JSX renders every value as text (escaped by
 * construction), so a task titled `<script>` shows as those characters.
 * No inline script or style: the CSS and the chart code are static files,
 * and the chart's data rides in a data attribute.
 */
import type { Child, FC } from 'hono/jsx';
import { cardLabel, ruleLabel, stateLabel, unitStatusLabel } from '../../contracts/labels';
import type { RequestReplyView } from '../../domain/request-reply';
import type { LogEntry, ObligationView } from '../../contracts/obligation';
import { formatIssue } from '../../domain/plan/issues';
import type { StoredMailSummary } from '../mail-store';
import { UPLOAD_KINDS, type Board, type Owed, type PlanPreview, type PlanProgress } from './actions';
import { attachmentOf, EVIDENCE_KINDS_TEXT } from './evidence';
import { webIssue } from './plan-issues';
import type { Principal } from './security';

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Shanghai wall time: `2024-10-08T01:00:00Z` → `2024-10-08 09:00`. */
export function shanghaiTime(instant: string | Date): string {
  const parts = Object.fromEntries(shanghai.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export interface PageContext {
  principal?: Principal;
  csrf?: string;
  mail?: boolean;
}

const ROLE_NAMES = { admin: '政务公开办', supervisor: '督查人员', unit: '责任单位' } as const;

export const Layout: FC<{ title: string; ctx: PageContext; children?: Child; scripts?: string[] }> = ({ title, ctx, children, scripts }) => {
  const p = ctx.principal;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title} · 督办</title>
        <link rel="stylesheet" href="/static/app.css" />
        {(scripts ?? []).map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body>
        <header>
          <strong>督办</strong>
          <nav>
            {p && p.role !== 'unit' && <a href="/board">超期督办</a>}
            {p && p.role !== 'unit' && <a href="/plans">计划</a>}
            {p?.role === 'admin' && <a href="/admin">管理</a>}
            {p?.role === 'admin' && ctx.mail && <a href="/mail">本地邮件</a>}
            {p?.role === 'unit' && <a href="/unit">本单位待办</a>}
          </nav>
          {p && (
            <form method="post" action="/logout" class="who">
              <span>
                {ROLE_NAMES[p.role]}：{p.name}
              </span>
              <input type="hidden" name="_csrf" value={ctx.csrf} />
              <button type="submit">退出</button>
            </form>
          )}
        </header>
        <main>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
};

const Csrf: FC<{ ctx: PageContext }> = ({ ctx }) => <input type="hidden" name="_csrf" value={ctx.csrf} />;

export const MessagePage: FC<{ title: string; ctx: PageContext; message: string; back?: string }> = ({ title, ctx, message, back }) => (
  <Layout title={title} ctx={ctx}>
    <p class="notice">{message}</p>
    <p>
      <a href={back ?? '/'}>返回</a>
    </p>
  </Layout>
);

export const LoginPage: FC<{ ctx: PageContext; error?: string; user?: string }> = ({ ctx, error, user }) => (
  <Layout title="登录" ctx={ctx}>
    {error && <p class="error">{error}</p>}
    <form method="post" action="/login" class="stack narrow">
      <label>
        账号 <input name="user" autocomplete="username" required value={user ?? ''} />
      </label>
      <label>
        密码 <input name="password" type="password" autocomplete="current-password" required />
      </label>
      <button type="submit">登录</button>
    </form>
    <p class="hint">责任单位请使用邮件中的专用链接进入，无需账号。</p>
  </Layout>
);

function cardClass(card: string, days: number): string {
  if (card === 'red' || days > 5) return 'card red';
  if (card === 'yellow' || days > 0) return 'card yellow';
  return 'card';
}

/** Cards drawn at most: the worst come first, a filter or an export shows the rest (10,000 cards are megabytes no one reads). */
export const BOARD_CARDS = 200;

const taskHref = (workflowId: string) => `/task?id=${encodeURIComponent(workflowId)}`;

/** `2026-11-20` → `2026年11月20日（星期五）`, as staff write a deadline. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const weekday = '日一二三四五六'[new Date(`${iso}T00:00:00Z`).getUTCDay()];
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日（星期${weekday}）`;
}

/**
 * `error`: a filter that names nothing (client/web/board-filter.ts), said
 * instead of the board, so that it never reads as "nothing overdue".
 */
export const BoardPage: FC<{ ctx: PageContext; board: Board; filter: Record<string, string | number | undefined>; exportQuery: string; error?: string }> = ({
  ctx,
  board,
  filter,
  exportQuery,
  error,
}) => (
  <Layout title="超期督办" ctx={ctx}>
    <form method="get" action="/board" class="filters">
      <label>
        计划
        <select name="plan">
          <option value="">全部</option>
          {/* A started plan with nothing running is no choice of its own, but stays chosen once asked for. */}
          {[...new Set([...board.plans, ...(filter.plan !== undefined ? [String(filter.plan)] : [])])].map((p) => (
            <option value={p} selected={filter.plan === p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        单位 <input name="unit" value={String(filter.unit ?? '')} placeholder="编号、全称或简称" />
      </label>
      <label>
        规则
        <select name="rule">
          <option value="">全部</option>
          {board.rules.map((r) => (
            <option value={r} selected={filter.rule === r}>
              {ruleLabel(r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        逾期至少 <input name="minDays" type="number" min="0" value={filter.minDays === undefined ? '' : String(filter.minDays)} /> 个工作日
      </label>
      <button type="submit">筛选</button>
      <a href={`/board/export.csv${exportQuery}`}>导出 CSV</a>
      <a href={`/board/export.xlsx${exportQuery}`}>导出 Excel</a>
    </form>
    {error && <p class="error">{error}</p>}
    {!error && <BoardRows board={board} filtered={Object.values(filter).some((v) => v !== undefined)} />}
  </Layout>
);

const BoardRows: FC<{ board: Board; filtered: boolean }> = ({ board, filtered }) => (
  <>
    <p class="hint">
      共 {board.rows.length} 个单位次逾期{board.rows.length > BOARD_CARDS ? `，下面是最严重的 ${BOARD_CARDS} 个（筛选或导出可见全部）` : ''}
      {board.asOf ? `；数据截至 ${shanghaiTime(board.asOf)}（北京时间）` : ''}
    </p>
    {board.byUnit.length > 0 && (
      <section>
        <h2>各单位逾期数</h2>
        <table class="counts">
          <thead>
            <tr>
              <th>单位</th>
              <th>逾期项数</th>
              <th>最长逾期（工作日）</th>
            </tr>
          </thead>
          <tbody>
            {board.byUnit.map((u) => (
              <tr>
                <td>
                  <a href={`/board?unit=${encodeURIComponent(u.unitId)}`}>{u.unit}</a>
                </td>
                <td>{u.count}</td>
                <td>{u.worst}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    )}
    <section class="cards">
      {board.rows.length === 0 && <p>{filtered ? '没有符合筛选条件的逾期事项。' : '目前没有逾期事项。'}</p>}
      {board.rows.slice(0, BOARD_CARDS).map((r) => (
        <article class={cardClass(r.card, r.workingDaysOverdue)}>
          <h3>
            <a href={taskHref(r.workflowId)}>{r.taskId ? `任务 ${r.taskId}` : ruleLabel(r.rule)}</a>
            {r.card && r.card !== 'none' && <span class="badge">{cardLabel(r.card)}</span>}
          </h3>
          <p class="unit">{r.unit}</p>
          <p>
            逾期 <strong>{r.workingDaysOverdue}</strong> 个工作日{r.provisional ? '（暂定）' : ''} · 截止 {r.due}
          </p>
          {/* A duty that is no plan task has its rule as its heading already. */}
          <p class="hint">{[r.taskId ? ruleLabel(r.rule) : undefined, r.planId].filter(Boolean).join(' · ')}</p>
        </article>
      ))}
    </section>
  </>
);

type UnitView = ObligationView['units'][number];

/** One evidence line: a URL as a link, an attached file as a link to download it, anything else as text. */
const EvidenceLine: FC<{ taskId: string; line: string }> = ({ taskId, line }) => {
  if (/^https?:\/\//i.test(line)) {
    return (
      <a href={line} rel="noopener noreferrer nofollow" target="_blank">
        {line}
      </a>
    );
  }
  const file = attachmentOf(line);
  if (!file) return <>{line}</>;
  return (
    <>
      附件：
      <a class="attachment" href={`/task/evidence?id=${encodeURIComponent(taskId)}&file=${file.file}`}>
        {file.name}
      </a>
    </>
  );
};

const Evidence: FC<{ taskId: string; unit: UnitView }> = ({ taskId, unit }) => (
  <>
    {unit.reports.map((r) => (
      <div class="report">
        <p>
          {shanghaiTime(r.at)} 报告{r.late ? `（逾期 ${r.workingDaysLate} 个工作日）` : '（按时）'}
          {r.note ? `：${r.note}` : ''}
        </p>
        <ul>
          {r.evidence.map((e) => (
            <li>
              <EvidenceLine taskId={taskId} line={e} />
            </li>
          ))}
        </ul>
      </div>
    ))}
    {unit.returns.map((r) => (
      <p class="returned">
        {shanghaiTime(r.at)} 被退回（{r.by}）：<span class="reason">{r.reason}</span>
      </p>
    ))}
    {unit.extensions.map((e) => (
      <p class="hint">
        {shanghaiTime(e.at)} 申请延期至 {e.newDate}：{e.reason}（进展：{e.progress}）
        {e.decision ? `，${e.decision.approved ? '已批准' : '未批准'}（${e.decision.by}${e.decision.comment ? `：${e.decision.comment}` : ''}）` : '，待审批'}
      </p>
    ))}
    {unit.waived && (
      <p class="hint">
        {shanghaiTime(unit.waived.at)} 已免除（{unit.waived.by}）：{unit.waived.reason}
      </p>
    )}
  </>
);

/** The forms a principal may use on one unit's row: the server checks again whatever is shown. */
const UnitActions: FC<{ ctx: PageContext; view: ObligationView; unit: UnitView }> = ({ ctx, view, unit }) => {
  const p = ctx.principal!;
  const hidden = (
    <>
      <Csrf ctx={ctx} />
      <input type="hidden" name="id" value={view.obligationId} />
      <input type="hidden" name="unitId" value={unit.unitId} />
    </>
  );
  const pendingExtension = unit.extensions.find((e) => !e.decision);
  if (view.state !== 'open') return <></>;
  return (
    <div class="actions">
      {p.role === 'unit' && p.unitId === unit.unitId && unit.status === 'pending' && (
        <>
          <form method="post" action="/task/report" enctype="multipart/form-data" class="stack">
            {hidden}
            <label>
              佐证材料（公开网址等，每行一条）
              <textarea name="evidence" rows={3}></textarea>
            </label>
            <label>
              附件（可选，10 MB 以内：{EVIDENCE_KINDS_TEXT}） <input type="file" name="file" accept=".pdf,.ofd,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps,.et,.dps" />
            </label>
            <label>
              说明 <input name="note" maxlength={2000} />
            </label>
            <button type="submit">报告完成情况</button>
          </form>
          {!pendingExtension && (
            <form method="post" action="/task/extension" class="stack">
              {hidden}
              <label>
                延期至 <input name="newDate" type="date" required />
              </label>
              <label>
                理由 <input name="reason" required />
              </label>
              <label>
                目前进展 <input name="progress" required />
              </label>
              <button type="submit">申请延期</button>
            </form>
          )}
        </>
      )}
      {p.role === 'supervisor' && unit.status === 'reported' && (
        <form method="post" action="/task/review" class="stack">
          {hidden}
          <label>
            退回理由 <input name="reason" />
          </label>
          <div class="row">
            <button type="submit" name="decision" value="accept">
              审核通过
            </button>
            <button type="submit" name="decision" value="return">
              退回
            </button>
          </div>
        </form>
      )}
      {(p.role === 'supervisor' || p.role === 'admin') && pendingExtension && (
        <form method="post" action="/task/decide-extension" class="stack">
          {hidden}
          <label>
            意见 <input name="comment" />
          </label>
          <div class="row">
            <button type="submit" name="approved" value="true">
              批准延期
            </button>
            <button type="submit" name="approved" value="false">
              不予批准
            </button>
          </div>
        </form>
      )}
      {p.role === 'admin' && unit.status === 'pending' && (
        <form method="post" action="/task/waive" class="stack">
          {hidden}
          <label>
            免除理由 <input name="reason" required />
          </label>
          <button type="submit">免除</button>
        </form>
      )}
    </div>
  );
};

/** A duty's log, oldest first, each entry with its Shanghai time and who acted. */
const Timeline: FC<{ log: LogEntry[] }> = ({ log }) => (
  <ol class="timeline">
    {log.map((e) => (
      <li>
        <time>{shanghaiTime(e.at)}</time> {e.message}
        {e.actor ? `（经办：${e.actor}）` : ''}
      </li>
    ))}
  </ol>
);

export const TaskPage: FC<{ ctx: PageContext; view: ObligationView & { text: string }; message?: string; error?: string }> = ({ ctx, view, message, error }) => {
  const p = ctx.principal!;
  const units = p.role === 'unit' ? view.units.filter((u) => u.unitId === p.unitId) : view.units;
  return (
    <Layout title={view.taskId ? `任务 ${view.taskId}` : '督办事项'} ctx={ctx}>
      {message && <p class="notice">{message}</p>}
      {error && <p class="error">{error}</p>}
      <p class="task-text">{view.text}</p>
      <p class="hint">
        {view.obligationId} · {stateLabel(view.state)} · {ruleLabel(view.kind === 'planTask' ? view.rule.kind : view.kind)}
      </p>
      <h2>各单位办理情况</h2>
      {units.map((u) => (
        <section class={`unit-row ${u.status}`}>
          <h3>
            {u.unitName} <span class="status">{unitStatusLabel(u.status)}</span>
            {u.card !== 'none' && <span class="badge">{cardLabel(u.card)}</span>}
          </h3>
          <p>
            截止 {u.deadline.date}
            {u.deadline.provisional ? '（暂定）' : ''}
          </p>
          <Evidence taskId={view.obligationId} unit={u} />
          <UnitActions ctx={ctx} view={view} unit={u} />
        </section>
      ))}
      <h2>记录</h2>
      <Timeline log={view.log.filter((e) => p.role !== 'unit' || e.units.length === 0 || e.units.includes(units[0]?.unitName ?? ''))} />
    </Layout>
  );
};

/** A request for disclosure, read-only: the office records its steps (reply, amendment, consultation) with `duban request`. */
export const RequestPage: FC<{ ctx: PageContext; view: RequestReplyView }> = ({ ctx, view }) => (
  <Layout title="依申请公开答复" ctx={ctx}>
    <p class="task-text">{view.title}</p>
    <p class="hint">
      {view.requestId} · {view.phase}
    </p>
    <dl class="request">
      {view.applicant && (
        <>
          <dt>申请人</dt>
          <dd>{view.applicant}</dd>
        </>
      )}
      <dt>办理单位</dt>
      <dd>{view.unit.name}</dd>
      <dt>答复期限</dt>
      <dd>
        {view.deadline ? `${view.deadline.date}${view.deadline.provisional ? '（暂定）' : ''}` : '计算中'}
        {view.pausedWorkingDays > 0 ? `（征求意见等不计入 ${view.pausedWorkingDays} 个工作日）` : ''}
        {view.card !== 'none' && <span class="badge">{cardLabel(view.card)}</span>}
      </dd>
      {view.amendmentNoticeDue && (
        <>
          <dt>补正告知期限</dt>
          <dd>{view.amendmentNoticeDue.date}</dd>
        </>
      )}
    </dl>
    <p class="hint">答复、补正、征求意见等由政务公开办登记。</p>
    <h2>记录</h2>
    <Timeline log={view.log} />
  </Layout>
);

/** A task's wording on a unit's card, up to this many characters; its page has all of it. */
export const UNIT_CARD_TEXT = 300;

export const UnitPage: FC<{ ctx: PageContext; unitName: string; owed: Owed[] }> = ({ ctx, unitName, owed }) => (
  <Layout title={`${unitName} 待办事项`} ctx={ctx}>
    {owed.length === 0 && <p>目前没有待办事项。</p>}
    <section class="cards">
      {owed.map((o) => (
        <article class={o.overdue ? 'card red' : 'card'}>
          <h3>
            <a href={taskHref(o.workflowId)}>{o.label}</a>
            {o.card && o.card !== 'none' && <span class="badge">{cardLabel(o.card)}</span>}
          </h3>
          {o.text && (
            <p class="task-text">
              {o.text.length > UNIT_CARD_TEXT ? `${o.text.slice(0, UNIT_CARD_TEXT)}…` : o.text}
              {o.text.length > UNIT_CARD_TEXT && <a href={taskHref(o.workflowId)}>（查看全文）</a>}
            </p>
          )}
          <p>
            截止 {o.due ? chineseDate(o.due) : '—'}
            {o.overdue ? ' · 已逾期' : ''}
          </p>
          <p class="hint">{[ruleLabel(o.rule), o.planId ? `计划 ${o.planId}` : undefined].filter(Boolean).join(' · ')}</p>
        </article>
      ))}
    </section>
  </Layout>
);

export const PlansPage: FC<{ ctx: PageContext; plans: Array<{ planId: string; started: string; running: number }> }> = ({ ctx, plans }) => (
  <Layout title="计划" ctx={ctx}>
    {plans.length === 0 && <p>还没有启动的计划。</p>}
    <table>
      <thead>
        <tr>
          <th>计划</th>
          <th>启动时间</th>
          <th>进行中</th>
          {ctx.principal?.role === 'admin' && <th>撤销</th>}
        </tr>
      </thead>
      <tbody>
        {plans.map((p) => (
          <tr>
            <td>
              <a href={`/plan?plan=${encodeURIComponent(p.planId)}`}>{p.planId}</a>
            </td>
            <td>{shanghaiTime(p.started)}</td>
            <td>{p.running}</td>
            {ctx.principal?.role === 'admin' && (
              <td>
                {p.running > 0 && (
                  <form method="post" action="/plan/cancel" class="row">
                    <Csrf ctx={ctx} />
                    <input type="hidden" name="plan" value={p.planId} />
                    <input name="reason" placeholder="撤销理由" required />
                    <button type="submit">撤销计划</button>
                  </form>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </Layout>
);

export const PlanPage: FC<{ ctx: PageContext; progress: PlanProgress }> = ({ ctx, progress }) => (
  <Layout title={`计划 ${progress.planId} 进度`} ctx={ctx} scripts={['/static/echarts.min.js', '/static/plan-chart.js']}>
    <p>
      共 {progress.total} 项：
      {Object.entries(progress.byState)
        .map(([state, n]) => `${stateLabel(state)} ${n}`)
        .join('，')}
    </p>
    <h2>各月到期与逾期</h2>
    <div id="chart" class="chart" data-months={JSON.stringify(progress.months)}></div>
    <h2>各单位按时完成率</h2>
    <table>
      <thead>
        <tr>
          <th>单位</th>
          <th>已到期</th>
          <th>按时</th>
          <th>逾期</th>
          <th>未到期</th>
          <th>按时率</th>
        </tr>
      </thead>
      <tbody>
        {progress.units.map((u) => (
          <tr>
            <td>{u.unit}</td>
            <td>{u.due}</td>
            <td>{u.onTime}</td>
            <td>{u.late}</td>
            <td>{u.open}</td>
            <td>{u.rate === null ? '—' : `${Math.round(u.rate * 100)}%`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </Layout>
);

export const AdminPage: FC<{ ctx: PageContext; message?: string; error?: string }> = ({ ctx, message, error }) => (
  <Layout title="管理" ctx={ctx}>
    {message && <p class="notice">{message}</p>}
    {error && <p class="error">{error}</p>}
    <section>
      <h2>导入计划</h2>
      <form method="post" action="/admin/plan/preview" enctype="multipart/form-data" class="stack">
        <Csrf ctx={ctx} />
        <label>
          计划文件（Word .docx、PDF、Excel .xlsx、.txt、.csv、.yaml、.json） <input type="file" name="file" accept={UPLOAD_KINDS.plan.join(',')} required />
        </label>
        <label>
          年度（文中未写时） <input name="year" type="number" min="2000" max="2100" />
        </label>
        <label>
          印发日期（文中未写时） <input name="issued" type="date" />
        </label>
        <label>
          计划编号（可选） <input name="id" />
        </label>
        <button type="submit">校验并预览</button>
      </form>
    </section>
    <section>
      <h2>更新单位名录</h2>
      <form method="post" action="/admin/directory" enctype="multipart/form-data" class="stack">
        <Csrf ctx={ctx} />
        <input type="file" name="file" accept={UPLOAD_KINDS.directory.join(',')} required />
        <button type="submit">上传名录</button>
      </form>
    </section>
    <section>
      <h2>导入节假日安排</h2>
      <form method="post" action="/admin/calendar" enctype="multipart/form-data" class="stack">
        <Csrf ctx={ctx} />
        <input type="file" name="file" accept={UPLOAD_KINDS.holidays.join(',')} required />
        <button type="submit">导入年度节假日</button>
      </form>
    </section>
  </Layout>
);

export const IssueList: FC<{ issues: PlanPreview['issues'] }> = ({ issues }) => (
  <ul class="issues">
    {issues.map((i) => (
      <li class={i.severity}>{formatIssue(webIssue(i))}</li>
    ))}
  </ul>
);

export const PreviewPage: FC<{ ctx: PageContext; preview: PlanPreview; read: Record<string, string | number | undefined> }> = ({ ctx, preview, read }) => {
  const errors = preview.issues.filter((i) => i.severity === 'error').length;
  return (
    <Layout title={`预览：${preview.plan.title}`} ctx={ctx}>
      <p>
        计划编号 {preview.plan.id} · {preview.plan.year} 年{preview.plan.issued ? ` · ${preview.plan.issued} 印发` : ''} · 共{' '}
        <strong class="task-count">{preview.tasks.length}</strong> 项任务
      </p>
      <p class={errors ? 'error' : 'notice'}>
        {errors ? `有 ${errors} 个错误、${preview.issues.length - errors} 条警告：请修改后重新上传` : `没有错误（${preview.issues.length} 条警告）：可以启动`}
      </p>
      <IssueList issues={preview.issues} />
      {preview.ok && (
        <form method="post" action="/admin/plan/start" class="row">
          <Csrf ctx={ctx} />
          <input type="hidden" name="upload" value={preview.upload} />
          {Object.entries(read).map(([k, v]) => v !== undefined && <input type="hidden" name={k} value={String(v)} />)}
          <button type="submit">启动计划</button>
        </form>
      )}
      <table class="preview">
        <thead>
          <tr>
            <th>任务</th>
            <th>内容</th>
            <th>责任单位</th>
            <th>完成时限</th>
          </tr>
        </thead>
        <tbody>
          {preview.tasks.map((t) => (
            <tr>
              <td>{t.label}</td>
              <td class="content">
                {t.content}
                {t.requirement && `\n具体要求：${t.requirement}`}
              </td>
              <td>{t.units.join('、') || '（无）'}</td>
              <td>
                {t.due ?? t.note ?? '—'}
                {t.provisional ? '（暂定）' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
};

export const MailPage: FC<{ ctx: PageContext; mails: StoredMailSummary[] }> = ({ ctx, mails }) => (
  <Layout title="本地邮件（开发用捕获服务器）" ctx={ctx}>
    {mails.length === 0 ? (
      <p>暂无邮件。</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th>收到时间</th>
            <th>收件人</th>
            <th>主题</th>
          </tr>
        </thead>
        <tbody>
          {mails.map((m) => (
            <tr>
              <td>{shanghaiTime(m.receivedAt)}</td>
              <td>{m.to}</td>
              <td>{m.subject}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </Layout>
);
