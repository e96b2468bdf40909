// Runs the CLI as a person does: `node bin/chime.js …` (from dist/ when it is built), each test
// file on its own fresh database.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

export interface BinResult {
  code: number;
  out: string;
  err: string;
}

/** A `chime(...argv)` for this test file, on a database made before its tests and removed after. */
export function binChime(): (...argv: string[]) => Promise<BinResult> {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chime-bin-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return async (...argv) => {
    const env = { ...process.env, CHIME_DB: join(dir, 'chime.db'), LOG_LEVEL: 'silent', CHIME_TZ: 'Europe/Berlin' };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/chime.js', ...argv], { cwd: ROOT, env });
      return { code: 0, out: stdout, err: stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  };
}
