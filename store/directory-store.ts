/**
 * The current unit directory: the one `plan start --units FILE` and
 * `duban directory update FILE` last saved, so the commands that come later
 * in the year (events, requests, the SME-arrears schedule) need no flag.
 * Kept as YAML text, comments and all, so an admin can read what is in force.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Query } from './postgres';

export interface DirectoryStore {
  /** Where the current directory is kept, for messages to the admin (a file, for the embedded store). */
  readonly location: string;
  /** The current directory's YAML text; undefined before the first save. */
  load(): Promise<string | undefined>;
  /** Makes `yaml` the current directory. */
  save(yaml: string): Promise<void>;
}

/** The embedded one: `file`, replaced whole (written beside it, then renamed into place). */
export function fileDirectoryStore(file: string): DirectoryStore {
  return {
    location: file,
    async load() {
      try {
        return await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async save(yaml) {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${randomUUID()}.tmp`;
      await writeFile(tmp, yaml);
      await rename(tmp, file);
    },
  };
}

/** The shared one: table directory_versions, one row per save (the history of who was whose contact), the newest current. */
export function postgresDirectoryStore(query: Query, location: string): DirectoryStore {
  return {
    location,
    async load() {
      const [row] = await query<{ yaml: string }>('SELECT yaml FROM directory_versions ORDER BY id DESC LIMIT 1');
      return row?.yaml;
    },
    async save(yaml) {
      await query('INSERT INTO directory_versions (yaml) VALUES ($1)', [yaml]);
    },
  };
}
