#!/usr/bin/env node
// `npm run build` (and `prepare`, so every `npm install` / `npm ci`): compiles src/ and adapters/
// to JavaScript in dist/, so `chime start` runs without a TypeScript loader.
//
// esbuild, file by file: it is the transformer tsx already runs on these same files in development
// and tests, so dist/ is the code the tests ran, compiled once instead of at each start; it takes
// well under a second where `tsc` emitting the same files takes tens of seconds on a small
// machine (type errors are `npm run typecheck`'s job, not the build's); the bundle below adds a
// few seconds on a loaded 2-core machine. Files that are not TypeScript (SQL migrations) are
// copied beside the code that reads them by relative path.
//
// The new build is written next to dist/ and swapped in whole, fingerprint last, so a start never
// sees half a build as fresh. Usage: node bin/build.js [--if-stale]
//
// `chime` itself (src/cli/main.ts and all it imports, bin/chime.js's entry) is also bundled, into
// dist/bundle/: one file to start from plus chunks for what loads later (the HTTP stack, the
// Telegram and Discord adapters, PostgreSQL), its npm packages included. Resolving, reading and
// compiling ~900 separate modules was most of `chime start`'s time to ready; a bundle is a few
// files. The file-by-file build above stays for what imports single modules (the benchmarks,
// this script). See bundleCli below for what stays outside the bundle and why.
//
// The web dashboard's browser code (src/dashboard/) is the exception to file by file: it runs in
// a browser, not in Node, so it is bundled into one script (dist/src/dashboard/app.js) by the
// same function a server running from the sources uses (src/api/dashboard-bundle.ts, imported
// here from the files just compiled), and its page and styles are copied beside it.
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_DIR, BUNDLE_ENTRY, buildState, DIST, FINGERPRINT_FILE, fingerprint, ROOT, sourceFiles } from './build-state.js';

/**
 * npm packages kept outside the bundle, loaded from node_modules as usual. A package that finds
 * its own files at run time (a native addon, a worker script next to its code) cannot work from
 * inside a bundle, whose code runs from dist/bundle/, not from the package:
 * - better-sqlite3: a native addon, found through its package directory;
 * - esbuild: a native binary (and only used to bundle the dashboard from sources);
 * - pino: its transports run worker scripts of its own and thread-stream's (`__dirname`);
 * - the chat platforms' libraries (grammy and @grammyjs/*, discord.js and @discordjs/*): some
 *   start worker threads from files beside their code, and the rest share their objects with
 *   them (@grammyjs/runner checks grammy's error classes, @discordjs/ws is discord.js's
 *   gateway): half bundled, half not, each would run against a second copy of the other.
 *   They load only when their platform is configured, from node_modules as in development.
 * The build fails, naming the file, when a bundled package finds its own files (see bundleCli).
 */
const EXTERNAL = ['better-sqlite3', 'esbuild', 'pino', 'grammy', '@grammyjs/*', 'discord.js', '@discordjs/*'];
/** How a module finds files beside itself: wrong for a package's code once it is in the bundle. */
const LOCATES_ITSELF = /\b__dirname\b|\b__filename\b|\brequire\.resolve\b|\bimport\.meta\.url\b/;

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
  await bundleCli(tmp);
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
/**
 * zod's `z.locales` (error messages in 45 languages, 376 kB: almost half of zod in the bundle,
 * compiled at every start) is a namespace esbuild cannot tree-shake. Chime never switches zod's
 * language (its messages are its own, in English), so the bundle's `z.locales` holds English only;
 * zod's default, English, is imported by zod itself and unchanged.
 */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
          ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};`,
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * Bundles `chime` (BUNDLE_ENTRY) into `<out>/bundle/`. Chime's own modules find files beside
 * them through `import.meta.url` (SQL migrations, the dashboard's assets, the package directory);
 * in a bundle that would be the chunk's URL, so each one's `import.meta.url` is rewritten to the
 * URL of the same module in the file-by-file build, where those files are.
 */
async function bundleCli(out) {
  const bundleDir = join(out, BUNDLE_DIR);
  const ownCode = {
    name: 'chime-module-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const file = relative(ROOT, args.path);
        if (file.startsWith('..') || file.startsWith('node_modules')) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const compiled = relative(bundleDir, join(out, file.replace(/\.ts$/, '.js')))
          .split(sep)
          .join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(compiled)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { chime: BUNDLE_ENTRY },
    outdir: bundleDir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    external: EXTERNAL,
    // Packages compare class names (node-fetch, under grammY, checks that a signal's class is
    // named AbortSignal); without this, a name esbuild changed to keep two apart breaks them.
    keepNames: true,
    // CommonJS packages inside an ES module bundle still call require() (Node's built-ins).
    banner: {
      js: "import { createRequire as __chimeCreateRequire } from 'node:module';\nconst require = __chimeCreateRequire(import.meta.url);",
    },
    plugins: [ownCode, zodEnglishOnly()],
    metafile: true,
    sourcemap: 'linked',
    logLevel: 'error',
  });
  const misplaced = Object.keys(result.metafile.inputs).filter(
    // Virtual modules (namespace:path, e.g. zod-locales:) have no file of their own.
    (f) => f.includes('node_modules/') && !/^[\w-]+:/.test(f) && LOCATES_ITSELF.test(readFileSync(join(ROOT, f), 'utf8')),
  );
  if (misplaced.length > 0)
    throw new Error(
      `bundled packages that locate their own files at run time (add them to EXTERNAL in bin/build.js): ${misplaced.join(', ')}`,
    );
}

process.stderr.write(`chime: built ${files.length} files into dist/ in ${Math.round(performance.now() - t0)} ms\n`);
