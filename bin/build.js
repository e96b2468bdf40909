#!/usr/bin/env node
// `npm run build` (and `prepare`, so every `npm install` / `npm ci`): compiles src/ and adapters/
// to JavaScript in dist/, so `chime start` runs without a TypeScript loader.
//
// esbuild, file by file (no bundle): it is the transformer tsx already runs on these same files
// in development and tests, so dist/ is the code the tests ran, compiled once instead of at each
// start; it takes well under a second where `tsc` emitting the same files takes tens of seconds
// on a small machine (type errors are `npm run typecheck`'s job, not the build's). Files that are
// not TypeScript (SQL migrations) are copied beside the code that reads them by relative path.
//
// The new build is written next to dist/ and swapped in whole, fingerprint last, so a start never
// sees half a build as fresh. Usage: node bin/build.js [--if-stale]
//
// The web dashboard's browser code (src/dashboard/) is the exception to file by file: it runs in
// a browser, not in Node, so it is bundled into one script (dist/src/dashboard/app.js) by the
// same function a server running from the sources uses (src/api/dashboard-bundle.ts, imported
// here from the files just compiled), and its page and styles are copied beside it.
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildState, DIST, FINGERPRINT_FILE, fingerprint, ROOT, sourceFiles } from './build-state.js';

if (process.argv.includes('--if-stale') && buildState() === 'fresh') process.exit(0);

const t0 = performance.now();
// Taken before compiling: a file edited while the build runs makes the result stale, not fresh.
const print = fingerprint();
const files = sourceFiles();
const DASHBOARD = 'src/dashboard';
const isBrowserCode = (f) => f.startsWith(`${DASHBOARD}/`) && f.endsWith('.ts');
const tmp = `${DIST}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
try {
  await build({
    absWorkingDir: ROOT,
    entryPoints: files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !isBrowserCode(f)),
    outdir: tmp,
    outbase: '.',
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    // Maps on disk cost nothing at run time; `NODE_OPTIONS=--enable-source-maps` uses them.
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of files.filter((f) => !f.endsWith('.ts'))) {
    mkdirSync(dirname(join(tmp, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(tmp, file));
  }
  const { BUNDLE_FILE, bundleDashboard } = await import(pathToFileURL(join(tmp, 'src/api/dashboard-bundle.js')).href);
  writeFileSync(join(tmp, DASHBOARD, BUNDLE_FILE), await bundleDashboard(join(ROOT, DASHBOARD)));
  writeFileSync(join(tmp, FINGERPRINT_FILE), `${print}\n`);
  const old = `${DIST}.old-${process.pid}`;
  rmSync(old, { recursive: true, force: true });
  try {
    renameSync(DIST, old);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  renameSync(tmp, DIST);
  rmSync(old, { recursive: true, force: true });
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  throw err;
}
process.stderr.write(`chime: built ${files.length} files into dist/ in ${Math.round(performance.now() - t0)} ms\n`);
