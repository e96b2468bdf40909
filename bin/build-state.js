// Whether dist/ holds a build of exactly the sources now in the checkout.
//
// The build (bin/build.js) writes a fingerprint of the sources it compiled into dist/; a start
// recomputes it from the file tree and runs dist/ only when both match, so an edit made after
// `npm install` is never hidden behind an old build. The fingerprint covers every file under the
// compiled directories: its path, size and modification time (compared for equality, not order,
// so a file restored with an older time counts as changed too, and an added, removed or renamed
// file changes the path list). Stat calls only: about 2 ms for ~250 files, where reading and
// hashing their contents would cost several times that on every start.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout: the directory holding package.json, one up from bin/. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
/** What the build compiles (TypeScript) or copies (everything else, e.g. SQL migrations). */
export const SOURCE_DIRS = ['src', 'adapters'];
export const DIST = join(ROOT, 'dist');
/** The module bin/chime.js runs, and where the build bundles it (inside dist/, as chime.js). */
export const BUNDLE_ENTRY = 'src/cli/main.ts';
export const BUNDLE_DIR = 'bundle';
/** The file inside dist/ holding the fingerprint of the sources the build was made from. */
export const FINGERPRINT_FILE = '.source-fingerprint';
/**
 * Part of every fingerprint: a change to how the build is made (the compiler's options in
 * bin/build.js, the TypeScript settings esbuild reads from tsconfig.json) has to invalidate old
 * builds just like a source edit.
 */
const BUILD_INPUTS = ['bin/build.js', 'tsconfig.json'];

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
}

/** All files the build reads, sorted, relative to the checkout. */
export function sourceFiles(root = ROOT) {
  const files = [];
  for (const dir of SOURCE_DIRS) walk(join(root, dir), files);
  return files.map((f) => relative(root, f)).sort();
}

/** A hash over path, size and mtime of every source file and build input. */
export function fingerprint(root = ROOT) {
  const hash = createHash('sha256');
  for (const file of [...sourceFiles(root), ...BUILD_INPUTS]) {
    const st = statSync(join(root, file), { throwIfNoEntry: false });
    hash.update(`${file}\0${st ? `${st.size}\0${st.mtimeMs}` : 'missing'}\n`);
  }
  return hash.digest('hex');
}

/**
 * 'fresh' when dist/ was built from the sources as they are now; 'missing' when there is no
 * complete build (never built, e.g. `npm install --ignore-scripts`, or a build cut short);
 * 'stale' when a source changed since.
 */
export function buildState(root = ROOT) {
  let stamp;
  try {
    stamp = readFileSync(join(root, 'dist', FINGERPRINT_FILE), 'utf8').trim();
  } catch {
    return 'missing';
  }
  return stamp === fingerprint(root) ? 'fresh' : 'stale';
}
