import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { jsonObject, outputFormat, parseOptions, positiveInt, required } from '../../src/cli/args.js';
import { describeSchedule, duration } from '../../src/cli/describe.js';
import { clip, instant, json, jsonArrayWriter, table, tableWriter } from '../../src/cli/format.js';
import { CLI_ORIGIN, CLI_OWNER, scheduleFromSpec } from '../../src/cli/schedule-input.js';

const NOW = new Date('2026-11-22T10:00:00Z');

describe('CLI helpers', () => {
  it('options: unknown flags and missing values become UserErrors carrying the usage', () => {
    expect(parseOptions(['--id', 'k7m2qd'], { id: { type: 'string' } }, 'u')).toEqual({ id: 'k7m2qd' });
    const err = (() => {
      try {
        parseOptions(['--nope'], { id: { type: 'string' } }, 'chime x --id ID');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).example).toBe('chime x --id ID');
    // Before, the last of two --text values was kept and the other dropped without a word.
    expect(() => parseOptions(['--text', 'hi', '--text', 'bye'], { text: { type: 'string' } }, 'u')).toThrow(
      '--text is given twice ("hi" and "bye"); give it once.',
    );
    expect(() => parseOptions(['--all', '--all'], { all: { type: 'boolean' } }, 'u')).toThrow('--all is given twice; give it once.');
    expect(parseOptions(['--tag', 'a', '--tag', 'b'], { tag: { type: 'string', multiple: true } }, 'u')).toEqual({ tag: ['a', 'b'] });
    expect(() => required(undefined, 'id', 'u')).toThrow('--id is required.');
    expect(positiveInt(undefined, 'limit', 50)).toBe(50);
    expect(() => positiveInt('0', 'limit', 50)).toThrow(/--limit must be a positive whole number/);
    expect(() => outputFormat('yaml')).toThrow(/table or json/);
    expect(jsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(() => jsonObject('[1]')).toThrow(/JSON object/);
  });

  it('tables and JSON arrays written page by page equal the whole ones (one page fixes the widths)', () => {
    const rows = [
      ['a', 'x'],
      ['abcdef', 'y'],
      ['b', 'z'],
    ];
    let out = '';
    const w = tableWriter(['ID', 'NAME'], (t) => {
      out += t;
    });
    w.page(rows);
    expect(out).toBe(table(['ID', 'NAME'], rows));
    w.page([['c', 'w']]);
    expect(out.endsWith('c       w\n')).toBe(true);
    expect(w.rows).toBe(4);
    const items = [{ a: 1, b: [1, 2] }, { a: 2 }, { c: 'x' }];
    let text = '';
    const j = jsonArrayWriter((t) => {
      text += t;
    });
    j.items(items.slice(0, 2));
    j.items([]);
    j.items(items.slice(2));
    j.end();
    expect(text).toBe(json(items));
    let empty = '';
    const e = jsonArrayWriter((t) => {
      empty += t;
    });
    e.end();
    expect(empty).toBe(json([]));
  });

  it('instants show wall time with offset in the job zone', () => {
    expect(instant(NOW, 'Europe/Berlin')).toBe('2026-11-22 11:00:00 +01:00');
    expect(instant(NOW)).toBe('2026-11-22 10:00:00 +00:00');
    expect(instant(null)).toBe('-');
  });

  it('tables align columns; empty tables say (none)', () => {
    expect(
      table(
        ['ID', 'NAME'],
        [
          ['a', 'x'],
          ['abcdef', 'y'],
        ],
      ),
    ).toBe('ID      NAME\na       x\nabcdef  y\n');
    expect(table(['ID'], [])).toBe('(none)\n');
    expect(clip('a very long reminder text indeed', 10)).toBe('a very lo…');
  });

  it('schedules read back as short specs', () => {
    expect(duration(90_000)).toBe('1m30s');
    expect(describeSchedule({ schedule: { kind: 'interval', everyMs: 1_800_000, anchor: NOW }, timeZone: 'UTC' })).toBe('every 30m');
    expect(describeSchedule({ schedule: { kind: 'cron', pattern: '0 9 * * 1-5' }, timeZone: 'Europe/Berlin' })).toBe(
      'cron:0 9 * * 1-5 (Europe/Berlin)',
    );
    expect(describeSchedule({ schedule: { kind: 'manual' }, timeZone: 'UTC' })).toBe('manual');
  });

  it('--schedule specs parse in the job zone; --once limits a recurring schedule to one run', () => {
    const cron = scheduleFromSpec('0 2 * * *', { now: NOW, timeZone: 'Europe/Berlin', once: false });
    expect(cron.schedule).toEqual({ kind: 'cron', pattern: '0 2 * * *' });
    expect(cron.bounds.maxRuns).toBeUndefined();
    expect(scheduleFromSpec('5m', { now: NOW, timeZone: 'UTC', once: true }).bounds.maxRuns).toBe(1);
    expect(scheduleFromSpec('now', { now: NOW, timeZone: 'UTC', once: true }).bounds.maxRuns).toBeUndefined();
    expect(() => scheduleFromSpec('every blue moon', { now: NOW, timeZone: 'UTC', once: false })).toThrow(UserError);
    expect(CLI_OWNER).toMatchObject({ platform: 'console', userId: 'cli' });
    expect(CLI_ORIGIN).toMatchObject({ platform: 'console', chatId: 'console' });
  });
});
