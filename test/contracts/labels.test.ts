/** One word for each step, card, status, rule and state, wherever staff read it. */
import { describe, expect, it } from 'vitest';
import { cardLabel, cardText, requestPhaseLabel, ruleLabel, stateLabel, stepLabel, unitStatusLabel } from '../../contracts/labels';

describe('labels', () => {
  it('says each step, card, status, rule and state in one set of words', () => {
    expect(['notice', 'reminder', 'urgent', 'dueToday', 'yellowCard', 'redCard', 'redCardWeekly'].map(stepLabel)).toEqual([
      '提前告知',
      '催办提醒',
      '紧急提醒',
      '今日到期',
      '黄牌警示',
      '红牌警示',
      '红牌（每周）',
    ]);
    expect([cardText('none'), cardText('red'), cardLabel('yellow'), cardLabel('none')]).toEqual(['', '红牌（严重逾期）', '黄牌', '']);
    expect(requestPhaseLabel('awaitingAmendment')).toBe('等待申请人补正');
    expect([unitStatusLabel('pending'), unitStatusLabel('reported'), unitStatusLabel('waived')]).toEqual(['待办', '已报告待审核', '已免除']);
    expect([ruleLabel('quarterly'), ruleLabel('requestReply'), ruleLabel('somethingNew')]).toEqual(['按季度', '依申请公开答复', 'somethingNew']);
    expect(stateLabel('cancelled')).toBe('已撤销');
  });
});
