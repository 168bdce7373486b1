import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeDigest } from '../../mail/digest';
import { inert, robotMessages, ROBOT_MESSAGE_BYTES, RobotSendError, sendToRobot } from '../../mail/robots';
import { item, supervisorDigest, unitDigest } from './digest-fixtures';

const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';

interface Received {
  path: string;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { content?: string; title?: string; text?: string } };
}

/**
 * A local stand-in for both platforms: /wecom answers like a WeCom robot,
 * /dingtalk checks DingTalk's 加签 as DingTalk does (310000 when wrong);
 * `answer` lets a test make it fail.
 */
function startReceiver() {
  const received: Received[] = [];
  let answer: (r: Received) => { status: number; body: unknown } = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot');
      const r: Received = { path: url.pathname, query: url.searchParams, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'] };
      received.push(r);
      let reply = answer(r);
      if (r.path === '/dingtalk' && reply.status === 200 && !validSign(url.searchParams)) reply = { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  return {
    received,
    answer: (f: typeof answer) => void (answer = f),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function validSign(query: URLSearchParams): boolean {
  const timestamp = query.get('timestamp');
  const sign = query.get('sign');
  if (!timestamp || !sign || Math.abs(Date.now() - Number(timestamp)) > 3_600_000) return false;
  const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest();
  const given = Buffer.from(sign, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('the digest in a group robot', () => {
  const receiver = startReceiver();
  let base: string;
  beforeAll(async () => {
    base = await receiver.listen();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.received.splice(0);
    receiver.answer(() => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
  });

  it('posts a WeCom markdown message with the groups, the items and the signed links', async () => {
    const digest = composeDigest(unitDigest());
    expect(await sendToRobot({ kind: 'wecom', url: `${base}/wecom?key=k` }, digest)).toEqual({ parts: 1 });
    const [r] = receiver.received;
    expect(r!.query.get('key')).toBe('k');
    expect(r!.body.msgtype).toBe('markdown');
    const content = r!.body.markdown.content!;
    expect(content.startsWith('### 【督办】市发改委：1 项今日到期、2 项已逾期（红牌 1）、1 项报告被退回、1 项提前告知\n')).toBe(true);
    const order = ['红牌 · 严重逾期（1 项）', '黄牌 · 已逾期（1 项）', '今日到期（1 项）', '报告被退回（1 项）', '提前告知（1 项）'].map((t) => content.indexOf(t));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(content).toContain('<font color="warning">红牌 · 严重逾期（1 项）</font>');
    expect(content).toContain('> 逾期：6 个工作日');
    expect(content).toContain('[报告完成情况](https://duban.example.gov.cn/u/fgw/report?task=plan%2F2024-teng%2Ftask%2F12&exp=1720483200&sig=c2lnbmVk)');
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(ROBOT_MESSAGE_BYTES);
  });

  it('signs a DingTalk message with timestamp and HMAC-SHA256 of "timestamp\\nsecret", and sends title and text', async () => {
    const digest = composeDigest(supervisorDigest());
    await sendToRobot({ kind: 'dingtalk', url: `${base}/dingtalk?access_token=t`, secret: SECRET }, digest);
    const [r] = receiver.received;
    expect(r!.query.get('access_token')).toBe('t');
    expect(validSign(r!.query)).toBe(true);
    expect(r!.body.markdown.title).toBe('【督办】汇总：3 个单位：2 项今日到期、3 项已逾期（红牌 1）、1 项报告被退回、2 项提前告知');
    expect(r!.body.markdown.text).toContain('1. **市发改委**：红牌 1、黄牌 1、今日到期 1、被退回 1、提前告知 1');
    expect(r!.body.markdown.text).not.toContain('<font');
  });

  it('is refused for good on a wrong DingTalk secret (errcode 310000)', async () => {
    const error = await sendToRobot({ kind: 'dingtalk', url: `${base}/dingtalk?access_token=t`, secret: 'SECwrong' }, composeDigest(unitDigest())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RobotSendError);
    expect(error).toMatchObject({ name: 'RobotRefused', permanent: true, errcode: 310000, sentParts: 0 });
  });

  it.each([
    ['HTTP 404', { status: 404, body: { errmsg: 'not found' } }, 'RobotRefused', true],
    ['errcode 93000 (invalid webhook)', { status: 200, body: { errcode: 93000, errmsg: 'invalid webhook url' } }, 'RobotRefused', true],
    ['HTTP 502', { status: 502, body: {} }, 'RobotUnavailable', false],
    ['HTTP 429', { status: 429, body: {} }, 'RobotUnavailable', false],
    ['errcode 45009 (rate limit)', { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }, 'RobotUnavailable', false],
  ] as const)('%s is %s', async (_, reply, name, permanent) => {
    receiver.answer(() => reply);
    const error = await sendToRobot({ kind: 'wecom', url: `${base}/wecom?key=k` }, composeDigest(unitDigest())).catch((e: unknown) => e);
    expect(error).toMatchObject({ name, permanent });
  });

  it('is retryable when nothing answers', async () => {
    const closed = startReceiver();
    const url = await closed.listen();
    await closed.close();
    const error = await sendToRobot({ kind: 'wecom', url: `${url}/wecom` }, composeDigest(unitDigest())).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RobotUnavailable', permanent: false, sentParts: 0 });
  });

  it('splits a long digest between items into messages under 4,096 bytes, every item in one of them', async () => {
    const items = Array.from({ length: 30 }, (_, i) => item(String(i + 1), { step: 'redCard', card: 'red', workingDaysLate: 6, obligation: { id: `o/${i}`, kind: 'planTask', title: `任务${i + 1}：${'推进政务公开标准化规范化建设'.repeat(3)}` } }));
    const digest = composeDigest(unitDigest({ items }));
    const result = await sendToRobot({ kind: 'wecom', url: `${base}/wecom?key=k` }, digest);
    expect(result.parts).toBeGreaterThan(1);
    expect(receiver.received).toHaveLength(result.parts);
    const contents = receiver.received.map((r) => r.body.markdown.content!);
    for (const content of contents) expect(Buffer.byteLength(content)).toBeLessThanOrEqual(ROBOT_MESSAGE_BYTES);
    expect(contents[1]!.startsWith(`**【督办】市发改委：30 项已逾期（红牌 30）（2/${result.parts}）**`)).toBe(true);
    for (let i = 1; i <= 30; i++) expect(contents.filter((c) => c.includes(`任务${i}：`))).toHaveLength(1);
  });

  it('cuts a very long task text in the chat, says the full text is in the mail, and keeps the item’s dates and links', () => {
    const digest = composeDigest(unitDigest({ items: [item('1')], taskTexts: { [`plan/2024-teng/task/1`]: '很长的任务内容。'.repeat(1000) } }));
    const messages = robotMessages('wecom', digest.view);
    expect(messages).toHaveLength(1);
    const { markdown } = messages[0]!;
    expect(markdown).toMatch(/很长的任务内容[^\n]*…（内容过长，全文见邮件）\n/);
    expect(markdown).toContain('> 截止日期：2024-07-08');
    expect(markdown).toContain('[申请延期](https://duban.example.gov.cn/u/fgw/extend?');
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(ROBOT_MESSAGE_BYTES);
  });

  it('makes markup in the data inert: no link, tag, emphasis or line break from a plan or the directory', () => {
    expect(inert('[点我](https://evil.example)<font color="warning">**x**</font>\n# 标题')).toBe('［点我］（https://evil.example）＜font color="warning"＞＊＊x＊＊＜/font＞ ＃ 标题');
    const hostile = composeDigest(unitDigest({ items: [item('1', { obligation: { id: 'o/1', kind: 'planTask', title: '[钓鱼](https://evil.example)\n> 伪造' } })] }));
    const [message] = robotMessages('dingtalk', hostile.view);
    expect(message!.markdown).not.toContain('](https://evil.example)');
    expect(message!.markdown).toContain('［钓鱼］（https://evil.example） ＞ 伪造');
  });
});
