// The `duban` command, compiled: client/cli.ts bundled by esbuild into
// .build/ (git-ignored), so a call pays neither tsx's loader nor its
// transpiling (about 0.2 s of CPU before anything happens). The build is
// named by a fingerprint of the sources (every .ts/.tsx path, size and
// mtime), so an edited checkout gets a fresh build on its next call (esbuild
// takes a fraction of a second) and never runs stale code. Concurrent calls
// may build at once: each builds in its own folder and moves the files into
// place chunks first, entry last, each by an atomic rename.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** One level below the root, as config/env.ts is: it finds the project root from its own URL. */
const outDir = path.join(root, '.build');
const SKIP = new Set(['node_modules', 'test', 'bench', 'scripts', 'examples', 'docs', 'bin']);

function sources(dir = root, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || (dir === root && SKIP.has(entry.name))) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, out);
    else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** The sources as they are now: any edit, new or removed file changes it. */
export function fingerprint() {
  const hash = createHash('sha256');
  for (const file of sources().sort()) {
    const s = statSync(file);
    hash.update(`${path.relative(root, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  // The build's own recipe is part of it.
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Node's ESM loader takes `pkg/sub/path` only from packages that map it (`exports`); for the rest
 * (`dayjs/plugin/utc`, `@temporalio/common/lib/…`) the bundle names the file itself.
 */
const deepImports = {
  name: 'deep-imports',
  setup(build) {
    build.onResolve({ filter: /^(@[^/]+\/)?[^./][^/]*\/.+/ }, (args) => {
      const require = createRequire(path.join(args.resolveDir, 'x.js'));
      // An external JSON import would lose its `with { type: 'json' }`: data goes into the bundle.
      if (args.path.endsWith('.json')) return { path: require.resolve(args.path) };
      const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
      let pkgDir;
      try {
        pkgDir = path.dirname(require.resolve(`${name}/package.json`));
      } catch {
        return { path: args.path, external: true };
      }
      const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
      if (pkg.exports) return { path: args.path, external: true };
      const file = require.resolve(args.path);
      return { path: `${name}/${path.relative(pkgDir, file).split(path.sep).join('/')}`, external: true };
    });
  },
};

/** The entry of the build for these sources, built now if there is none. */
export async function builtCli() {
  const fp = fingerprint();
  const entry = path.join(outDir, `cli-${fp}.js`);
  if (existsSync(entry)) return entry;
  const { build } = await import('esbuild');
  const tmp = path.join(outDir, `tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp, { recursive: true });
  try {
    await build({
      entryPoints: { [`cli-${fp}`]: path.join(root, 'client/cli.ts') },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      plugins: [deepImports],
      outdir: tmp,
      chunkNames: 'chunk-[hash]',
      logLevel: 'silent',
    });
    const files = readdirSync(tmp).sort((a, b) => Number(a.startsWith('cli-')) - Number(b.startsWith('cli-')));
    for (const f of files) renameSync(path.join(tmp, f), path.join(outDir, f));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(fp, new Set(files));
  return entry;
}

/**
 * Older entries go at once; chunks (content-named, shared by builds) once no build of the last hour made them,
 * so a command still running on an older build can load the rest of its chunks.
 */
function prune(fp, current) {
  const hourAgo = Date.now() - 3_600_000;
  for (const f of readdirSync(outDir)) {
    const file = path.join(outDir, f);
    const oldEntry = /^cli-[0-9a-f]{16}\.js$/.test(f) && f !== `cli-${fp}.js`;
    const oldChunk = /^chunk-.+\.js$/.test(f) && !current.has(f) && statSync(file, { throwIfNoEntry: false })?.mtimeMs < hourAgo;
    if (!oldEntry && !oldChunk) continue;
    try {
      unlinkSync(file);
    } catch {
      // Another call pruned it first.
    }
  }
}
