/**
 * Statutory duties that an event starts rather than a plan: a policy issued
 * (意见收集采纳情况公开, 10 working days), a comment solicitation closed
 * (意见征集结果公开, 7 days), January 1 (逾期尚未支付中小企业款项, by March 31
 * for the prior year), a request for disclosure received (依申请公开答复).
 *
 * Their workflow ids are business keys built from what the clerk typed (the
 * unit, the date and the title), so typing the same event twice finds the
 * running workflow instead of starting a second one.
 */
import { statutoryDuties } from './deadlines';
import type { ObligationSpec, UnitContact } from './obligations';

export type EventDuty = 'feedbackDisclosure' | 'commentPublication';

const ID_PREFIX: Record<EventDuty, string> = { feedbackDisclosure: 'feedback', commentPublication: 'comment' };

/** Spacing and bracket width vary between two people typing one title; the title does not. */
function normalizeTitle(title: string): string {
  return title.replace(/\s+/g, '').replace(/[《》〈〉「」“”"']/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/**
 * A short, stable key for a title: FNV-1a (64-bit, as two 32-bit halves) of
 * its normalized text, in hex. Pure, so workflow and client agree.
 * titleKey('关于印发《滕州市促进消费若干措施》的通知') is the same for
 * '关于印发 滕州市促进消费若干措施 的通知'.
 */
export function titleKey(...parts: string[]): string {
  const text = parts.map(normalizeTitle).join('\u0000');
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 7), 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0').slice(0, 4);
}

export const eventIds = {
  /** feedback/fgj/2024-09-27/3f1c…: one policy of one unit on one day. */
  event: (duty: EventDuty, unitId: string, date: string, title: string) => `${ID_PREFIX[duty]}/${unitId}/${date}/${titleKey(title)}`,
  /** Two requests of one title on one day from different applicants are two requests. */
  request: (unitId: string, receivedOn: string, title: string, applicant = '') => `request/${unitId}/${receivedOn}/${titleKey(title, applicant)}`,
  smeArrears: (year: number, unitId: string) => `sme-arrears/${year}/unit/${unitId}`,
  smeArrearsYear: (year: number) => `sme-arrears/${year}/open`,
  smeArrearsSchedule: 'sme-arrears',
};

/** The obligation an event starts for one unit: the duty's statutory rule counted from the event's date. */
export function eventObligation(duty: EventDuty, unit: UnitContact, title: string, date: string): ObligationSpec {
  const definition = statutoryDuties[duty];
  return {
    obligationId: eventIds.event(duty, unit.id, date, title),
    kind: duty,
    title: `${definition.title}：${title.trim()}`,
    rule: definition.rule,
    anchorDate: date,
    planYear: Number(date.slice(0, 4)),
    units: [unit],
  };
}

/**
 * The SME-arrears obligations opened on January 1 of `year`: each unit that
 * pays suppliers discloses the prior year's overdue unpaid contracts by
 * March 31 (保障中小企业款项支付条例 art. 18 of the 2025 revision; art. 16
 * before). Counting from January 1 of the year makes the fixed date the
 * March 31 of that year.
 */
export function smeArrearsObligations(year: number, units: UnitContact[]): ObligationSpec[] {
  const definition = statutoryDuties.smeArrearsDisclosure;
  return units.map((unit) => ({
    obligationId: eventIds.smeArrears(year, unit.id),
    kind: 'smeArrearsDisclosure',
    title: `${definition.title}（${year - 1}年度）`,
    rule: definition.rule,
    anchorDate: `${year}-01-01`,
    planYear: year,
    units: [unit],
  }));
}
