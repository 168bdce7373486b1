/** The real documents of DUBAN_SEEDS_DIR (default ../shared/seeds), read in place (never copied into the repo). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { readText } from '../../../domain/plan/read-text';
import type { ReadResult } from '../../../domain/plan/draft';
import { haveSeeds, seedsDir } from '../../helpers/real-documents';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * describe and it for the real documents; where they are absent the tests are
 * skipped (vitest's global set-up says so once). A skipped block's body is not
 * even run, as it may read a seed while collecting its tests.
 */
export function describeSeeds(name: string, body: () => void): void {
  if (haveSeeds) describe(name, body);
  else describe.skip(name, () => it('needs the real seed documents (DUBAN_SEEDS_DIR)', () => undefined));
}
export const itSeeds = it.skipIf(!haveSeeds);

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
