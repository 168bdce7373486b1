/**
 * What the commands that need no Temporal server print for staff: times in
 * Shanghai (`2026-12-01 00:10`, as the web's /mail page shows the same mail),
 * ISO only in --json; a unit name the directory lacks answered with the
 * office it most likely means, or with nothing and where to look; README's
 * account example as it is written.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/env';
import { runDuban } from '../helpers/cli';
import { freePort } from '../helpers/ports';

const dir = mkdtempSync(path.join(tmpdir(), 'duban-staff-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, DUBAN_DATA_DIR: dir };
const units = path.join(projectRoot, 'examples/units.yaml');

describe('staff output', { timeout: 120_000 }, () => {
  it('duban mail: Shanghai time in the table, ISO in --json', async () => {
    // The catcher names each file by its arrival in ms (client/mail-store.ts): 00:10 of Dec 1 in Shanghai.
    const received = Date.parse('2026-11-30T16:10:00.153Z');
    mkdirSync(path.join(dir, 'mail'), { recursive: true });
    const eml = ['From: duban@duban.test', 'To: fgj.contact@duban.test', 'Subject: =?UTF-8?B?' + Buffer.from('督办提醒').toString('base64') + '?=', '', 'x', ''].join('\r\n');
    writeFileSync(path.join(dir, 'mail', `${received}-1-000001.eml`), eml);

    const table = await runDuban(['mail'], env);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toBe('2026-12-01 00:10  fgj.contact@duban.test  督办提醒');
    expect(table.stdout).not.toMatch(/\d{2}:\d{2}:\d{2}|Z\b/);

    const json = await runDuban(['mail', '--json'], env);
    expect((JSON.parse(json.stdout) as Array<{ receivedAt: string }>)[0]!.receivedAt).toBe('2026-11-30T16:10:00.153Z');
  });

  it("README's account example works as written, and user list gives its time in Shanghai", async () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const example = /^echo '([^']+)' \| npx duban user add (\S+) --role (\S+) --password-stdin/m.exec(readme);
    expect(example, 'the user add example in README.md').not.toBeNull();
    const [, password, id, role] = example!;
    const added = await runDuban(['user', 'add', id!, '--role', role!, '--password-stdin'], env, `${password}\n`);
    expect([added.code, added.stderr]).toEqual([0, '']);

    const before = Date.now();
    const listed = await runDuban(['user', 'list'], env);
    const [listedId, listedRole, created] = listed.stdout.trim().split('\t');
    expect([listedId, listedRole]).toEqual([id, role]);
    expect(created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    // Shanghai is UTC+8 all year: the account was made within the last minutes, eight hours ahead of UTC.
    const asUtc = Date.parse(`${created!.replace(' ', 'T')}:00+08:00`);
    expect(before - asUtc).toBeGreaterThanOrEqual(0);
    expect(before - asUtc).toBeLessThan(5 * 60_000);
  });

  it('an unknown unit: the office it most likely means, or none and how to list them', async () => {
    const near = await runDuban(['link', '--unit', '市规划局', '--units', units], env);
    expect([near.code, near.stderr.trim()]).toEqual([1, '错误：单位名录中没有“市规划局”，是否是：市自然资源和规划局？']);
    const none = await runDuban(['link', '--unit', '不存在', '--units', units], env);
    expect([none.code, none.stderr.trim()]).toEqual([1, '错误：单位名录中没有“不存在”，也没有相近的名称（duban directory list 列出名录中的全部单位）。']);

    const listed = await runDuban(['directory', 'list', '--units', units], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^编号 +全称 +简称 +分组\n/);
    expect(listed.stdout).toMatch(/\nfgj +市发展和改革局 +市发展和改革委员会、市发改委、市发改局 +市政府各部门\n/);
    expect(listed.stdout.trimEnd().split('\n').at(-1)).toBe('共 41 个单位；分组：市政府各部门、各镇街、有关部门');
    const json = JSON.parse((await runDuban(['directory', 'list', '--units', units, '--json'], env)).stdout) as Array<{ id: string; name: string }>;
    expect(json.find((u) => u.id === 'zrj')).toMatchObject({ name: '市自然资源和规划局' });
  });

  it('duban link says until when, in Shanghai time', async () => {
    const link = await runDuban(['link', '--unit', '市发改委', '--units', units, '--days', '1'], env);
    expect(link.code, link.stderr).toBe(0);
    expect(link.stderr.trim()).toMatch(/^市发展和改革局（fgj）专用链接，有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/);
  });
});
