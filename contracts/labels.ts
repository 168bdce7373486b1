/**
 * The Chinese words staff read, one table for each thing duban names:
 * escalation steps, cards, unit statuses, request phases, the rules and
 * duties in DubanRule, and the state in DubanState. Pure, so workflows,
 * activities, the CLI and the web say the same word for the same thing.
 *
 * Unit states, one vocabulary (domain/accountability.ts):
 * - **pending** (待办) is a unit's status: it has not reported, or its report
 *   was returned. Waived (已免除) is a status of its own, never pending.
 * - **owing** units are the pending ones of a duty (`owingUnits`): the units a
 *   reminder goes to, and what the DubanPendingUnits search attribute lists
 *   (its wire name predates the word). "What a unit owes" = the running
 *   duties where it is owing.
 * - **open** units are not settled yet: pending, or reported and awaiting the
 *   supervisor's review (`openUnits`). Settled = accepted or waived. A duty
 *   is done when no unit is open; its DubanState is then `done`.
 * - **overdue** units are owing units past their due instant (DubanOverdueUnits).
 */
import { statusName, type Card, type UnitStatus } from '../domain/accountability';
import { phaseName, type RequestPhase } from '../domain/request-reply';

// Unit statuses and request phases are named where their rules are (domain/), for the refusals written there.

/** `pending` → 待办, `reported` → 已报告待审核. Unknown values pass through. */
export function unitStatusLabel(status: string): string {
  return statusName(status as UnitStatus) ?? status;
}

/** `awaitingAmendment` → 等待申请人补正. Unknown values pass through. */
export function requestPhaseLabel(phase: string): string {
  return phaseName(phase as RequestPhase) ?? phase;
}

const STEP_LABELS: Record<string, string> = {
  notice: '提前告知',
  reminder: '催办提醒',
  urgent: '紧急提醒',
  dueToday: '今日到期',
  yellowCard: '黄牌警示',
  redCard: '红牌警示',
  redCardWeekly: '红牌（每周）',
  // Not a rung of the ladder: the mail a returned report sends.
  returned: '退回',
};

/** An escalation step (domain/escalation.ts) as staff call it: `yellowCard` → 黄牌警示. Unknown steps pass through. */
export function stepLabel(step: string): string {
  return STEP_LABELS[step] ?? step;
}

const CARD_LABELS: Record<Card, { label: string; meaning: string }> = {
  none: { label: '', meaning: '' },
  blue: { label: '蓝牌', meaning: '临近期限' },
  yellow: { label: '黄牌', meaning: '已逾期' },
  red: { label: '红牌', meaning: '严重逾期' },
};

/** `yellow` → 黄牌; no card → ''. Anything else (an old memo) passes through. */
export function cardLabel(card: string): string {
  return CARD_LABELS[card as Card]?.label ?? card;
}

/** The card with what it means, for a reminder: `red` → 红牌（严重逾期）; no card → ''. */
export function cardText(card: Card): string {
  const { label, meaning } = CARD_LABELS[card];
  return label && `${label}（${meaning}）`;
}

/** What DubanRule holds: a plan task's rule kind (domain/rules.ts), or the kind of a statutory duty (domain/obligations.ts). */
const RULE_LABELS: Record<string, string> = {
  calendarDays: '按日计算的期限',
  workingDays: '按工作日计算的期限',
  fixedYearly: '每年固定日期',
  monthEnd: '月底前',
  quarterly: '按季度',
  atLeastTimes: '每年至少若干次',
  openEnded: '长期坚持',
  planTask: '工作要点任务',
  breakdownSubmission: '任务分解报送',
  feedbackDisclosure: '意见收集采纳情况公开',
  commentPublication: '意见征集结果公开',
  smeArrearsDisclosure: '逾期未付中小企业款项公开',
  requestReply: '依申请公开答复',
};

/** `quarterly` → 按季度, `requestReply` → 依申请公开答复. Unknown values pass through. */
export function ruleLabel(rule: string): string {
  return RULE_LABELS[rule] ?? rule;
}

/** DubanState and an obligation view's `state`. */
export type DutyState = 'open' | 'done' | 'cancelled';

const STATE_LABELS: Record<DutyState, string> = { open: '进行中', done: '已办结', cancelled: '已撤销' };

export function stateLabel(state: string): string {
  return STATE_LABELS[state as DutyState] ?? state;
}

/** Every rule a listing may be narrowed to (`overdue --rule`), by its kind. */
export function ruleKinds(): string[] {
  return Object.keys(RULE_LABELS);
}

/** A rule as staff may type it: its kind (`monthEnd`) or its label (月底前); undefined when neither. */
export function ruleOf(name: string): string | undefined {
  const wanted = name.trim();
  if (RULE_LABELS[wanted]) return wanted;
  return Object.entries(RULE_LABELS).find(([, label]) => label === wanted)?.[0];
}

const ROLE_LABELS: Record<string, string> = { unit: '责任单位', supervisor: '督查人员', admin: '政务公开办' };

/** Who acted, as the log shows it: `supervisor` → 督查人员. */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}
