/** vitest globalSetup: runs once per run, in the main process. */
import { haveSeeds, seedsMissingLine } from './real-documents';

export default function setup(): void {
  if (!haveSeeds) console.log(seedsMissingLine);
}
