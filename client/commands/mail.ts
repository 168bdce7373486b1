import type { Command } from 'commander';
import { dataPaths, loadEnv } from '../../config/env';
import { UserFacingError } from '../errors';
import { listStoredMail } from '../mail-store';
import { shanghaiTime } from './format';

function positiveCount(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UserFacingError(`-n 应为正整数，收到“${value}”`);
  return Number(value);
}

export function registerMailCommands(mail: Command): void {
  mail
    .option('-n, --limit <n>', '最多列出几封（正整数）', positiveCount, 20)
    .option('--json', '以 JSON 输出')
    .action(async (opts: { limit: number; json?: boolean }) => {
      const { mailDir } = dataPaths(loadEnv());
      const mails = await listStoredMail(mailDir, opts.limit);
      if (opts.json) {
        console.log(JSON.stringify(mails, null, 2));
        return;
      }
      if (mails.length === 0) {
        console.log(`（暂无邮件：${mailDir}）`);
        return;
      }
      for (const m of mails) {
        console.log(`${shanghaiTime(m.receivedAt)}  ${m.to}  ${m.subject}`);
      }
      console.log(`共 ${mails.length} 封，文件在 ${mailDir}`);
    });
}
