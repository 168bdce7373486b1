/**
 * `duban link --unit U [--days N]`: the signed, expiring link a unit uses
 * instead of an account. Anyone holding it acts as that unit until it
 * expires, so it goes only to the unit's own contact.
 */
import type { Command } from 'commander';
import { loadEnv } from '../../config/env';
import { loadSecret, Signer, unitLinkToken, webBaseUrl } from '../../signing';
import { loadDirectory, resolveOneUnit } from '../directory';
import { UserFacingError } from '../errors';
import { shanghaiTime } from './format';

async function printLink(flags: { unit: string; days: string; base?: string; units?: string }): Promise<void> {
  const days = Number(flags.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new UserFacingError(`--days 应为 1 到 366 之间的整数，收到“${flags.days}”`);
  const unit = resolveOneUnit(await loadDirectory(flags.units), flags.unit);
  const env = loadEnv();
  const { token, expires } = unitLinkToken(new Signer(loadSecret(env)), unit.id, days);
  console.log(`${flags.base?.replace(/\/$/, '') ?? webBaseUrl(env)}/u/${token}`);
  console.error(`${unit.name}（${unit.id}）专用链接，有效期至 ${shanghaiTime(expires)}（北京时间）`);
}

/** `link` is a command of its own, not a group: `command` is it. */
export function registerLinkCommand(command: Command): void {
  command
    .description('生成责任单位的专用链接（签名、限期）：单位凭此查看待办、报告完成情况、申请延期')
    .requiredOption('--unit <unit>', '单位编号、全称或简称')
    .option('--days <n>', '有效天数', '30')
    .option('--base <url>', '网页地址（默认 DUBAN_WEB_URL 或本机 HTTP 地址）')
    .option('--units <file>', '单位名录（默认当前名录）')
    .action(printLink);
}
