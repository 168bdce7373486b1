/**
 * `--help` of every command and subcommand is Chinese: commander's own words
 * (titles, `[options]`, `(default: "30")`, `(choices: …)`) are replaced for
 * all commands at once in client/cli.ts, so a command added later is held to
 * it here without being named.
 */
import { describe, expect, it } from 'vitest';
import { runDuban } from '../helpers/cli';
import { freePort } from '../helpers/ports';

const env = { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` };

/** commander's English, as it would show in a help text. */
const ENGLISH = /\b(usage|options?|commands?|arguments?|default|choices|preset|env|display help)\b|\[command\]/i;

/** The subcommands a help text lists under 命令：, `help` aside. */
function subcommands(help: string): string[] {
  const section = help.split('命令：\n')[1];
  if (!section) return [];
  return section
    .split('\n')
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'help');
}

async function help(command: string[]): Promise<string> {
  const out = await runDuban([...command, '--help'], env);
  expect([out.code, out.stderr], command.join(' ')).toEqual([0, '']);
  return out.stdout;
}

describe('help', { timeout: 180_000 }, () => {
  it('is Chinese for every command and subcommand, defaults included', async () => {
    const texts = new Map<string, string>([['duban', await help([])]]);
    const groups = subcommands(texts.get('duban')!);
    expect(groups).toContain('plan');
    // Two at a time: the machine's two cores.
    for (let i = 0; i < groups.length; i += 2) {
      await Promise.all(
        groups.slice(i, i + 2).map(async (group) => {
          const text = await help([group]);
          texts.set(group, text);
          for (const sub of subcommands(text)) texts.set(`${group} ${sub}`, await help([group, sub]));
        }),
      );
    }
    expect(texts.size).toBeGreaterThan(40);
    for (const [command, text] of texts) {
      expect(text, command).toMatch(/^用法：/);
      expect(text.match(ENGLISH)?.[0], `${command}:\n${text}`).toBeUndefined();
    }
    expect(texts.get('link')).toContain('有效天数（默认：30）');
    expect(texts.get('mail')).toContain('最多列出几封（正整数；默认：20）');
    expect(texts.get('overdue')).toContain('（默认：table）');
    expect(texts.get('plan')).toMatch(/^用法： duban plan \[选项\] \[命令\]/);
  });
});
