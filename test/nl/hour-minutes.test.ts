import { describe, expect, it } from 'vitest';
import { p } from './helpers.js';

// Thursday 2026-12-03 11:00 in Berlin, the tester's reference.
const NOW = '2026-12-03T11:00:00+01:00';
const TZ = 'Europe/Berlin';

/** Wall clock of an instant in `tz`, from Intl: hour, minute, weekday (0 = Sunday), ISO with offset. */
function wall(at: Date, tz: string): { h: number; mi: number; dow: number; iso: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName!.slice(3);
  const iso = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
  const dow = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!);
  return { h: Number(parts.hour), mi: Number(parts.minute), dow, iso };
}

/** The first `count` whole minutes after `from` whose wall clock in `tz` passes `keep`: the calendar's answer. */
function calendar(from: string, tz: string, count: number, keep: (w: ReturnType<typeof wall>) => boolean): string[] {
  const out: string[] = [];
  for (let t = new Date(from).getTime() + 60_000; out.length < count; t += 60_000) {
    const w = wall(new Date(t), tz);
    if (keep(w)) out.push(w.iso);
  }
  return out;
}

describe('minutes of the hour in an hourly repeat are the schedule, not the text', () => {
  it.each([
    ['every hour at 15 past ping', 15],
    ['every hour at :15 ping', 15],
    ['every hour at quarter past ping', 15],
    ['every hour at 15 minutes past ping', 15],
    ['every hour at 15 past the hour ping', 15],
    ['every hour at half past ping', 30],
    ['hourly at :30 ping', 30],
    ['every hour on the hour ping', 0],
    ['every hour at quarter to ping', 45],
    ['every hour at 15 minutes to ping', 45],
    ['at :15 every hour ping', 15],
    ['every hour on the half hour ping', 30],
    ['every hour at five past ping', 5],
    ['every 15 past the hour ping', 15],
    ['every quarter to the hour ping', 45],
  ])('"%s" fires at minute %i of every hour, text "ping"', (text, minute) => {
    const r = p(text, { now: NOW, tz: TZ });
    expect(r.ok).toBe(true);
    expect(r.text).toBe('ping');
    expect(r.next).toEqual(calendar(NOW, TZ, 4, (w) => w.mi === minute));
  });

  it('"every hour at 20 to" with nothing after is 20 to the hour: :40', () => {
    const r = p('every hour at 20 to', { now: NOW, tz: TZ });
    expect(r.next).toEqual(calendar(NOW, TZ, 4, (w) => w.mi === 40));
  });

  it('"every hour at 20 to ping" is asked about (20 to the hour, or 20:00 "to ping"), with a form that works', () => {
    const r = p('every hour at 20 to ping', { now: NOW, tz: TZ });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/:40/);
    expect(p('every hour at :40 ping', { now: NOW, tz: TZ }).next).toEqual(calendar(NOW, TZ, 4, (w) => w.mi === 40));
  });

  it('"every hour, at 20 to" (a comma after the repeat) is still :40', () => {
    expect(p('every hour, at 20 to', { now: NOW, tz: TZ }).next).toEqual(calendar(NOW, TZ, 4, (w) => w.mi === 40));
  });

  it('"every weekday at 20 to 5" is still 16:40 on weekdays', () => {
    const r = p('every weekday at 20 to 5 ping', { now: NOW, tz: TZ });
    expect(r.next).toEqual(calendar(NOW, TZ, 4, (w) => w.h === 16 && w.mi === 40 && w.dow >= 1 && w.dow <= 5));
  });

  it('"every hour at :15 and :45" fires at both minutes', () => {
    const r = p('every hour at :15 and :45 ping', { now: NOW, tz: TZ });
    expect(r.next).toEqual(calendar(NOW, TZ, 4, (w) => w.mi === 15 || w.mi === 45));
  });

  it('"every 2 hours at :15" fires at the next :15, then every 2 hours', () => {
    const r = p('every 2 hours at :15 ping', { now: NOW, tz: TZ });
    expect(r.text).toBe('ping');
    const firstQuarter = new Date(calendar(NOW, TZ, 1, (w) => w.mi === 15)[0]!).getTime();
    expect(r.next).toEqual([0, 1, 2, 3].map((i) => wall(new Date(firstQuarter + i * 2 * 3_600_000), TZ).iso));
  });

  it('"every hour at :15 from 9 to 5 on weekdays" keeps each :15 between 09:00 and 17:00 on Monday to Friday', () => {
    const r = p('every hour at :15 from 9 to 5 on weekdays ping', { now: NOW, tz: TZ });
    const inside = (w: ReturnType<typeof wall>) => w.mi === 15 && w.h >= 9 && w.h * 60 + w.mi <= 17 * 60 && w.dow >= 1 && w.dow <= 5;
    expect(r.next).toEqual(calendar(NOW, TZ, 4, inside));
    // past the window's end: Thursday 16:15 is the last, Friday 09:15 the next
    expect(p('every hour at :15 from 9 to 5 on weekdays ping', { now: '2026-12-03T16:30:00+01:00', tz: TZ }).next[0]).toBe(
      calendar('2026-12-03T16:30:00+01:00', TZ, 1, inside)[0],
    );
  });

  it('"every hour from 9:30 to 5" stops at 16:30: 17:30 is outside the window', () => {
    const r = p('every hour from 9:30 to 5 ping', { now: '2026-12-03T16:00:00+01:00', tz: TZ });
    expect(r.next).toEqual(calendar('2026-12-03T16:00:00+01:00', TZ, 4, (w) => w.mi === 30 && w.h >= 9 && w.h <= 16));
  });

  it('"every day at 15 past 9" is still 09:15 every day', () => {
    expect(p('every day at 15 past 9 ping', { now: NOW, tz: TZ }).next).toEqual(calendar(NOW, TZ, 4, (w) => w.h === 9 && w.mi === 15));
  });

  it('"at 5 to buy milk" is still 5 o\'clock with the text "buy milk"', () => {
    const r = p('at 5 to buy milk', { now: NOW, tz: TZ });
    expect(r.text).toBe('buy milk');
    expect(r.next).toEqual(calendar(NOW, TZ, 1, (w) => w.h === 17 && w.mi === 0));
  });
});

it('"every quarter hour" is every 15 minutes from now', () => {
  const r = p('every quarter hour ping', { now: NOW, tz: TZ });
  expect(r.text).toBe('ping');
  expect(r.next).toEqual([1, 2, 3, 4].map((i) => wall(new Date(new Date(NOW).getTime() + i * 15 * 60_000), TZ).iso));
});

describe('hour phrases without an exact meaning are refused with a form that works', () => {
  it.each([
    ['every hour during work hours ping', /work hours/, 'every hour from 9 to 5 on weekdays ping'],
    ['every hour in business hours ping', /business hours/, 'every hour from 9 to 5 on weekdays ping'],
    ['every hour during office hours ping', /office hours/, 'every hour from 9 to 5 on weekdays ping'],
    ['every hour except lunch ping', /lunch/, 'every hour from 9 to 12 ping'],
    ['every weekday except holidays at 9 ping', /holidays/, 'every weekday at 9 ping'],
    ['every 30 min past the hour ping', /every 30 minutes, or once an hour/, 'every hour at :30 ping'],
    ['every day at 15 past ping', /which hour/, 'every day at 15 past 9 ping'],
    ['tomorrow at quarter past ping', /which hour/, 'every day at 15 past 9 ping'],
    ['every hour from 9 to 12 and from 1 to 5 ping', /One window/, 'every hour from 9 to 12 ping'],
    ['every 30 minutes at :15 ping', /whole hours/, 'every 2 hours at :15 ping'],
    ['every hour at :75 ping', /not a minute/, 'every hour at :15 ping'],
    ['every hour on the quarter hour ping', /quarter hour/, 'every 15 minutes ping'],
    ['every quarter past 3 ping', /every day at that time, or every hour/, 'every day at quarter past 3 ping'],
    ['every hour at 5 after lunch', /5 minutes past the hour/, 'every hour at :05 ping'],
    ['every weekday 9 to 5 ping', /hours from 9 to 5/, 'every hour from 9 to 5 ping'],
    ['every hour 9-5 ping', /hours from 9 to 5/, 'every hour from 9 to 5 ping'],
  ])('"%s" is refused', (text, reason, example) => {
    const r = p(text, { now: NOW, tz: TZ });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(reason);
    expect(p(example, { now: NOW, tz: TZ }).ok).toBe(true);
  });
});

describe('a bare number after "every hour at" is minute or start: asked about, with both forms', () => {
  it.each([
    ['every hour at 15 ping', 'every hour at :15 ping', 'every hour from 15:00 ping', 15],
    ['every 2 hours at 9 ping', 'every 2 hours at :09 ping', 'every 2 hours from 09:00 ping', 9],
    ['hourly at 3 ping', 'hourly at :03 ping', 'hourly from 03:00 ping', 3],
    ['every hour, at 0 ping', 'every hour at :00 ping', 'every hour from 00:00 ping', 0],
  ])('"%s" was hourly from that hour; now refused, and both readings parse as said', (text, minute, start, n) => {
    const r = p(text, { now: NOW, tz: TZ });
    expect(r.ok).toBe(false);
    expect(r.error).toContain(`Say "${minute}" for the minute, or "${start}" for the start.`);
    // minute n of the hours: the first fire is the next wall clock at :n (Thursday 11:00 Berlin)
    expect(p(minute, { now: NOW, tz: TZ }).next[0]).toBe(calendar(NOW, TZ, 1, (w) => w.mi === n)[0]);
    // from n:00: the first fire is the next n:00 on the wall clock
    expect(p(start, { now: NOW, tz: TZ }).next[0]).toBe(calendar(NOW, TZ, 1, (w) => w.h === n && w.mi === 0)[0]);
  });

  it.each([
    // no hour 45: only a minute, written ":45" (was left in the text: "at 45 ping")
    ['every hour at 45 ping', /minute 45 of every hour: write it ":45"/, 'every hour at :45 ping'],
    ['every hour at 75 ping', /neither a minute of the hour/, 'every hour at :15 ping'],
  ])('"%s" is refused', (text, reason, example) => {
    const r = p(text, { now: NOW, tz: TZ });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(reason);
    expect(p(example, { now: NOW, tz: TZ }).ok).toBe(true);
  });

  it.each([
    // the forms that say which are read as before
    ['every hour at 15 past ping', (w: { mi: number }) => w.mi === 15],
    ['every hour at 3pm ping', (w: { h: number; mi: number }) => w.h === 15 && w.mi === 0],
    ['every hour at 15:00 ping', (w: { h: number; mi: number }) => w.h === 15 && w.mi === 0],
  ])('"%s" still reads', (text, keep) => {
    expect(p(text, { now: NOW, tz: TZ }).next[0]).toBe(calendar(NOW, TZ, 1, keep)[0]);
  });
});
