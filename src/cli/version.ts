import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHIME_DIR } from '../config.js';

/**
 * Chime's version, from the package.json of the checkout or installed package (CHIME_DIR finds
 * it from the sources and from the compiled bundle alike), so it cannot drift from the release.
 */
export function chimeVersion(): string {
  const pkg = JSON.parse(readFileSync(join(CHIME_DIR, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
