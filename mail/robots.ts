/**
 * The same digest in a group chat: a WeCom (企业微信/政务微信) group robot or a
 * DingTalk (钉钉) custom robot, as a markdown message.
 *
 * - WeCom: POST `{ msgtype: 'markdown', markdown: { content } }` to the
 *   webhook; content at most 4,096 bytes of UTF-8; answers `{ errcode, errmsg }`.
 * - DingTalk: POST `{ msgtype: 'markdown', markdown: { title, text } }`; a
 *   robot with 加签 wants `timestamp` (ms) and `sign` = base64 of
 *   HMAC-SHA256(key: secret, message: `${timestamp}\n${secret}`) in the query,
 *   URL-encoded, the timestamp within an hour of DingTalk's clock.
 *
 * Markdown has no escaping both platforms honour, so every value from a plan
 * or the directory is made inert instead: the characters that make links,
 * emphasis, headings, quotes or tags become their full-width forms, and line
 * breaks become spaces. A digest too long for one message goes as several,
 * split between items.
 */
import { createHmac } from 'node:crypto';
import type { ComposedDigest } from './digest';
import type { DigestView, ItemView } from './digest-view';
import { FOOTER } from './sentences';

export interface Robot {
  kind: 'wecom' | 'dingtalk';
  url: string;
  /** DingTalk's 加签 secret (SEC…); unsigned robots have none. */
  secret?: string;
}

/**
 * A robot that did not take the message. `permanent`: a 4xx or an errcode
 * the platform will repeat (a wrong key, a bad signature, content refused),
 * so retrying cannot help; otherwise (5xx, rate limit, network) it can.
 * `name` is RobotRefused or RobotUnavailable, for an activity's
 * nonRetryableErrorTypes.
 */
export class RobotSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** Messages of this digest the robot had already taken (a long digest goes as several). */
    readonly sentParts: number,
    readonly status?: number,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = permanent ? 'RobotRefused' : 'RobotUnavailable';
  }
}

/** WeCom's limit for markdown content; DingTalk is held to the same so one layout serves both. */
export const ROBOT_MESSAGE_BYTES = 4096;

/** A task text longer than this is cut in a chat message (the mail has it whole), so its dates and links still fit. */
const ITEM_TEXT_BYTES = 1500;
const CUT_NOTE = '…（内容过长，全文见邮件）';

/** Errcodes that say "later": WeCom -1 (busy) and 45009 (rate limit), DingTalk 130101 (sending too fast). */
const RETRYABLE_ERRCODES = new Set([-1, 45009, 130101]);

export interface RobotMessage {
  /** DingTalk's notification title; WeCom has none. */
  title: string;
  markdown: string;
}

/** The digest as one or more markdown messages for this kind of robot. */
export function robotMessages(kind: Robot['kind'], view: DigestView): RobotMessage[] {
  const title = inert(view.subject);
  const head = [`### ${title}`, inert(view.summary)];
  const blocks: string[] = [];
  if (view.problems.length > 0) {
    blocks.push(
      [`**投递问题（${view.problems.length} 项）**`, ...view.problems.map((p, i) => `${i + 1}. ${inert(p.unitName)}：${p.kindLabel}（${inert(p.detail)}）`)].join('\n'),
    );
  }
  for (const group of view.groups) {
    const heading = `**${colour(kind, group.urgency === 'red' || group.urgency === 'yellow', `${group.title}（${group.items.length} 项）`)}**`;
    group.items.forEach((item, i) => blocks.push([i === 0 ? heading : undefined, itemMarkdown(item, i + 1)].filter(Boolean).join('\n')));
  }
  if (view.units.length > 0) {
    view.units.forEach((unit, i) =>
      blocks.push(
        [
          i === 0 ? `**各单位情况（${view.units.length} 个单位）**` : undefined,
          `${i + 1}. **${inert(unit.unitName)}**：${unit.counts.map((c) => `${c.label} ${c.count}`).join('、')}`,
          ...unit.worst.map((line) => `> ${inert(line)}`),
          unit.more > 0 ? `> 另有 ${unit.more} 项` : undefined,
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    );
  }
  const tail = [...view.closing.map(inert), `<font color="comment">${FOOTER}</font>`].join('\n');
  return pack(title, head.join('\n\n'), blocks, kind === 'wecom' ? tail : tail.replace(/<\/?font[^>]*>/g, ''));
}

function itemMarkdown(item: ItemView, n: number): string {
  return [
    `${n}. **${inert(item.heading)}**`,
    `> ${cut(inert(item.text), ITEM_TEXT_BYTES)}`,
    ...item.fields.map((f) => `> ${f.label}：${inert(f.value)}`),
    // Link targets come from duban's own link builder (checked to be http(s)); only the text is ours.
    item.links.length > 0 ? item.links.map((l) => `[${l.label}](${l.href.replace(/[()\s]/g, encodeURIComponent)})`).join('　') : undefined,
  ]
    .filter(Boolean)
    .join('\n');
}

function colour(kind: Robot['kind'], alert: boolean, text: string): string {
  return kind === 'wecom' && alert ? `<font color="warning">${text}</font>` : text;
}

const FULL_WIDTH: Record<string, string> = {
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '<': '＜',
  '>': '＞',
  '*': '＊',
  _: '＿',
  '`': '｀',
  '#': '＃',
  '~': '～',
  '|': '｜',
  '\\': '＼',
  '!': '！',
};

/** A value as text that neither platform's markdown will read as markup: `<b>[x](y)` → `＜b＞［x］（y）`. */
export function inert(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[[\]()<>*_`#~|\\!]/g, (c) => FULL_WIDTH[c] ?? c);
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Blocks into messages of at most ROBOT_MESSAGE_BYTES: the head on the first, the title and (2/3) on the later ones, the tail on the last. */
function pack(title: string, head: string, blocks: string[], tail: string): RobotMessage[] {
  const later = (marker: string) => `**${title}${marker}**\n\n`;
  const budget = ROBOT_MESSAGE_BYTES - bytes(later('（99/99）'));
  const bodies: string[] = [];
  let current = head;
  for (const raw of [...blocks, tail]) {
    // Only a block longer than a whole message (a huge roll-up line) is cut here.
    const block = cut(raw, budget - 2);
    if (bytes(current) + 2 + bytes(block) > budget) {
      bodies.push(current);
      current = block;
    } else {
      current = `${current}\n\n${block}`;
    }
  }
  bodies.push(current);
  return bodies.map((body, i) => {
    const marker = bodies.length > 1 ? `（${i + 1}/${bodies.length}）` : '';
    return { title: `${title}${marker}`, markdown: i === 0 ? `${body}${marker && `\n\n${marker}`}` : `${later(marker)}${body}` };
  });
}

/** At most `budget` bytes of UTF-8, cut between characters, saying where the rest is. */
function cut(text: string, budget: number): string {
  if (bytes(text) <= budget) return text;
  let chars = Array.from(text);
  while (bytes(chars.join('')) + bytes(CUT_NOTE) > budget) chars = chars.slice(0, Math.floor(chars.length * 0.9));
  return chars.join('') + CUT_NOTE;
}

/** `https://oapi.dingtalk.com/robot/send?access_token=…&timestamp=…&sign=…` */
export function signedDingTalkUrl(url: string, secret: string, now: number): string {
  const sign = createHmac('sha256', secret).update(`${now}\n${secret}`, 'utf8').digest('base64');
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(now));
  signed.searchParams.set('sign', sign);
  return signed.toString();
}

/**
 * Sends the digest to one robot, in as many messages as it takes. Throws
 * RobotSendError; `sentParts` on it says how many went before the failure.
 */
export async function sendToRobot(
  robot: Robot,
  digest: Pick<ComposedDigest, 'view'>,
  options: { now?: () => number; timeoutMs?: number } = {},
): Promise<{ parts: number }> {
  const messages = robotMessages(robot.kind, digest.view);
  for (const [i, message] of messages.entries()) {
    const url = robot.kind === 'dingtalk' && robot.secret ? signedDingTalkUrl(robot.url, robot.secret, (options.now ?? Date.now)()) : robot.url;
    const body =
      robot.kind === 'wecom'
        ? { msgtype: 'markdown', markdown: { content: message.markdown } }
        : { msgtype: 'markdown', markdown: { title: message.title, text: message.markdown } };
    await post(url, body, i, options.timeoutMs ?? 10_000);
  }
  return { parts: messages.length };
}

async function post(url: string, body: unknown, sentParts: number, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new RobotSendError(`robot unreachable: ${(error as Error).message}`, false, sentParts);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
    throw new RobotSendError(`robot answered HTTP ${response.status}: ${text.slice(0, 200)}`, permanent, sentParts, response.status);
  }
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    throw new RobotSendError(`robot answered HTTP ${response.status} with no JSON: ${text.slice(0, 200)}`, false, sentParts, response.status);
  }
  const errcode = typeof answer.errcode === 'number' ? answer.errcode : Number(answer.errcode ?? 0);
  if (errcode !== 0) {
    throw new RobotSendError(`robot refused: errcode ${errcode} ${String(answer.errmsg ?? '')}`, !RETRYABLE_ERRCODES.has(errcode), sentParts, response.status, errcode);
  }
}
