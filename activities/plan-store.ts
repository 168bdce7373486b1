/**
 * Where a started plan's obligations wait to be fanned out. A plan's
 * obligations are far larger than a workflow input may be (Temporal caps a
 * payload at 2 MB), so `duban plan start` writes them here, content-addressed,
 * and the planStart workflow hands out batches by offset. Workers on several
 * hosts need DUBAN_DATA_DIR on shared storage.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ObligationInput } from '../contracts/obligation';

export interface PlanStore {
  /** Saves the list and returns its key (the hash of its content). */
  save(planId: string, obligations: ObligationInput[]): string;
  load(key: string): ObligationInput[];
}

export function openPlanStore(dir: string): PlanStore {
  const cache = new Map<string, ObligationInput[]>();
  const fileOf = (key: string) => {
    if (!/^[\w.-]+$/.test(key)) throw new Error(`Invalid plan store key: ${key}`);
    return path.join(dir, `${key}.json`);
  };
  return {
    save(planId, obligations) {
      const body = JSON.stringify(obligations);
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
      const key = `${planId.replace(/[^\w.-]/g, '_')}.${hash}`;
      mkdirSync(dir, { recursive: true });
      const tmp = `${fileOf(key)}.${process.pid}.tmp`;
      writeFileSync(tmp, body);
      renameSync(tmp, fileOf(key));
      return key;
    },
    load(key) {
      let list = cache.get(key);
      if (!list) {
        list = JSON.parse(readFileSync(fileOf(key), 'utf8')) as ObligationInput[];
        cache.set(key, list);
      }
      return list;
    },
  };
}
