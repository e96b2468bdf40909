import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { parseCommand } from '../../src/cli/commands/parse.js';
import { captureIo } from '../../src/cli/io.js';

function streams(input = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  return { io: { stdin: Readable.from([input]), stdout, stderr }, out: () => out, err: () => err };
}

const NOW = ['--tz', 'Europe/Berlin', '--now', '2026-11-22T10:00:00+01:00'];

describe('chime parse', () => {
  it('--json prints one object with kind, text, next (ISO with offset) and the canonical schedule', async () => {
    const s = streams();
    const code = await parseCommand(['remind me to call mom tomorrow at 9', ...NOW, '--json'], s.io);
    expect(code).toBe(0);
    const obj = JSON.parse(s.out());
    expect(obj).toMatchObject({ ok: true, kind: 'once', text: 'call mom', next: ['2026-11-23T09:00:00+01:00'] });
    expect(typeof obj.schedule).toBe('string');
  });

  it('--json for a recurring request lists the first fire and at least 3 more', async () => {
    const s = streams();
    await parseCommand(['every weekday at 9', ...NOW, '--json'], s.io);
    const obj = JSON.parse(s.out());
    expect(obj.kind).toBe('recurring');
    expect(obj.next.length).toBeGreaterThanOrEqual(4);
  });

  it('a rejection prints {"ok":false,"error"} and exits 1', async () => {
    const s = streams();
    const code = await parseCommand(['remind me to call mom', ...NOW, '--json'], s.io);
    expect(code).toBe(1);
    expect(JSON.parse(s.out())).toMatchObject({ ok: false });
  });

  it('--jsonl answers one line per input line, in order, including bad lines', async () => {
    const input = [
      JSON.stringify({ text: 'in 20 minutes', tz: 'Europe/Berlin', now: '2026-11-22T10:00:00+01:00' }),
      'not json',
      JSON.stringify({ text: 'at 3', tz: 'Asia/Tokyo', now: '2026-11-22T10:00:00+09:00' }),
    ].join('\n');
    const s = streams(`${input}\n`);
    expect(await parseCommand(['--jsonl'], s.io)).toBe(0);
    const lines = s
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].next[0]).toBe('2026-11-22T10:20:00+01:00');
    expect(lines[1].ok).toBe(false);
    expect(lines[2].next[0]).toBe('2026-11-22T15:00:00+09:00');
  });

  it('human output by default; --date-order decides numeric dates', async () => {
    const s = streams();
    await parseCommand(['3/12', ...NOW, '--date-order', 'mdy'], s.io);
    expect(s.out()).toContain('2027-03-12T09:00:00+01:00');
  });

  it('works with the CLI io contract (write functions)', async () => {
    const io = captureIo();
    expect(await parseCommand(['at 5pm', ...NOW, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out).next[0]).toBe('2026-11-22T17:00:00+01:00');
  });

  it('bad options exit 1 with the usage, as every chime command', async () => {
    const s = streams();
    expect(await parseCommand(['x', '--bogus'], s.io)).toBe(1);
    expect(s.err()).toContain('Usage');
  });
});

describe('chime parse --json rejection shape', () => {
  it('has exactly ok and error, the example inside the message', async () => {
    const s = streams();
    await parseCommand(['remind me to call mom', ...NOW, '--json'], s.io);
    const obj = JSON.parse(s.out());
    expect(Object.keys(obj).sort()).toEqual(['error', 'ok']);
    expect(obj.error).toMatch(/Try: "/);
  });
  // Worked out from the calendar: New York springs forward at 02:00 on Sun 14 Mar 2027 (EST -05
  // to EDT -04) and falls back at 02:00 on Sun 7 Nov 2027 (01:00-02:00 twice).
  describe('says why a shown time is not the one asked for', () => {
    const NY = ['--tz', 'America/New_York', '--now', '2026-12-03T10:00:00Z'];

    it('a daily 02:30 names the day it does not exist and where it runs instead', async () => {
      const s = streams();
      expect(await parseCommand(['every day at 2:30am take pills', ...NY], s.io)).toBe(0);
      expect(s.out()).toContain(
        'Note:     02:30 does not exist on 2027-03-14 in America/New_York (clocks go forward an hour): it runs at 03:30 that day.',
      );
    });

    it('a 01:30 that happens twice says which one it runs at, in text and JSON', async () => {
      const text = streams();
      await parseCommand(['nov 7 2027 at 1:30am call the bank', ...NY], text.io);
      expect(text.out()).toContain(
        '01:30 happens twice on 2027-11-07 in America/New_York (clocks go back an hour): it runs at the first 01:30, before clocks go back.',
      );
      const json = streams();
      await parseCommand(['nov 7 2027 at 1:30am call the bank', ...NY, '--json'], json.io);
      expect(JSON.parse(json.out()).wallNotes).toEqual([{ kind: 'fold', at: '2027-11-07T01:30:00-04:00', which: 'first', minutes: 60 }]);
    });

    it('a repeat that skips months says so; a plain one has no notes', async () => {
      const skips = streams();
      await parseCommand(['every 31st at 8am rent', ...NY, '--json'], skips.io);
      expect(JSON.parse(skips.out()).caveats).toEqual([expect.stringContaining('Feb, Apr, Jun, Sep, Nov')]);
      const plain = streams();
      await parseCommand(['every day at 9am stretch', ...NY], plain.io);
      expect(plain.out()).not.toContain('Note:');
    });
  });
});
