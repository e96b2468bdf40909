// The CLI as a person runs it (bin/chime.js, from dist/ when built): one exit-code rule for
// usage errors across commands (README: errors go to stderr with exit code 1).
import { describe, expect, it } from 'vitest';
import { binChime } from './bin-chime.js';

const chime = binChime();

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
