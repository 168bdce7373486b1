/**
 * The CLI's failures, with no server: each is one Chinese line and exit code
 * 1, never a stack, and a command that fails changes nothing. `plan
 * validate/preview` use the current directory when `--units` is left out.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/env';
import { runDubanSync } from '../helpers/cli';
import { freePort } from '../helpers/ports';

const dir = mkdtempSync(path.join(tmpdir(), 'duban-failures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const noServer = { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, DUBAN_DATA_DIR: dir };
const examples = (name: string) => path.join(projectRoot, 'examples', name);
const duban = (args: string[], env: Record<string, string> = {}) => runDubanSync(args, { ...noServer, ...env });

/** One line starting with 错误：, exit code 1. */
function expectOneLine(out: { code: number | null; stderr: string }): string {
  expect(out.code).toBe(1);
  const lines = out.stderr.trimEnd().split('\n');
  expect(lines, out.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^错误：/);
  return lines[0]!;
}

describe('failures are one Chinese line', { timeout: 180_000 }, () => {
  it('a bad setting, a bad count, an unknown command', () => {
    expect(expectOneLine(duban(['plan', 'list'], { DUBAN_HTTP_PORT: 'abc' }))).toContain('环境变量设置有误');
    expect(expectOneLine(duban(['mail', '-n', '0']))).toBe('错误：-n 应为正整数，收到“0”');
    expect(expectOneLine(duban(['mail', '-n', 'abc']))).toBe('错误：-n 应为正整数，收到“abc”');
    const unknown = duban(['overdeu']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n').slice(0, 2)).toEqual(['错误：没有命令“overdeu”', '（是否是 overdue？）']);
  });

  it('runs compiled, and from the sources through tsx when asked (DUBAN_CLI_TSX=1): the same help', () => {
    const compiled = duban(['--help']);
    const sources = duban(['--help'], { DUBAN_CLI_TSX: '1' });
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toContain('命令：');
    expect(sources).toEqual(compiled);
  });

  it('plan start and directory update against an unreachable server keep no directory', () => {
    const start = duban(['plan', 'start', examples('plan.yaml'), '--units', examples('units.yaml')]);
    expect(expectOneLine(start)).toContain('无法连接 Temporal 服务');
    const update = duban(['directory', 'update', examples('units.yaml')]);
    expect(expectOneLine(update)).toContain('无法连接 Temporal 服务');
    expect(existsSync(path.join(dir, 'units.yaml'))).toBe(false);
  });

  it('validate and preview use the current directory when --units is left out', () => {
    expect(expectOneLine(duban(['plan', 'validate', examples('plan.yaml')]))).toContain('还没有当前单位名录');
    // What plan start and directory update keep (the embedded store's current directory).
    copyFileSync(examples('units.yaml'), path.join(dir, 'units.yaml'));
    const validated = duban(['plan', 'validate', examples('plan.yaml')]);
    expect([validated.code, validated.stderr.trimEnd().split('\n').at(-1)]).toEqual([0, expect.stringMatching(/^没有错误/)]);
    expect(duban(['plan', 'preview', examples('plan.yaml')]).code).toBe(0);
    expect(JSON.parse(duban(['plan', 'validate', examples('plan.yaml'), '--json']).stdout)).toEqual({ ok: true, errors: 0, warnings: 0, issues: [] });
    expect(JSON.parse(duban(['plan', 'preview', examples('plan.yaml'), '--json']).stdout)).toMatchObject({ ok: true, id: '2024-example' });
  });

  it('calendar import --json says the running duties were not told when no server answers', () => {
    const out = duban(['calendar', 'import', path.join(projectRoot, 'test/fixtures/calendar/holidays-2027.fixture.yaml'), '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ year: 2027, version: 1, unchanged: false, previousVersion: null, jobId: null });
    expect(out.stderr).toMatch(/^注意：日历已导入，但未能通知运行中的督办流程/);
  });
});
