/** `chime parse` never prints a date past year 9999: it says why instead. */
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

describe('chime parse at the end of the supported range', () => {
  it('--now 9999-12-31T23:59:59Z "in 1.5h x" is refused with the reason, and no year 10000 is printed', async () => {
    for (const extra of [[], ['--json']]) {
      const io = captureIo({ LOG_LEVEL: 'silent', CHIME_TZ: 'UTC' });
      await main(['parse', ...extra, '--now', '9999-12-31T23:59:59Z', 'in 1.5h x'], io);
      const all = io.out + io.err;
      expect(all).toMatch(/beyond the dates I can keep/);
      expect(all).not.toMatch(/10000/);
    }
  });
});
