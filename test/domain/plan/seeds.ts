/** The real documents of ../shared/seeds, read in place (never copied into the repo). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readText } from '../../../domain/plan/read-text';
import type { ReadResult } from '../../../domain/plan/draft';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const seedsDir = path.resolve(repoRoot, '../shared/seeds');

/** seedPath('000') → the absolute path of 000_….txt. */
export function seedPath(prefix: string): string {
  const name = readdirSync(seedsDir).find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`seed ${prefix} not found in ${seedsDir}`);
  return path.join(seedsDir, name);
}

export function seedText(prefix: string): string {
  return readFileSync(seedPath(prefix), 'utf8');
}

export function readSeed(prefix: string): ReadResult {
  return readText(seedText(prefix), { file: path.basename(seedPath(prefix)) });
}
