/**
 * The pages in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): an admin uploads and starts a plan, a unit reports from
 * its link, a supervisor filters the board, returns the report with a
 * reason, the unit sees it and reports again, the supervisor accepts; an
 * admin uploads seed 004's text, sees its 53 tasks and starts it (skipped
 * where the real documents are absent; the suite's set-up says so once).
 * Screenshots go to test/web/artefacts/ (git-ignored).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Signer, unitLinkToken } from '../../signing';
import { haveSeeds } from '../helpers/real-documents';
import { seedPath } from '../domain/plan/seeds';
import { hostilePlan, STAFF, webWorld } from './web-world';

const CHROMIUM = process.env.DUBAN_CHROMIUM ?? '/usr/bin/chromium';
const artefacts = path.join(import.meta.dirname, 'artefacts');

describe.skipIf(!existsSync(CHROMIUM))('the pages in a browser', () => {
  const world = webWorld('web-browser');
  const plan = hostilePlan(`browser-${Date.now().toString(36)}`);
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artefacts, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function staffPage(user: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(`${world.web.url}/login`);
    await page.fill('input[name=user]', user);
    await page.fill('input[name=password]', STAFF.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/board/);
    return page;
  }

  it('admin starts a plan; unit reports; supervisor returns with a reason; unit reports again; supervisor accepts', async () => {
    const base = world.web.url;
    const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artefacts, `${name}.png`), fullPage: true });

    const admin = await staffPage(STAFF.admin);
    const file = path.join(world.testWorker.dataDir, 'browser-plan.yaml');
    writeFileSync(file, stringify(plan));
    await admin.goto(`${base}/admin`);
    await admin.setInputFiles('form[action="/admin/plan/preview"] input[type=file]', file);
    await admin.click('form[action="/admin/plan/preview"] button[type=submit]');
    await expect.poll(() => admin.textContent('.task-count')).toBe('2');
    await shot(admin, 'preview');
    await admin.click('form[action="/admin/plan/start"] button[type=submit]');
    await expect.poll(() => admin.textContent('main')).toContain('新启动 2 项');

    // The unit, on a phone, from its link.
    const unit = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await unit.goto(`${base}/u/${unitLinkToken(new Signer('test-secret-test-secret-test-secret-0123'), 'fgj', 7).token}`);
    await expect.poll(async () => (await unit.reload(), await unit.textContent('main')), { timeout: 20_000 }).toContain('任务 a');
    await shot(unit, 'unit');
    await unit.click('text=任务 a');
    await unit.fill('textarea[name=evidence]', 'https://gov.example/fgj/a');
    await unit.click('text=报告完成情况');
    await expect.poll(() => unit.textContent('.unit-row')).toContain('已报告待审核');

    const supervisor = await staffPage(STAFF.supervisor);
    await expect.poll(async () => (await supervisor.goto(`${base}/board?plan=${plan.id}`), await supervisor.locator('.cards .card').count()), { timeout: 20_000 }).toBe(1);
    await supervisor.fill('input[name=unit]', '市商务局');
    await supervisor.click('form.filters button[type=submit]');
    await expect.poll(() => supervisor.textContent('.cards')).toContain('市商务局');
    await shot(supervisor, 'board');
    await supervisor.click('.cards .card a');
    const fgjRow = supervisor.locator('.unit-row', { hasText: '市发展和改革局' });
    await fgjRow.locator('input[name=reason]').fill('网址打不开，请核对');
    await fgjRow.locator('button[value=return]').click();
    await expect.poll(() => supervisor.locator('.unit-row', { hasText: '市发展和改革局' }).textContent()).toContain('网址打不开，请核对');
    await shot(supervisor, 'task');

    await unit.reload();
    await expect.poll(() => unit.textContent('.unit-row')).toContain('网址打不开，请核对');
    await expect.poll(() => unit.textContent('.unit-row .status')).toBe('待办');
    await unit.fill('textarea[name=evidence]', 'https://gov.example/fgj/a-fixed');
    await unit.click('text=报告完成情况');
    await expect.poll(() => unit.textContent('.unit-row .status')).toBe('已报告待审核');

    await supervisor.reload();
    await supervisor.locator('.unit-row', { hasText: '市发展和改革局' }).locator('button[value=accept]').click();
    await expect.poll(() => supervisor.locator('.unit-row', { hasText: '市发展和改革局' }).locator('.status').textContent()).toBe('已办结');
  });

  it.skipIf(!haveSeeds)('admin uploads seed 004 as the text the office has, sees its 53 tasks and starts it', async () => {
    const admin = await staffPage(STAFF.admin);
    await admin.goto(`${world.web.url}/admin`);
    await admin.setInputFiles('form[action="/admin/plan/preview"] input[type=file]', seedPath('004'));
    const planId = `seed004-web-${Date.now().toString(36)}`;
    await admin.fill('form[action="/admin/plan/preview"] input[name=id]', planId);
    await admin.click('form[action="/admin/plan/preview"] button[type=submit]');
    await expect.poll(() => admin.textContent('.task-count')).toBe('53');
    expect(await admin.locator('table.preview tbody tr').count()).toBe(53);
    // Each task as the plan wrote it: its heading and its 具体要求, as the started duty carries it.
    expect(await admin.locator('table.preview tbody tr').first().locator('td.content').textContent()).toMatch(/^（一）以公开助推高水平开放、高质量招商引资\n具体要求：围绕“深化大开放、拓展大招商”做好信息发布工作/);
    expect(await admin.textContent('p.notice')).toMatch(/^没有错误/);
    await admin.screenshot({ path: path.join(artefacts, 'preview-seed-004.png'), fullPage: false });
    await admin.click('form[action="/admin/plan/start"] button[type=submit]');
    // 53 tasks and each named unit's breakdown submission (41 units).
    await expect.poll(() => admin.textContent('main'), { timeout: 60_000 }).toContain(`计划 ${planId}：新启动 94 项，已在运行 0 项（任务 53 项）`);
    // The task page shows the task's whole wording, not the workflow's 60-character title.
    await admin.goto(`${world.web.url}/task?id=${encodeURIComponent(`plan/${planId}/task/1`)}`);
    expect(await admin.textContent('.task-text')).toMatch(/^（一）以公开助推高水平开放、高质量招商引资\n具体要求：围绕“深化大开放、拓展大招商”做好信息发布工作，重点宣传推送扩大有效投资、促进招商引资、高水平对外开放等政策及相关措施/);
  });
});
