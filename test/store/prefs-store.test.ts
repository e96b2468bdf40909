import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from './contract.js';

function open() {
  return openSqliteStore(':memory:', { clock: new ManualClock(T0) });
}

describe('prefs store', () => {
  it('get is undefined until something is set', () => {
    const { prefs } = open();
    expect(prefs.get('telegram', 'user', 'u1')).toBeUndefined();
    expect(prefs.effective('telegram', 'u1', 'c1')).toEqual({});
  });

  it('set merges: setting the date order keeps the time zone', () => {
    const { prefs } = open();
    prefs.set('telegram', 'user', 'u1', { timeZone: 'Europe/Berlin' });
    prefs.set('telegram', 'user', 'u1', { dateOrder: 'mdy' });
    expect(prefs.get('telegram', 'user', 'u1')).toEqual({ timeZone: 'Europe/Berlin', dateOrder: 'mdy' });
    prefs.set('telegram', 'user', 'u1', { timeZone: 'Asia/Tokyo' });
    expect(prefs.get('telegram', 'user', 'u1')).toEqual({ timeZone: 'Asia/Tokyo', dateOrder: 'mdy' });
  });

  it('precedence per field: the user setting, else the chat default, else nothing', () => {
    const { prefs } = open();
    prefs.set('telegram', 'chat', 'c1', { timeZone: 'America/New_York', dateOrder: 'mdy' });
    expect(prefs.effective('telegram', 'u1', 'c1')).toEqual({ timeZone: 'America/New_York', dateOrder: 'mdy' });
    prefs.set('telegram', 'user', 'u1', { timeZone: 'Europe/Berlin' });
    expect(prefs.effective('telegram', 'u1', 'c1')).toEqual({ timeZone: 'Europe/Berlin', dateOrder: 'mdy' });
    expect(prefs.effective('telegram', 'u2', 'c1')).toEqual({ timeZone: 'America/New_York', dateOrder: 'mdy' });
    expect(prefs.effective('telegram', 'u1', 'c2')).toEqual({ timeZone: 'Europe/Berlin' });
  });

  it('scopes and platforms do not mix: a user id equal to a chat id, or another platform', () => {
    const { prefs } = open();
    prefs.set('telegram', 'chat', '42', { dateOrder: 'dmy' });
    expect(prefs.get('telegram', 'user', '42')).toBeUndefined();
    expect(prefs.get('discord', 'chat', '42')).toBeUndefined();
  });

  it('clear forgets given fields, or all', () => {
    const { prefs } = open();
    prefs.set('telegram', 'user', 'u1', { timeZone: 'Europe/Berlin', dateOrder: 'dmy' });
    prefs.clear('telegram', 'user', 'u1', ['dateOrder']);
    expect(prefs.get('telegram', 'user', 'u1')).toEqual({ timeZone: 'Europe/Berlin' });
    prefs.clear('telegram', 'user', 'u1');
    expect(prefs.get('telegram', 'user', 'u1')).toBeUndefined();
  });

  it('a bad date order is refused by the schema', () => {
    const { prefs } = open();
    expect(() => prefs.set('telegram', 'user', 'u1', { dateOrder: 'ymd' as never })).toThrow();
  });
});
