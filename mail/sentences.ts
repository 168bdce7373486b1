/**
 * Sentences every piece of duban's mail says the same way: the single
 * reminder (activities/reminder-mail.ts), the digest and the group robots.
 * Pure strings; the templates decide where they go.
 */
import type { ObligationKind } from '../contracts/obligation';

/** What a unit is asked to do, and with what. */
export const REPORT_SENTENCE = '请按期办理，并附佐证材料（如公开网址）报告完成情况';

/** How to ask for more time (docs/domain.md: asked before the deadline, with reason, new date and progress). */
export const EXTENSION_SENTENCE = '确需延期的，请在截止日期前提出申请，写明理由、新的完成日期和目前进展。';

/** Why a date is marked 暂定: the year's holiday notice is not loaded yet. */
export const PROVISIONAL_NOTE = '暂定：当年节假日安排尚未发布，发布后将重新计算并通知';

/** A returned report, with the supervisor's reason. */
export function returnedSentence(reason: string | undefined): string {
  return `报送的完成情况已被退回，理由：${reason ?? '（未写明）'}`;
}

/** How often a unit's report came back, when it has. */
export function returnsSentence(returns: number): string | undefined {
  return returns > 0 ? `此前报送的完成情况已被退回 ${returns} 次，请按要求补充后重新报告。` : undefined;
}

const EVIDENCE: Record<ObligationKind, string> = {
  planTask: '完成情况说明，附公开网址、文件文号或其他可核查的材料',
  breakdownSubmission: '本单位的任务分解表（工作台账）',
  feedbackDisclosure: '意见收集采纳情况的公开网址',
  commentPublication: '意见征集结果的公开网址',
  smeArrearsDisclosure: '逾期尚未支付中小企业款项情况的公开网址',
  requestReply: '答复书文号或送达记录',
};

/** What counts as evidence for a duty of this kind (domain/accountability.ts refuses a report without any). */
export function evidenceFor(kind: ObligationKind): string {
  return EVIDENCE[kind];
}

/** The last line of every digest. */
export const FOOTER = '本邮件由督办系统自动发送，请勿直接回复。';
