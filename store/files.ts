/**
 * The files the web keeps: a plan, directory or holiday file uploaded for a
 * preview (read again when the admin starts it, perhaps by another web
 * server behind the proxy), and the evidence units attach to their reports
 * (downloaded by whoever may see the report, from any web server). In the
 * store, not on a web server's disk, so no web server keeps anything of its
 * own: files under DUBAN_DATA_DIR for the embedded store, the table
 * kept_file for PostgreSQL.
 *
 * A name once kept is never replaced: evidence is named by its content's
 * SHA-256, so the same file attached twice is kept once, and uploads by a
 * random id. Uploads are needed only between preview and start, so those
 * older than a day go when the next one is kept.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Migration } from './migrations';
import type { Query } from './postgres';

export type FileKind = 'upload' | 'evidence';

export interface KeptFile {
  bytes: Buffer;
  /** The name the file had on the uploader's computer, so problems found in it name the file the admin chose. */
  originalName?: string;
}

export interface FileStore {
  /** Keeps `file` as `name` of its kind unless that name is already kept; `now` is when (tests move it back). */
  put(kind: FileKind, name: string, file: KeptFile, now?: number): Promise<void>;
  /** The file kept as `name`, or undefined. */
  get(kind: FileKind, name: string): Promise<KeptFile | undefined>;
}

/** How long an upload waits for its start. */
export const UPLOAD_KEPT_MS = 24 * 3_600_000;

/** An id with at most one extension: never a path, and never the embedded store's `.original-name` beside it. */
function checkName(name: string): string {
  if (!/^[\w-]+(\.[a-z0-9]+)?$/i.test(name)) throw new Error(`Invalid kept file name: ${name}`);
  return name;
}

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/** Writes beside the target and renames into place, so a reader on another process never sees half a file. */
async function writeWhole(target: string, data: Buffer | string, now: number): Promise<void> {
  const tmp = `${target}.${randomUUID()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, target);
  await utimes(target, now / 1000, now / 1000);
}

/**
 * The embedded one: `dirs.upload/<name>` and `dirs.evidence/<name>` (the
 * folders evidence was kept in before it was part of the store), an upload's
 * original name beside it in `<name>.original-name`. When it was kept is the
 * file's modification time.
 */
export function openFileStore(dirs: Record<FileKind, string>): FileStore {
  async function purgeUploads(before: number): Promise<void> {
    const dir = dirs.upload;
    for (const entry of await readdir(dir).catch(() => [])) {
      const file = path.join(dir, entry);
      // Another web server may be purging the same folder: a file gone already is fine.
      const kept = await stat(file).catch(() => undefined);
      if (kept && kept.mtimeMs < before) await rm(file, { force: true });
    }
  }
  return {
    async put(kind, name, file, now = Date.now()) {
      const target = path.join(dirs[kind], checkName(name));
      if (await stat(target).then(() => true, () => false)) return;
      await mkdir(dirs[kind], { recursive: true });
      // The name first: once the bytes are there, so is it.
      if (file.originalName !== undefined) await writeWhole(`${target}.original-name`, file.originalName, now);
      await writeWhole(target, file.bytes, now);
      if (kind === 'upload') await purgeUploads(now - UPLOAD_KEPT_MS);
    },
    async get(kind, name) {
      const target = path.join(dirs[kind], checkName(name));
      let bytes: Buffer;
      try {
        bytes = await readFile(target);
      } catch (err) {
        if (missing(err)) return undefined;
        throw err;
      }
      const originalName = await readFile(`${target}.original-name`, 'utf8').catch((err: unknown) => {
        if (missing(err)) return undefined;
        throw err;
      });
      return originalName === undefined ? { bytes } : { bytes, originalName };
    },
  };
}

export const filesMigration: Migration = {
  version: 5,
  name: 'uploads and evidence files',
  sql: `
    CREATE TABLE kept_file (
      kind text NOT NULL,
      name text NOT NULL,
      original_name text,
      bytes bytea NOT NULL,
      kept_at timestamptz NOT NULL,
      PRIMARY KEY (kind, name)
    );
    CREATE INDEX kept_file_uploads ON kept_file (kept_at) WHERE kind = 'upload';`,
};

/** The shared one: one row per file in kept_file, the bytes as bytea (evidence is at most 10 MB, a plan 20 MB). */
export function postgresFiles(query: Query): FileStore {
  return {
    async put(kind, name, file, now = Date.now()) {
      const values = [kind, checkName(name), file.originalName ?? null, file.bytes, new Date(now)];
      const insert = 'INSERT INTO kept_file (kind, name, original_name, bytes, kept_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, name) DO NOTHING';
      if (kind === 'upload') await query(`WITH purged AS (DELETE FROM kept_file WHERE kind = 'upload' AND kept_at < $6) ${insert}`, [...values, new Date(now - UPLOAD_KEPT_MS)]);
      else await query(insert, values);
    },
    async get(kind, name) {
      const [row] = await query<{ bytes: Buffer; original_name: string | null }>('SELECT bytes, original_name FROM kept_file WHERE kind = $1 AND name = $2', [kind, checkName(name)]);
      if (!row) return undefined;
      return row.original_name === null ? { bytes: row.bytes } : { bytes: row.bytes, originalName: row.original_name };
    },
  };
}

/**
 * The shared store, for a deployment that kept evidence on a shared volume
 * (`DUBAN_DATA_DIR/evidence`) before files were part of the store: a file
 * the table does not have is looked for there, and copied into the table
 * when found, so reports made before the upgrade keep their attachments and
 * the volume can be retired once every one has been opened (or copied).
 */
export function withEvidenceFolder(files: FileStore, folder: string): FileStore {
  const old = openFileStore({ upload: path.join(folder, '.unused'), evidence: folder });
  return {
    put: (kind, name, file, now) => files.put(kind, name, file, now),
    async get(kind, name) {
      const kept = await files.get(kind, name);
      if (kept || kind !== 'evidence') return kept;
      const found = await old.get('evidence', name);
      if (found) await files.put('evidence', name, found);
      return found;
    },
  };
}
