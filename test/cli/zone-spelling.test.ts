// The CLI as a person runs it (bin/chime.js, from dist/ when built): zone ids are stored in
// their one canonical spelling, whatever case or alias they were typed in.
import { describe, expect, it } from 'vitest';
import { binChime } from './bin-chime.js';

const chime = binChime();

/** The zone as the runtime's calendar names it, with the modern IANA id where ICU keeps an old one. */
const intlZone = (z: string) => new Intl.DateTimeFormat(undefined, { timeZone: z }).resolvedOptions().timeZone;

describe('zone ids from the command line are stored in their IANA spelling', () => {
  it('--tz europe/london on create and --tz us/eastern on update store Europe/London and America/New_York', async () => {
    expect(intlZone('europe/london')).toBe('Europe/London');
    const created = await chime(
      'jobs',
      'create',
      '--name',
      'tea',
      '--schedule',
      '0 9 * * *',
      '--text',
      'tea',
      '--tz',
      'europe/london',
      '--format',
      'json',
    );
    expect(created.err).toBe('');
    const job = JSON.parse(created.out) as { id: string; timeZone: string };
    expect(job.timeZone).toBe('Europe/London');
    const updated = await chime('jobs', 'update', '--id', job.id, '--tz', 'us/eastern', '--format', 'json');
    expect(updated.err).toBe('');
    expect((JSON.parse(updated.out) as { timeZone: string }).timeZone).toBe(intlZone('US/Eastern'));
    expect(intlZone('US/Eastern')).toBe('America/New_York');
  }, 60_000);

  it('chime parse --tz europe/london answers in Europe/London', async () => {
    const r = await chime('parse', '--tz', 'europe/london', 'tomorrow at 9am');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Zone:     Europe/London');
  }, 60_000);
});
