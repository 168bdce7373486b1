/**
 * Where a started plan's obligations wait to be fanned out. A plan's
 * obligations are far larger than a workflow input may be (Temporal caps a
 * payload at 2 MB), so `duban plan start` writes them here, content-addressed,
 * and the planStart workflow hands out batches by offset. The embedded store
 * keeps them as files under DUBAN_DATA_DIR, the shared one in PostgreSQL.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ObligationInput } from '../contracts/obligation';
import type { Query } from './postgres';

export interface PlanStore {
  /** Saves the list and returns its key (the plan id and the hash of its content): the same list saved twice has one key. */
  save(planId: string, obligations: ObligationInput[]): Promise<string>;
  load(key: string): Promise<ObligationInput[]>;
  /** The keys of every list saved for this plan id, oldest first: the versions of the plan started so far. */
  keysOf(planId: string): Promise<string[]>;
}

const fileSafe = (planId: string) => planId.replace(/[^\w.-]/g, '_');

/** The key of a list: `<plan id, file-name safe>.<16 hex of the content's sha256>`. */
export function planStoreKey(planId: string, body: string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return `${fileSafe(planId)}.${hash}`;
}

/** One JSON file per key under `dir`; a list once read is kept in memory (keys are content hashes, so it never changes). */
export function openFilePlanStore(dir: string): PlanStore {
  const cache = new Map<string, ObligationInput[]>();
  const fileOf = (key: string) => {
    if (!/^[\w.-]+$/.test(key)) throw new Error(`Invalid plan store key: ${key}`);
    return path.join(dir, `${key}.json`);
  };
  return {
    async save(planId, obligations) {
      const body = JSON.stringify(obligations);
      const key = planStoreKey(planId, body);
      await mkdir(dir, { recursive: true });
      const tmp = `${fileOf(key)}.${randomUUID()}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, fileOf(key));
      return key;
    },
    async load(key) {
      let list = cache.get(key);
      if (!list) {
        list = JSON.parse(await readFile(fileOf(key), 'utf8')) as ObligationInput[];
        cache.set(key, list);
      }
      return list;
    },
    async keysOf(planId) {
      // Exactly `<id>.<16 hex>.json`: a plan id that is another's prefix (2026 and 2026.1) is not mixed in.
      const pattern = new RegExp(`^${fileSafe(planId).replace(/\./g, '\\.')}\\.[0-9a-f]{16}\\.json$`);
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => pattern.test(n));
      const dated = await Promise.all(names.map(async (n) => ({ key: n.slice(0, -'.json'.length), at: (await stat(path.join(dir, n))).mtimeMs })));
      return dated.sort((a, b) => a.at - b.at).map((d) => d.key);
    },
  };
}

/** In PostgreSQL (table plan_lists), one row per key; like the files, a list once read is kept in memory. */
export function postgresPlanStore(query: Query): PlanStore {
  const cache = new Map<string, ObligationInput[]>();
  return {
    async save(planId, obligations) {
      const body = JSON.stringify(obligations);
      const key = planStoreKey(planId, body);
      await query('INSERT INTO plan_lists (key, plan_id, obligations) VALUES ($1, $2, $3::json) ON CONFLICT (key) DO NOTHING', [key, planId, body]);
      return key;
    },
    async load(key) {
      let list = cache.get(key);
      if (!list) {
        const [row] = await query<{ obligations: ObligationInput[] }>('SELECT obligations FROM plan_lists WHERE key = $1', [key]);
        if (!row) throw new Error(`No plan list is stored under the key ${key}`);
        list = row.obligations;
        cache.set(key, list);
      }
      return list;
    },
    async keysOf(planId) {
      return (await query<{ key: string }>('SELECT key FROM plan_lists WHERE plan_id = $1 ORDER BY saved_at, key', [planId])).map((r) => r.key);
    },
  };
}
