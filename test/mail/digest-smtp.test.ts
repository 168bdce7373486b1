import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeDigest, type ComposedDigest } from '../../mail/digest';
import { startMailSink, type MailSink } from '../helpers/mail-sink';
import { item, supervisorDigest, unitDigest } from './digest-fixtures';

/** Digests through a real SMTP server, read back with mailparser as a mail client would. */
describe('a digest through SMTP', () => {
  let sink: MailSink;
  let mailer: Transporter;

  beforeAll(async () => {
    sink = await startMailSink();
    mailer = nodemailer.createTransport({ host: sink.host, port: sink.port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
  });
  beforeEach(() => sink.clear());

  async function send(digest: ComposedDigest, to = 'fgw@example.gov.cn') {
    await mailer.sendMail({ from: '督办系统 <duban@example.gov.cn>', to, subject: digest.subject, text: digest.text, html: digest.html });
    const [mail] = await sink.waitFor(1);
    return mail!;
  }

  const headerBlock = (raw: Buffer) => raw.toString('utf8').split(/\r\n\r\n/)[0]!;

  it('decodes to the same Chinese subject, text and HTML, the subject as RFC 2047 encoded words', async () => {
    const digest = composeDigest(unitDigest());
    const mail = await send(digest);
    expect(mail.parsed.subject).toBe('【督办】市发改委：1 项今日到期、2 项已逾期（红牌 1）、1 项报告被退回、1 项提前告知');
    expect(headerBlock(mail.raw)).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(headerBlock(mail.raw)).not.toMatch(/[^\x00-\x7f]/);
    expect(mail.parsed.text?.trimEnd()).toBe(digest.text);
    expect(mail.parsed.html).toBe(digest.html);
    expect(mail.parsed.text).toContain('深化重点领域信息公开。围绕优化营商环境，及时公开惠企政策、涉企收费清单，并在政府网站开设专栏集中发布。');
  });

  it('carries the supervisor’s roll-up whole', async () => {
    const digest = composeDigest(supervisorDigest());
    const mail = await send(digest, 'duchake@example.gov.cn');
    expect(mail.parsed.subject).toBe('【督办】汇总：3 个单位：2 项今日到期、3 项已逾期（红牌 1）、1 项报告被退回、2 项提前告知');
    expect(mail.parsed.text).toContain('1. 市发改委：红牌 1、黄牌 1、今日到期 1、被退回 1、提前告知 1');
    expect(mail.parsed.html).toContain('data-section="rollup"');
  });

  it('keeps hostile text as text: CR/LF in a name starts no header, markup stays characters', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const digest = composeDigest(
      unitDigest({
        recipient: { kind: 'unit', unitId: 'fgw', unitName: `市发改委\r\nBcc: all@example.gov.cn\r\nX-Evil: 1\r\n\r\n${hostile}` },
        items: [item('1', { step: 'dueToday', obligation: { id: 'o/1', kind: 'planTask', title: `标题\nX-Evil: 2${hostile}` } })],
        taskTexts: { 'o/1': `${hostile}\r\n${'很长的任务内容。'.repeat(2000)}` },
      }),
    );
    const mail = await send(digest);
    expect(mail.envelopeTo).toEqual(['fgw@example.gov.cn']);
    expect(mail.parsed.headers.has('x-evil')).toBe(false);
    expect(mail.parsed.bcc).toBeUndefined();
    expect(mail.parsed.subject).toBe(`【督办】市发改委 Bcc: all@example.gov.cn X-Evil: 1 ${hostile}：1 项今日到期`);
    const html = mail.parsed.html || '';
    expect(/<script|<img/i.test(html)).toBe(false);
    expect(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')).toBe(true);
    expect(html.includes('很长的任务内容。'.repeat(2000))).toBe(true);
    expect((mail.parsed.text ?? '').includes(`任务内容：${hostile}`)).toBe(true);
    expect((mail.parsed.text ?? '').includes('很长的任务内容。'.repeat(2000))).toBe(true);
  });

  it('folds a long Chinese subject into encoded words that decode back to it', async () => {
    const name = '某某市某某区人民政府办公室政务公开科（市大数据中心）'.repeat(6);
    const digest = composeDigest(unitDigest({ recipient: { kind: 'unit', unitId: 'x', unitName: name } }));
    const mail = await send(digest);
    expect(Array.from(digest.subject).length).toBe(180);
    expect(mail.parsed.subject).toBe(digest.subject);
    expect(headerBlock(mail.raw).split(/\r\n/).every((line) => line.length <= 998)).toBe(true);
  });
});
