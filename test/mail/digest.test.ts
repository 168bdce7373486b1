import { describe, expect, it } from 'vitest';
import { composeDigest, headerText } from '../../mail/digest';
import { composeReminder } from '../../activities/reminder-mail';
import { item, links, PLAN_ID, supervisorDigest, unitDigest } from './digest-fixtures';

const itemKeys = (html: string) => [...html.matchAll(/data-item="([^"]+)"/g)].map((m) => m[1]);

describe('a unit digest', () => {
  it('lists each of 市发改委’s five tasks once, grouped worst first: red, yellow, due today, returned, notice', () => {
    const { view } = composeDigest(unitDigest());
    expect(view.groups.map((g) => [g.urgency, g.title, g.items.map((i) => i.heading)])).toEqual([
      ['red', '红牌 · 严重逾期', ['《2024年滕州市政务公开工作要点》 · 任务 12 · 任务12']],
      ['yellow', '黄牌 · 已逾期', ['《2024年滕州市政务公开工作要点》 · 任务 5 · 任务5']],
      ['dueToday', '今日到期', ['《2024年滕州市政务公开工作要点》 · 任务 7 · 任务7']],
      ['returned', '报告被退回', ['《2024年滕州市政务公开工作要点》 · 任务 9 · 任务9']],
      ['notice', '提前告知', ['《2024年滕州市政务公开工作要点》 · 任务 3 · 任务3']],
    ]);
    // Task 5 reached due-today and then its yellow card: the card is what the unit reads.
    expect(view.groups[1]!.items[0]!.step).toBe('yellowCard');
  });

  it('says in the subject how many are due today and overdue, with the red cards', () => {
    expect(composeDigest(unitDigest()).subject).toBe('【督办】市发改委：1 项今日到期、2 项已逾期（红牌 1）、1 项报告被退回、1 项提前告知');
    const issueExample = unitDigest({
      items: [
        item('1', { step: 'dueToday' }),
        item('2', { step: 'dueToday' }),
        item('3', { step: 'redCard', card: 'red', workingDaysLate: 5 }),
        item('4', { step: 'yellowCard', card: 'yellow', workingDaysLate: 1 }),
        item('6', { step: 'yellowCard', card: 'yellow', workingDaysLate: 1 }),
      ],
    });
    expect(composeDigest(issueExample).subject).toBe('【督办】市发改委：2 项今日到期、3 项已逾期（红牌 1）');
  });

  it.each([
    ['notices only', [item('1', { step: 'notice' }), item('2', { step: 'notice' })], '【督办】市发改委：2 项提前告知'],
    ['overdue without a red card', [item('1', { step: 'yellowCard', card: 'yellow', workingDaysLate: 1 })], '【督办】市发改委：1 项已逾期'],
    ['reminders and urgent steps', [item('1', { step: 'reminder' }), item('2', { step: 'urgent' })], '【督办】市发改委：2 项即将到期'],
    ['a returned report', [item('1', { step: 'returned', reason: '网址打不开' })], '【督办】市发改委：1 项报告被退回'],
    ['nothing', [], '【督办】市发改委：今日没有待办事项'],
  ])('subject for %s', (_, items, subject) => {
    expect(composeDigest(unitDigest({ items })).subject).toBe(subject);
  });

  it('gives each item its plan, full text, due day, days overdue, card, evidence, who else was told and signed links', () => {
    const red = composeDigest(unitDigest()).view.groups[0]!.items[0]!;
    expect(red.text).toBe('深化重点领域信息公开。围绕优化营商环境，及时公开惠企政策、涉企收费清单，并在政府网站开设专栏集中发布。\n按季度更新政策解读材料。');
    expect(Object.fromEntries(red.fields.map((f) => [f.label, f.value]))).toEqual({
      督办环节: '红牌警示',
      截止日期: '2024-06-28',
      逾期: '6 个工作日',
      督办等级: '红牌（严重逾期）',
      佐证材料: '完成情况说明，附公开网址、文件文号或其他可核查的材料',
      同时告知: '单位负责人（王主任）、督查人员（duchake@example.gov.cn）、分管领导',
      督办编号: `plan/${PLAN_ID}/task/12`,
    });
    // Past the deadline an extension can no longer be asked: only the report link.
    expect(red.links).toEqual([{ label: '报告完成情况', href: links.report('fgw', `plan/${PLAN_ID}/task/12`) }]);
    const today = composeDigest(unitDigest()).view.groups[2]!.items[0]!;
    expect(today.links.map((l) => l.label)).toEqual(['报告完成情况', '申请延期']);
  });

  it('marks a provisional due day 暂定 and says why', () => {
    const { text, view } = composeDigest(unitDigest({ items: [item('1', { step: 'notice', due: '2027-01-29', provisional: true })] }));
    expect(view.groups[0]!.items[0]!.fields.find((f) => f.label === '截止日期')!.value).toBe('2027-01-29（暂定：当年节假日安排尚未发布，发布后将重新计算并通知）');
    expect(text).toContain('截止日期：2027-01-29（暂定：');
  });

  it('says the same as the single reminder where both say it (one source of sentences)', () => {
    const reminder = composeReminder({
      idempotencyKey: 'k',
      step: 'returned',
      to: [],
      cc: [],
      obligation: { id: 'o', kind: 'planTask', title: 't' },
      unit: { id: 'fgw', name: '市发改委', deadline: { date: '2027-01-29', instant: '', provisional: true }, card: 'none', returns: 1 },
      reason: '未附公开网址',
    });
    const { text } = composeDigest(unitDigest({ items: [item('9', { step: 'returned', due: '2027-01-29', provisional: true, returns: 1, reason: '未附公开网址' })] }));
    for (const sentence of [
      '报送的完成情况已被退回，理由：未附公开网址',
      '此前报送的完成情况已被退回 1 次，请按要求补充后重新报告。',
      '（暂定：当年节假日安排尚未发布，发布后将重新计算并通知）',
      '请按期办理，并附佐证材料（如公开网址）报告完成情况',
      '确需延期的，请在截止日期前提出申请，写明理由、新的完成日期和目前进展。',
    ]) {
      expect(reminder.text).toContain(sentence);
      expect(text).toContain(sentence);
    }
  });

  it("a single reminder (a returned report) carries the unit's own links when they are known, none otherwise", () => {
    const returned = {
      idempotencyKey: 'k',
      step: 'returned',
      to: [],
      cc: [],
      obligation: { id: 'plan/p/task/1', kind: 'planTask' as const, title: 't' },
      unit: { id: 'fgw', name: '市发改委', deadline: { date: '2027-01-29', instant: '', provisional: false }, card: 'none' as const, returns: 1 },
      reason: '未附公开网址',
    };
    const { text } = composeReminder(returned, links);
    expect(text).toContain(`报告完成情况：${links.report('fgw')}`);
    expect(text).toContain(`申请延期：${links.extend('fgw')}`);
    expect(composeReminder(returned).text).not.toContain('https://');
  });

  it('has the same items in the HTML and the plain text, in the same order', () => {
    const { html, text, view } = composeDigest(unitDigest());
    const keys = view.groups.flatMap((g) => g.items.map((i) => i.key));
    expect(itemKeys(html)).toEqual(keys);
    const headings = view.groups.flatMap((g) => g.items.map((i) => i.heading));
    expect(headings.map((h) => text.indexOf(h))).toEqual([...headings.map((h) => text.indexOf(h))].sort((a, b) => a - b));
    for (const group of view.groups) expect(text).toContain(`━━ ${group.title}（${group.items.length} 项） ━━`);
  });

  it('writes no link without a link builder, and none that is not a web address', () => {
    expect(composeDigest(unitDigest({ links: undefined })).html).not.toContain('<a ');
    const hostile = composeDigest(unitDigest({ links: { report: () => 'javascript:alert(1)', extend: () => 'data:text/html,x' } }));
    expect(hostile.html).not.toContain('<a ');
    expect(hostile.text).not.toContain('javascript:');
  });
});

describe('a supervisor roll-up', () => {
  it('gives per unit, worst unit first, its counts and its three worst items, not each unit’s mail', () => {
    const { subject, view, html } = composeDigest(supervisorDigest());
    expect(subject).toBe('【督办】汇总：3 个单位：2 项今日到期、3 项已逾期（红牌 1）、1 项报告被退回、2 项提前告知');
    expect(view.groups).toEqual([]);
    expect(view.units.map((u) => [u.unitName, u.counts.map((c) => `${c.label} ${c.count}`), u.worst.length, u.more])).toEqual([
      ['市发改委', ['红牌 1', '黄牌 1', '今日到期 1', '被退回 1', '提前告知 1'], 3, 2],
      ['市商务局', ['黄牌 1', '今日到期 1'], 2, 0],
      ['市教育局', ['提前告知 1'], 1, 0],
    ]);
    expect(view.units[0]!.worst[0]).toBe('【红牌】《2024年滕州市政务公开工作要点》 · 任务 12 · 任务12（截止 2024-06-28，逾期 6 个工作日）');
    expect(html).toContain('data-section="rollup"');
    expect(html).not.toContain('data-item=');
    expect(html).not.toContain('<a ');
  });

  it('gives the admin the delivery problems first, with the address and the relay’s answer', () => {
    const { subject, text, html } = composeDigest({
      ...supervisorDigest(),
      recipient: { kind: 'person', address: 'gongkai@example.gov.cn', role: 'admin' },
      items: [],
      problems: [
        { kind: 'noAddress', unitId: 'jyj', unitName: '市教育局', detail: '名录中没有联系人邮箱' },
        { kind: 'badAddress', unitId: 'swj', unitName: '市商务局', address: 'swj@@example', detail: '不是有效的邮箱地址' },
        { kind: 'refused', unitId: 'fgw', unitName: '市发改委', address: 'fgw@example.gov.cn', detail: '550 5.1.1 <fgw@example.gov.cn>: mailbox unavailable' },
      ],
    });
    expect(subject).toBe('【督办】管理员：投递问题 3 项（没有邮箱地址 1、邮箱地址有误 1、邮件被拒收 1）');
    expect(text).toContain('3. 市发改委：邮件被拒收（fgw@example.gov.cn：550 5.1.1 <fgw@example.gov.cn>: mailbox unavailable）');
    expect(html).toContain('data-problem="refused"');
    expect(html).toContain('550 5.1.1 &lt;fgw@example.gov.cn&gt;: mailbox unavailable');
  });
});

describe('hostile text', () => {
  const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
  const input = () =>
    unitDigest({
      recipient: { kind: 'unit', unitId: 'fgw', unitName: `市发改委\r\nBcc: all@example.gov.cn${hostile}` },
      items: [item('1', { step: 'dueToday', unitName: hostile, obligation: { id: 'o/1', kind: 'planTask', title: `标题\r\nX-Evil: 1${hostile}`, planId: hostile, taskId: hostile } })],
      planTitles: { [hostile]: hostile },
      taskTexts: { 'o/1': `${hostile}\n${'很长的任务内容。'.repeat(2000)}` },
    });

  it('stays text in the HTML: no element, attribute or script from the data', () => {
    const { html } = composeDigest(input());
    // Booleans, not the matchers: a failure would print the 50 KB page.
    expect(/<script|<img/i.test(html)).toBe(false);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    // The whole task text, not cut.
    expect(html.includes('很长的任务内容。'.repeat(2000))).toBe(true);
  });

  it('stays as written in the plain text, and the long text is whole', () => {
    const { text } = composeDigest(input());
    expect(text).toContain(`任务内容：${hostile}`);
    expect(text.includes('很长的任务内容。'.repeat(2000))).toBe(true);
  });

  it('never puts CR or LF in the subject, and keeps it short', () => {
    const { subject } = composeDigest(input());
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.startsWith('【督办】市发改委 Bcc: all@example.gov.cn<script>')).toBe(true);
    expect(Array.from(subject).length).toBeLessThanOrEqual(180);
    expect(headerText('a\r\nb\u2028c\u0000d\te')).toBe('a b c d e');
    expect(headerText('长'.repeat(300), 10)).toBe(`${'长'.repeat(9)}…`);
  });
});
