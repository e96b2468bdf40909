// Loads a module of Chime the way `chime` runs it: from the compiled build in dist/ when that
// build matches the sources as they are now (see build-state.js), otherwise the TypeScript
// source itself through tsx, so what runs is always the code in the checkout. tsx costs memory
// and start time (it transforms every file on each start), hence dist/ whenever it is fresh.
// CHIME_FROM_SOURCE=1 forces the TypeScript path (to compare the two, or to debug).
import { BUNDLE_DIR, BUNDLE_ENTRY, buildState } from './build-state.js';

/**
 * Imports `path` (relative to the checkout, without extension, e.g. 'src/cli/main') and says
 * where it came from: 'dist', or 'source' when dist/ is 'missing', 'stale' or 'skipped'.
 */
export async function loadChime(path) {
  const state = process.env.CHIME_FROM_SOURCE === '1' ? 'skipped' : buildState();
  if (state === 'fresh') {
    // The CLI runs from its bundle (bin/build.js); any other module from the file-by-file build.
    const file = `${path}.ts` === BUNDLE_ENTRY ? `${BUNDLE_DIR}/chime` : path;
    return { module: await import(`../dist/${file}.js`), from: 'dist', state };
  }
  // Said only to a person at a terminal: scripts and tests that read stderr keep it as it was.
  if (state === 'stale' && process.stderr.isTTY) {
    process.stderr.write('chime: src/ changed since the last build, running it through tsx (`npm run build` makes starts lighter)\n');
  }
  const { register } = await import('tsx/esm/api');
  register();
  return { module: await import(`../${path}.ts`), from: 'source', state };
}
