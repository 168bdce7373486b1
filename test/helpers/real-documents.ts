/**
 * Where the real plan documents live: outside the repository (they are not
 * ours to publish), in the folder DUBAN_SEEDS_DIR names, by default
 * ../shared/seeds beside the checkout. Tests that read them are skipped where
 * the folder is absent; the project's own fixtures (test/fixtures/plans)
 * cover every document shape without them.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/env';

export const seedsDir = path.resolve(projectRoot, process.env.DUBAN_SEEDS_DIR ?? '../shared/seeds');
export const haveSeeds = existsSync(seedsDir);

/** The one line a run prints when the real documents are not there. */
export const seedsMissingLine = `real seed documents not found at ${seedsDir}; set DUBAN_SEEDS_DIR to run them`;
