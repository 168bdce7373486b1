import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDigest } from '../../mail/digest';
import { item, supervisorDigest, unitDigest } from './digest-fixtures';

/**
 * The digest's HTML as a browser lays it out: headless Chromium (Debian's
 * `chromium`), scripts off as in a mail client. The PNGs are kept in
 * test-artifacts/mail/ (git-ignored) for a person to look at; the test
 * checks the structure, never pixels.
 */
const CHROMIUM = process.env.DUBAN_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/mail/', import.meta.url));

describe.skipIf(!CHROMIUM)('a digest rendered by headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(() => browser?.close());

  async function render(html: string, png: string): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 600 } });
    const page = await context.newPage();
    // Nothing may be fetched: a mail client shows the digest offline.
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.screenshot({ path: `${ARTIFACTS}${png}`, fullPage: true });
    expect(requests).toEqual([]);
    return page;
  }

  const attr = (page: Page, selector: string, name: string) => page.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);

  it('lays out 市发改委’s digest: sections worst first, every item with its facts, signed links', async () => {
    const page = await render(composeDigest(unitDigest()).html, 'digest-unit.png');
    expect(await attr(page, '[data-section]', 'data-section')).toEqual(['header', 'summary', 'red', 'yellow', 'dueToday', 'returned', 'notice', 'closing']);
    expect(await page.locator('[data-item]').count()).toBe(5);
    expect(await page.locator('[data-section="red"] [data-field="逾期"]').innerText()).toBe('6 个工作日');
    expect(await page.locator('[data-section="red"] [data-field="任务内容"]').innerText()).toBe(
      '深化重点领域信息公开。围绕优化营商环境，及时公开惠企政策、涉企收费清单，并在政府网站开设专栏集中发布。\n按季度更新政策解读材料。',
    );
    // Report on every item; ask for more time only before the deadline (not on the two cards).
    expect(await page.locator('a[data-link="报告完成情况"]').count()).toBe(5);
    expect(await page.locator('a[data-link="申请延期"]').count()).toBe(3);
    const hrefs = await attr(page, 'a', 'href');
    for (const href of hrefs) {
      const url = new URL(href);
      expect(url.protocol).toBe('https:');
      expect(url.searchParams.get('sig')).toMatch(/^[A-Za-z0-9_-]+=*$/);
      expect(url.searchParams.get('task')).toMatch(/^plan\/2024-teng\/task\/\d+$/);
    }
    // One centred column no wider than 680 px, as the mail clients show it.
    const frame = await page.locator('table[width="680"]').boundingBox();
    expect(frame!.width).toBeLessThanOrEqual(680);
    expect(await page.locator('style, script, link, img').count()).toBe(0);
  });

  it('lays out a supervisor’s roll-up as one table row per unit, and no links', async () => {
    const page = await render(composeDigest(supervisorDigest()).html, 'digest-supervisor.png');
    expect(await attr(page, '[data-section]', 'data-section')).toEqual(['header', 'summary', 'rollup']);
    expect(await attr(page, '[data-section="rollup"] tr[data-unit]', 'data-unit')).toEqual(['fgw', 'swj', 'jyj']);
    expect(await page.locator('a').count()).toBe(0);
  });

  it('shows hostile text as characters: no element, handler or script reaches the page', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const page = await render(
      composeDigest(unitDigest({ items: [item('1', { obligation: { id: 'o/1', kind: 'planTask', title: hostile, planId: hostile } })], taskTexts: { 'o/1': hostile } })).html,
      'digest-hostile.png',
    );
    expect(await page.locator('script, img, [onerror]').count()).toBe(0);
    expect(await page.locator('[data-field="任务内容"]').innerText()).toBe(hostile);
  });
});
