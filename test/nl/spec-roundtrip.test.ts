import { describe, expect, it } from 'vitest';
import { parseScheduleSpec } from '../../src/core/schedule-spec.js';
import { nextFires } from '../../src/core/schedule.js';
import { parse } from '../../src/nl/parse.js';

const NOW = new Date('2026-11-22T10:00:00+01:00');
const PHRASES = [
  'tomorrow at 9',
  'in 20 minutes',
  'every weekday at 9',
  'every 2 weeks on tuesday',
  'every other day',
  'every first monday of the month',
  'on the 1st and 15th of every month',
  'hourly from 9 to 5 on weekdays',
  'every 30 minutes',
  'every day at 9 starting next monday',
  'every hour until 6 pm',
  'every 8 hours for 5 times',
  'every sunday at 5pm for 8 weeks',
  'on wednesday at 3 pm and on saturday at 10 am',
  'every weekday at 9 and on saturday at 10',
  'monthly',
  'yearly',
  'every year on feb 29',
  'at 3pm London time every day',
  'every 15 minutes between 9 and 10',
];

describe('the canonical spec reads back as the same schedule', () => {
  it.each(PHRASES)('"%s": parseScheduleSpec(spec) fires when the parse said', (phrase) => {
    const r = parse(phrase, { now: NOW, timeZone: 'Europe/Berlin' });
    if (!r.ok) throw new Error(r.error);
    const back = parseScheduleSpec(r.spec, { now: NOW, timeZone: r.timeZone, allowPast: true });
    const fires = nextFires(back.schedule, r.timeZone, NOW, r.next.length, back.bounds);
    expect(fires.map((d) => d.toISOString())).toEqual(r.next.map((d) => d.toISOString()));
  });
});

describe('every accepted corpus phrase', () => {
  it('has a spec that reads back with the same fires (what the store keeps is what was shown)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('./corpus/', import.meta.url);
    let checked = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFileSync(new URL(file, dir), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const c = JSON.parse(line) as { text: string; tz: string; now: string; dateOrder?: 'dmy' | 'mdy' };
        const now = new Date(c.now);
        const r = parse(c.text, { now, timeZone: c.tz, ...(c.dateOrder ? { dateOrder: c.dateOrder } : {}) });
        if (!r.ok) continue;
        const back = parseScheduleSpec(r.spec, { now, timeZone: r.timeZone, allowPast: true });
        const fires = nextFires(back.schedule, r.timeZone, now, r.next.length, back.bounds);
        expect(
          fires.map((d) => d.getTime()),
          `${c.text} (${c.tz}): ${r.spec}`,
        ).toEqual(r.next.map((d) => d.getTime()));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe('sub-second reference times', () => {
  it('an interval parsed at 10:00:00.700 reads back from its spec with the same fires', () => {
    const now = new Date('2026-11-22T09:00:00.700Z');
    const r = parse('every 30 minutes', { now, timeZone: 'Europe/Berlin' });
    if (!r.ok) throw new Error(r.error);
    const back = parseScheduleSpec(r.spec, { now, timeZone: r.timeZone, allowPast: true });
    expect(nextFires(back.schedule, r.timeZone, now, 4, back.bounds)).toEqual(r.next);
  });
});
