/**
 * `duban user add ID --role admin|supervisor --password-stdin`: a staff
 * account for the web pages. The password is read from standard input (never
 * an argument, which other users of the machine can see) and kept only as an
 * argon2id hash in the store. Running it again for the same id sets a new
 * password and role, and ends every session the account has on every web
 * server: whoever knew the old password, or holds a cookie with the old
 * role, has to sign in again.
 */
import type { Command } from 'commander';
import { hashPassword } from '../web/security';
import { UserFacingError } from '../errors';
import { cliStore } from '../store';
import { shanghaiTime } from './format';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function addUser(id: string, flags: { role: string; passwordStdin?: boolean }): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(id)) throw new UserFacingError(`账号只能含字母、数字、点、下划线、@ 和短横线（最多 64 个字符），收到“${id}”`);
  if (flags.role !== 'admin' && flags.role !== 'supervisor') throw new UserFacingError(`--role 只能是 admin 或 supervisor，收到“${flags.role}”`);
  if (!flags.passwordStdin) throw new UserFacingError('请用 --password-stdin 从标准输入提供密码（不接受命令行参数中的密码）。');
  const password = await readStdin();
  if (password.length < 10) throw new UserFacingError('密码至少 10 个字符。');
  const store = cliStore();
  const created = await store.accounts.put({ id, role: flags.role, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() });
  const ended = await store.sessions.revokeAccount(id);
  console.log(`${created ? '已创建' : '已更新'}账号 ${id}（${flags.role === 'admin' ? '政务公开办管理员' : '督查人员'}）${ended ? `，已注销其 ${ended} 个登录会话` : ''}`);
}

export function registerUserCommands(user: Command): void {
  user
    .command('add')
    .description('创建账号或重设密码：密码从标准输入读取，只保存 argon2 哈希')
    .argument('<id>', '账号')
    .requiredOption('--role <role>', 'admin 或 supervisor')
    .option('--password-stdin', '从标准输入读取密码')
    .action(addUser);
  user
    .command('list')
    .description('列出账号')
    .action(async () => {
      for (const a of await cliStore().accounts.list()) console.log(`${a.id}\t${a.role}\t${shanghaiTime(a.createdAt)}`);
    });
}
