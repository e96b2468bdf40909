// The CLI as a person runs it (bin/chime.js, from dist/ when built): one exit-code rule for
// usage errors across commands (README: errors go to stderr with exit code 1).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chime-cli-exit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chime(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const env = { ...process.env, CHIME_DB: join(dir, 'chime.db'), LOG_LEVEL: 'silent', CHIME_TZ: 'Europe/Berlin' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/chime.js', ...argv], { cwd: ROOT, env });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

describe('CLI usage errors exit 1, as README says for every command', () => {
  it('chime parse with an unknown option, no text, a bad --now or --date-order exits 1 like chime jobs list', async () => {
    const list = await chime('jobs', 'list', '--colour', 'red');
    expect(list.code).toBe(1);
    for (const argv of [
      ['parse', '--zone', 'Europe/Paris', 'tomorrow at 9am'],
      ['parse'],
      ['parse', '--now', 'yesterday-ish', 'tomorrow at 9am'],
      ['parse', '--date-order', 'ymd', 'tomorrow at 9am'],
    ]) {
      const r = await chime(...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 1 });
      expect(r.err).not.toBe('');
    }
  }, 60_000);
});
