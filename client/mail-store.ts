/**
 * The local catcher's mailbox: one .eml file per message under
 * .data/mail, named so that listing the folder lists them in arrival order.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { CaughtMail } from './mail-catcher';

let sequence = 0;

export async function storeMail(mailDir: string, mail: CaughtMail): Promise<string> {
  await mkdir(mailDir, { recursive: true });
  sequence += 1;
  const name = `${mail.receivedAt.getTime()}-${process.pid}-${String(sequence).padStart(6, '0')}.eml`;
  const file = path.join(mailDir, name);
  await writeFile(file, mail.raw);
  return file;
}

export interface StoredMailSummary {
  file: string;
  receivedAt: Date;
  from: string;
  to: string;
  subject: string;
}

export async function listStoredMail(mailDir: string, limit = 50): Promise<StoredMailSummary[]> {
  let names: string[];
  try {
    names = (await readdir(mailDir)).filter((n) => n.endsWith('.eml')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const newest = names.slice(-limit).reverse();
  return Promise.all(
    newest.map(async (name) => {
      const file = path.join(mailDir, name);
      const parsed = await simpleParser(await readFile(file));
      return {
        file,
        receivedAt: new Date(Number(name.split('-')[0])),
        from: parsed.from?.text ?? '',
        to: [parsed.to].flat().map((a) => a?.text ?? '').join(', '),
        subject: parsed.subject ?? '',
      };
    }),
  );
}
