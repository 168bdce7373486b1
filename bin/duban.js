#!/usr/bin/env node
// The `duban` command. It runs client/cli.ts compiled by esbuild (bin/cli-build.mjs: rebuilt whenever a source
// changed, so it always matches the checked-out code, and fast to start). DUBAN_CLI_TSX=1, or a build that fails
// (a source mid-edit), runs the sources through tsx instead, which reports their errors as they are.
import { pathToFileURL } from 'node:url';

let entry;
if (!process.env.DUBAN_CLI_TSX) {
  try {
    entry = await (await import('./cli-build.mjs')).builtCli();
  } catch {
    entry = undefined;
  }
}
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../client/cli.ts');
}
