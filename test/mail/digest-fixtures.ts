/**
 * Digest items as the digest workflow hands them over: 市发改委 with five
 * tasks of seed-like plan 2024-teng in five states on 2024-07-08 (a Monday),
 * and a supervisor's units. Signed links as the web issue builds them.
 */
import type { DigestItem } from '../../contracts/digest';
import type { ComposeDigestInput, DigestLinks } from '../../mail/digest';

export const PLAN_ID = '2024-teng';
export const PLAN_TITLE = '2024年滕州市政务公开工作要点';

export function item(taskId: string, over: Partial<DigestItem> & { unitId?: string; unitName?: string; due?: string; provisional?: boolean } = {}): DigestItem {
  const { unitId = 'fgw', unitName = '市发改委', due = '2024-07-08', provisional = false, ...rest } = over;
  return {
    key: `plan/${PLAN_ID}/task/${taskId}|${unitId}|${rest.step ?? 'dueToday'}|${rest.at ?? '2024-07-08T09:00:00+08:00'}`,
    obligation: { id: `plan/${PLAN_ID}/task/${taskId}`, kind: 'planTask', title: `任务${taskId}`, planId: PLAN_ID, taskId },
    unit: { id: unitId, name: unitName },
    step: 'dueToday',
    at: '2024-07-08T09:00:00+08:00',
    deadline: { date: due, instant: `${due}T23:59:59.999+08:00`, provisional },
    card: 'none',
    workingDaysLate: 0,
    toHead: true,
    returns: 0,
    ...rest,
  };
}

/** 市发改委's morning: red, yellow, due today, returned, notice; one task reached two steps, one step handed over twice. */
export function fiveTasks(): DigestItem[] {
  return [
    item('3', { step: 'notice', due: '2024-07-15', toHead: false }),
    item('12', { step: 'redCard', card: 'red', due: '2024-06-28', workingDaysLate: 6 }),
    item('7', { step: 'dueToday' }),
    item('9', { step: 'returned', due: '2024-07-12', returns: 1, reason: '未附公开网址', toHead: false }),
    item('5', { step: 'yellowCard', card: 'yellow', due: '2024-07-04', workingDaysLate: 2 }),
    // Task 5 also reached its due-today step in the same digest: one item, the worse.
    item('5', { step: 'dueToday', due: '2024-07-04', at: '2024-07-04T09:00:00+08:00' }),
    // The same step handed over twice is one item.
    item('7', { step: 'dueToday' }),
  ];
}

export const TASK_TEXTS: Record<string, string> = {
  [`plan/${PLAN_ID}/task/12`]: '深化重点领域信息公开。围绕优化营商环境，及时公开惠企政策、涉企收费清单，并在政府网站开设专栏集中发布。\n按季度更新政策解读材料。',
};

/** Links as the web issue signs them: an HMAC in `sig`. */
export const links: DigestLinks = {
  report: (unitId, obligationId) => `https://duban.example.gov.cn/u/${encodeURIComponent(unitId)}/report?task=${encodeURIComponent(obligationId ?? '')}&exp=1720483200&sig=c2lnbmVk`,
  extend: (unitId, obligationId) => `https://duban.example.gov.cn/u/${encodeURIComponent(unitId)}/extend?task=${encodeURIComponent(obligationId ?? '')}&exp=1720483200&sig=c2lnbmVk`,
};

export function unitDigest(over: Partial<ComposeDigestInput> = {}): ComposeDigestInput {
  return {
    recipient: { kind: 'unit', unitId: 'fgw', unitName: '市发改委' },
    date: '2024-07-08',
    items: fiveTasks(),
    planTitles: { [PLAN_ID]: PLAN_TITLE },
    taskTexts: TASK_TEXTS,
    links,
    otherRecipients: { fgw: { head: ['王主任'], supervisor: ['duchake@example.gov.cn'] } },
    ...over,
  };
}

/** A supervisor's morning over three units. */
export function supervisorDigest(): ComposeDigestInput {
  return {
    recipient: { kind: 'person', address: 'duchake@example.gov.cn', role: 'supervisor' },
    date: '2024-07-08',
    items: [
      ...fiveTasks(),
      item('12', { unitId: 'swj', unitName: '市商务局', step: 'yellowCard', card: 'yellow', due: '2024-07-04', workingDaysLate: 2 }),
      item('7', { unitId: 'swj', unitName: '市商务局', step: 'dueToday' }),
      item('7', { unitId: 'jyj', unitName: '市教育局', step: 'notice', due: '2024-07-15', toHead: false }),
    ],
    planTitles: { [PLAN_ID]: PLAN_TITLE },
    links: undefined,
  };
}
