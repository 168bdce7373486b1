/**
 * What a new user runs first: README's "Using it" imports the example work
 * plan (examples/工作要点.txt, a made-up city) with examples/units.yaml. It
 * has to read without one error or warning, and validate, or the first
 * command of the guide is a failure to puzzle over.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/env';
import { runDuban } from '../helpers/cli';
import { freePort } from '../helpers/ports';

const dir = mkdtempSync(path.join(tmpdir(), 'duban-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, DUBAN_DATA_DIR: dir };

describe('the examples README starts from', { timeout: 120_000 }, () => {
  it("README's first plan import names a file in examples/, which imports cleanly with examples/units.yaml and validates", async () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const first = /^npx duban plan import (\S+) --units (\S+) -o (\S+)/m.exec(readme);
    expect(first, 'the first plan import in README.md').not.toBeNull();
    const [, source, units] = first!;
    expect(source).toBe('examples/工作要点.txt');

    const out = path.join(dir, 'plan.yaml');
    const imported = await runDuban(['plan', 'import', source!, '--units', units!, '-o', out], env);
    expect([imported.code, imported.stderr.trim()]).toEqual([0, `已读取 8 项任务，写入 ${out}：0 个错误、0 条警告`]);
    const plan = parse(readFileSync(out, 'utf8')) as { title: string; issued: string; tasks: Array<{ deadlineText?: string }> };
    expect([plan.title, plan.issued]).toEqual(['2026年示例市政务公开工作要点', '2026-04-20']);
    // The phrases the guide talks about, each read as a rule.
    expect(plan.tasks.map((t) => t.deadlineText)).toEqual(['6月底前', '按季度', '8月底前', '9月底前', '12月底前', '10个工作日内', '每年至少2次', '长期坚持']);

    const validated = await runDuban(['plan', 'validate', out, '--units', units!], env);
    expect(validated.code, validated.stderr).toBe(0);
  });
});
