/**
 * Deadline rules as data: zod-validated and serialisable, so a plan file can
 * state them and a workflow can carry them in its input. Evaluating a rule
 * (anchor event → due instant(s)) lives beside this file, over the calendar.
 *
 * This module is the contract between the plan readers, the calendar and the
 * workflows: add kinds, never change the meaning of an existing one.
 */
import { z } from 'zod';
import { daysInMonth } from './calendar/dates';

/** The event a relative period is counted from. */
export const anchorEventSchema = z.enum([
  'planIssued', // the plan's issue date (任务分解 30 日内报送)
  'policyIssued', // a policy document's issue (出台): feedback disclosure
  'commentClosed', // the end of a public comment solicitation (意见征集结束)
  'requestReceived', // receipt of a request for disclosure (依申请公开)
  'informationCreated', // information created or changed (主动公开)
]);
export type AnchorEvent = z.infer<typeof anchorEventSchema>;

const month = z.number().int().min(1).max(12);
const dayOfMonth = z.number().int().min(1).max(31);
const year = z.number().int().min(2000).max(2100);

export const ruleSchema = z.discriminatedUnion('kind', [
  /** N calendar days after the anchor, procedural-law counting (start day not counted, rest-day end moves to next working day). */
  z.object({ kind: z.literal('calendarDays'), days: z.number().int().positive(), from: anchorEventSchema }),
  /** N working days after the anchor, per the State Council holiday notice. */
  z.object({ kind: z.literal('workingDays'), days: z.number().int().positive(), from: anchorEventSchema }),
  /** A fixed date every year (3月31日前, 1月31日前); due in the year after the anchor's when it has passed. */
  z.object({ kind: z.literal('fixedYearly'), month, day: dayOfMonth }),
  /** "2030年1月15日前", a dated cell 2024-06-15: that one day, in the year written; never moved to another year. */
  z
    .object({ kind: z.literal('fixedDate'), year, month, day: dayOfMonth })
    .refine((r) => r.day <= daysInMonth(r.year, r.month), { message: 'no such day in that year', path: ['day'] }),
  /** "6月底前", "12月底前", "2021年底前": the end of a month; year defaults to the plan year. */
  z.object({ kind: z.literal('monthEnd'), month, year: year.optional() }),
  /** "每季度"/"按季度": due at the end of every quarter of the plan year. */
  z.object({ kind: z.literal('quarterly') }),
  /** "每年至少N次": N occurrences reported by year-end. */
  z.object({ kind: z.literal('atLeastTimes'), times: z.number().int().positive() }),
  /** "长期坚持"/"持续推进": no date; reviewed at year-end. */
  z.object({ kind: z.literal('openEnded') }),
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule['kind'];

/** Statutory duties named in docs/domain.md, each with its rule. */
export const statutoryDutySchema = z.enum([
  'breakdownSubmission', // 任务分解/工作台账报送: 30 days from the plan's issue
  'feedbackDisclosure', // 意见收集采纳情况公开: 10 working days from the policy's issue
  'commentPublication', // 意见征集结果公开: 7 days from the end of the solicitation
  'smeArrearsDisclosure', // 逾期尚未支付中小企业款项: March 31, prior year
  'requestReply', // 依申请公开答复: 20 working days, one extension of ≤ 20
  'proactiveDisclosure', // 主动公开: 20 working days from creation or change
  'annualReportDepartment', // 部门年度报告: January 31
  'annualReportGovernment', // 政府年度报告: March 31
]);
export type StatutoryDuty = z.infer<typeof statutoryDutySchema>;
