/**
 * The current unit directory: the one `plan start --units FILE` and
 * `duban directory update FILE` last saved, so the commands that come later
 * in the year (events, requests, the SME-arrears schedule) need no flag.
 * Kept as YAML text, comments and all, so an admin can read what is in force.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

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
