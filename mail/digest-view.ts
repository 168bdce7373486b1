/**
 * What one digest says, decided once as plain data: the subject, the groups
 * worst first, each item's facts as label/value pairs, a roll-up per unit for
 * supervisors and leaders, the admin's delivery problems. The HTML, the plain
 * text and the group-robot markdown only lay this out, so they cannot say
 * different things.
 */
import { URGENCY_ORDER, urgencyOf, type DigestItem, type DigestRecipient, type Urgency } from '../contracts/digest';
import { cardText, stepLabel } from '../contracts/labels';
import type { Audience } from '../contracts/obligation';
import { headerText, oneLine } from './header';
import { EXTENSION_SENTENCE, PROVISIONAL_NOTE, REPORT_SENTENCE, evidenceFor, returnedSentence, returnsSentence } from './sentences';

/** Signed links to a unit's page (built by the web side); the obligation is passed for links that open one task. */
export interface DigestLinks {
  report(unitId: string, obligationId?: string): string;
  extend(unitId: string, obligationId?: string): string;
}

/**
 * What the admin must fix: a unit with no address, a malformed one, one the
 * relay refused for good. contracts/digest.ts's DeliveryProblem fits it.
 */
export interface DigestProblem {
  kind: 'noAddress' | 'badAddress' | 'refused';
  unitId?: string;
  unitName?: string;
  address?: string;
  /** What is wrong, or the relay's reply: shown as text. */
  detail: string;
}

/** A problem as the digest lists it. */
export interface ProblemView {
  kind: DigestProblem['kind'];
  kindLabel: string;
  unitId: string;
  unitName: string;
  detail: string;
}

export interface ComposeDigestInput {
  recipient: DigestRecipient;
  /** The working day of the digest, YYYY-MM-DD. */
  date: string;
  items: DigestItem[];
  /** Plan titles by plan id. */
  planTitles?: Record<string, string>;
  /** The task's full text by obligation id (`plan/<plan>/task/<task>`); the obligation's title stands in without it. */
  taskTexts?: Record<string, string>;
  /** What counts as evidence, by obligation id (a plan's 具体要求); the duty kind's default otherwise. */
  evidence?: Record<string, string>;
  /** Signed links to the unit's page; unit digests only. Absent: the digest says to use the page without links. */
  links: DigestLinks | undefined;
  /** Who else is told about a unit's steps, by unit id and audience (names or addresses as staff know them). */
  otherRecipients?: Record<string, Partial<Record<Audience, string[]>>>;
  /** Delivery problems for the admin's digest. */
  problems?: DigestProblem[];
}

export type Field = { label: string; value: string; tone?: 'alert' | 'muted' };
export type Link = { label: string; href: string };

export interface ItemView {
  key: string;
  urgency: Urgency;
  step: string;
  unitId: string;
  unitName: string;
  /** One line: 《plan》 · 任务 7, or the duty's kind. */
  heading: string;
  /** The task text in full; may hold line breaks. */
  text: string;
  /** 2024-06-30, or 2027-01-29（暂定） */
  due: string;
  workingDaysLate: number;
  fields: Field[];
  links: Link[];
}

export interface GroupView {
  urgency: Urgency;
  title: string;
  items: ItemView[];
}

export interface UnitRollup {
  unitId: string;
  unitName: string;
  /** `红牌 2 · 黄牌 1 · 今日到期 1`, worst first. */
  counts: Array<{ urgency: Urgency; label: string; count: number }>;
  /** Up to three of its worst items, one line each. */
  worst: string[];
  more: number;
}

export interface DigestView {
  kind: 'unit' | 'rollup' | 'admin';
  subject: string;
  /** 市发改委： / 督查人员： */
  greeting: string;
  summary: string;
  date: string;
  groups: GroupView[];
  units: UnitRollup[];
  problems: ProblemView[];
  /** Closing sentences: what to do, how to ask for time. */
  closing: string[];
}

const GROUP_TITLES: Record<Urgency, string> = {
  red: '红牌 · 严重逾期',
  yellow: '黄牌 · 已逾期',
  dueToday: '今日到期',
  upcoming: '即将到期',
  returned: '报告被退回',
  notice: '提前告知',
};

const SHORT_LABELS: Record<Urgency, string> = {
  red: '红牌',
  yellow: '黄牌',
  dueToday: '今日到期',
  upcoming: '即将到期',
  returned: '被退回',
  notice: '提前告知',
};

const AUDIENCE_LABELS: Record<Audience, string> = { contact: '单位联系人', head: '单位负责人', supervisor: '督查人员', leadership: '分管领导' };

const PROBLEM_LABELS: Record<DigestProblem['kind'], string> = { noAddress: '没有邮箱地址', badAddress: '邮箱地址有误', refused: '邮件被拒收' };

const ROLE_LABELS = { supervisor: '督查人员', leadership: '分管领导', admin: '政务公开办' } as const;

/** The digest's subject, body parts and sections, decided once. */
export function digestView(input: ComposeDigestInput): DigestView {
  const items = oneItemPerTask(input.items);
  const kind = input.recipient.kind === 'unit' ? 'unit' : input.recipient.role === 'admin' ? 'admin' : 'rollup';
  const views = items.map((item) => itemView(item, input, kind === 'unit'));
  const groups = URGENCY_ORDER.map((urgency) => ({ urgency, title: GROUP_TITLES[urgency], items: views.filter((v) => v.urgency === urgency) })).filter(
    (g) => g.items.length > 0,
  );
  const units = kind === 'unit' ? [] : rollups(views);
  const problems = (input.problems ?? []).map((p) => ({
    kind: p.kind,
    kindLabel: PROBLEM_LABELS[p.kind],
    unitId: p.unitId ?? '',
    unitName: oneLine(p.unitName ?? p.unitId ?? '（未注明单位）'),
    detail: [p.address, p.detail].filter(Boolean).join('：'),
  }));
  const counts = countPhrase(views);
  const greeting = input.recipient.kind === 'unit' ? oneLine(input.recipient.unitName) : ROLE_LABELS[input.recipient.role];

  let subject: string;
  let summary: string;
  if (kind === 'unit') {
    subject = `【督办】${greeting}：${counts || '今日没有待办事项'}`;
    summary = counts ? `截至 ${input.date}，本单位有 ${counts}，详见下文。` : `截至 ${input.date}，本单位没有待办事项。`;
  } else {
    const scope = units.length > 0 ? `${units.length} 个单位：${counts}` : '';
    const trouble = problemPhrase(problems);
    subject = `【督办】${kind === 'admin' ? '管理员' : '汇总'}：${[trouble, scope].filter(Boolean).join('；') || '今日没有待办事项'}`;
    summary = [
      trouble && `${trouble}，请核实后更新单位名录。`,
      scope && `截至 ${input.date}，您督办的 ${scope}，各单位情况如下。`,
    ]
      .filter(Boolean)
      .join('') || `截至 ${input.date}，没有待办事项。`;
  }

  return {
    kind,
    subject: headerText(subject),
    greeting: `${greeting}：`,
    summary,
    date: input.date,
    groups: kind === 'unit' ? groups : [],
    units,
    problems,
    closing: kind === 'unit' && views.length > 0 ? [`${REPORT_SENTENCE}。`, EXTENSION_SENTENCE] : [],
  };
}

/**
 * Several steps of one task for one unit on one day (a plan started late, a
 * card reached after the morning's reminder) are one item, the worst; a return
 * among them keeps its reason.
 */
function oneItemPerTask(items: DigestItem[]): DigestItem[] {
  const byTask = new Map<string, DigestItem>();
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) continue;
    seen.add(item.key);
    const id = `${item.obligation.id}\u0000${item.unit.id}`;
    const kept = byTask.get(id);
    if (!kept) {
      byTask.set(id, item);
      continue;
    }
    const [worse, other] = rank(item) < rank(kept) || (rank(item) === rank(kept) && item.at > kept.at) ? [item, kept] : [kept, item];
    const returned = [worse, other].find((i) => i.step === 'returned');
    byTask.set(id, { ...worse, returns: Math.max(worse.returns, other.returns), reason: worse.reason ?? returned?.reason });
  }
  return [...byTask.values()].sort((a, b) => rank(a) - rank(b) || b.workingDaysLate - a.workingDaysLate || a.deadline.date.localeCompare(b.deadline.date) || a.key.localeCompare(b.key));
}

function rank(item: DigestItem): number {
  return URGENCY_ORDER.indexOf(urgencyOf(item));
}

function itemView(item: DigestItem, input: ComposeDigestInput, forUnit: boolean): ItemView {
  const { obligation } = item;
  const plan = obligation.planId ? (input.planTitles?.[obligation.planId] ?? obligation.planId) : undefined;
  const heading = [plan ? `《${oneLine(plan)}》` : undefined, obligation.taskId ? `任务 ${oneLine(obligation.taskId)}` : undefined, oneLine(obligation.title)]
    .filter(Boolean)
    .join(' · ');
  const urgency = urgencyOf(item);
  const fields: Field[] = [
    { label: '督办环节', value: stepLabel(item.step) },
    ...(forUnit ? [] : [{ label: '责任单位', value: oneLine(item.unit.name) }]),
    { label: '截止日期', value: `${item.deadline.date}${item.deadline.provisional ? `（${PROVISIONAL_NOTE}）` : ''}` },
  ];
  if (item.workingDaysLate > 0) fields.push({ label: '逾期', value: `${item.workingDaysLate} 个工作日`, tone: 'alert' });
  if (cardText(item.card)) fields.push({ label: '督办等级', value: cardText(item.card), tone: item.card === 'blue' ? undefined : 'alert' });
  if (item.step === 'returned' || item.reason) fields.push({ label: '退回', value: returnedSentence(item.reason), tone: 'alert' });
  const returns = returnsSentence(item.returns);
  if (returns) fields.push({ label: '退回次数', value: returns });
  fields.push({ label: '佐证材料', value: input.evidence?.[obligation.id] ?? evidenceFor(obligation.kind === 'requestReply' ? 'requestReply' : obligation.kind) });
  const told = alsoTold(item, input, forUnit);
  if (told) fields.push({ label: '同时告知', value: told, tone: 'muted' });
  fields.push({ label: '督办编号', value: obligation.id, tone: 'muted' });

  const links: Link[] = [];
  if (forUnit && input.links) {
    // An extension is asked before the deadline (docs/domain.md): past it, the unit can only report.
    const beforeDeadline = item.workingDaysLate === 0 && item.card !== 'yellow' && item.card !== 'red';
    const builders = [['报告完成情况', input.links.report] as const, ...(beforeDeadline ? [['申请延期', input.links.extend] as const] : [])];
    for (const [label, build] of builders) {
      const href = build(item.unit.id, obligation.id);
      // Only a web address becomes a link: a builder that returned anything else is a bug, not a reason to mail it.
      if (/^https?:\/\//i.test(href)) links.push({ label, href });
    }
  }
  return {
    key: item.key,
    urgency,
    step: item.step,
    unitId: item.unit.id,
    unitName: oneLine(item.unit.name),
    heading,
    text: input.taskTexts?.[obligation.id] ?? obligation.title,
    due: `${item.deadline.date}${item.deadline.provisional ? '（暂定）' : ''}`,
    workingDaysLate: item.workingDaysLate,
    fields,
    links,
  };
}

/** Who the step's audience holds besides the reader (docs/domain.md, the ladder): head with toHead, supervisor from the yellow card, leadership from the red. */
function alsoTold(item: DigestItem, input: ComposeDigestInput, forUnit: boolean): string {
  const audience: Audience[] = forUnit ? [] : ['contact'];
  if (item.toHead) audience.push('head');
  if (item.card === 'yellow' || item.card === 'red') audience.push('supervisor');
  if (item.card === 'red') audience.push('leadership');
  const reader = input.recipient.kind === 'person' ? input.recipient.role : undefined;
  const names = input.otherRecipients?.[item.unit.id];
  return audience
    .filter((a) => a !== reader)
    .map((a) => {
      const who = (names?.[a] ?? []).map(oneLine).filter(Boolean);
      return who.length > 0 ? `${AUDIENCE_LABELS[a]}（${who.join('、')}）` : AUDIENCE_LABELS[a];
    })
    .join('、');
}

/** `2 项今日到期、3 项已逾期（红牌 1）`: the order of the issue's example, then the milder groups. */
function countPhrase(views: ItemView[]): string {
  const n = (u: Urgency) => views.filter((v) => v.urgency === u).length;
  const overdue = n('red') + n('yellow');
  return [
    n('dueToday') && `${n('dueToday')} 项今日到期`,
    overdue && `${overdue} 项已逾期${n('red') ? `（红牌 ${n('red')}）` : ''}`,
    n('returned') && `${n('returned')} 项报告被退回`,
    n('upcoming') && `${n('upcoming')} 项即将到期`,
    n('notice') && `${n('notice')} 项提前告知`,
  ]
    .filter(Boolean)
    .join('、');
}

function problemPhrase(problems: DigestProblem[]): string {
  if (problems.length === 0) return '';
  const parts = (['noAddress', 'badAddress', 'refused'] as const)
    .map((k) => [PROBLEM_LABELS[k], problems.filter((p) => p.kind === k).length] as const)
    .filter(([, count]) => count > 0)
    .map(([label, count]) => `${label} ${count}`);
  return `投递问题 ${problems.length} 项（${parts.join('、')}）`;
}

/** Per unit, worst unit first: its counts and a line for each of its three worst items. */
function rollups(views: ItemView[]): UnitRollup[] {
  const byUnit = new Map<string, ItemView[]>();
  for (const v of views) byUnit.set(v.unitId, [...(byUnit.get(v.unitId) ?? []), v]);
  const worstRank = (vs: ItemView[]) => Math.min(...vs.map((v) => URGENCY_ORDER.indexOf(v.urgency)));
  return [...byUnit.entries()]
    .sort(([a, va], [b, vb]) => worstRank(va) - worstRank(vb) || vb.length - va.length || a.localeCompare(b))
    .map(([unitId, vs]) => ({
      unitId,
      unitName: vs[0]!.unitName,
      counts: URGENCY_ORDER.map((urgency) => ({ urgency, label: SHORT_LABELS[urgency], count: vs.filter((v) => v.urgency === urgency).length })).filter((c) => c.count > 0),
      worst: vs.slice(0, 3).map((v) => `【${SHORT_LABELS[v.urgency]}】${v.heading}（截止 ${v.due}${v.workingDaysLate > 0 ? `，逾期 ${v.workingDaysLate} 个工作日` : ''}）`),
      more: Math.max(0, vs.length - 3),
    }));
}
