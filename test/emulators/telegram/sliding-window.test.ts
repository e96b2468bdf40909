import { describe, expect, it } from 'vitest';
import { SlidingWindow } from './sliding-window.js';

describe('Bot API stand-in limits', () => {
  it('window: the 31st send within 1000 ms is refused with retry_after, accepted once the first leaves the window', () => {
    let t = 0;
    const w = new SlidingWindow({ globalPerSecond: 30, slackMs: 0 }, () => t);
    for (let i = 0; i < 30; i++) {
      t = i * 10;
      expect(w.admit(100 + i, false)).toBeUndefined();
    }
    t = 999;
    expect(w.admit(999, false)).toBe(1);
    t = 1001;
    expect(w.admit(999, false)).toBeUndefined();
  });

  it('arrival jitter: a send up to slackMs early is accepted, one earlier still is refused', () => {
    let t = 0;
    const w = new SlidingWindow({ globalPerSecond: 1000, perChatIntervalMs: 1000, slackMs: 100 }, () => t);
    expect(w.admit(5, false)).toBeUndefined();
    t = 850;
    expect(w.admit(5, false)).toBe(1);
    t = 920;
    expect(w.admit(5, false)).toBeUndefined();
  });

  it('bucket: a burst of 30 passes, the 31st is refused; a steady 30/s is sustained', () => {
    let t = 0;
    const w = new SlidingWindow({ globalPerSecond: 30, globalMode: 'bucket' }, () => t);
    for (let i = 0; i < 30; i++) expect(w.admit(100 + i, false)).toBeUndefined();
    expect(w.admit(200, false)).toBe(1);
    for (let i = 0; i < 300; i++) {
      t += 1000 / 30;
      expect(w.admit(300 + i, false)).toBeUndefined();
    }
    expect(w.admit(999, false)).toBe(1);
  });

  it('per chat: a second send to one chat within the gap is refused; 20 per minute into a group', () => {
    let t = 0;
    const w = new SlidingWindow({ globalPerSecond: 1000, perChatIntervalMs: 1000, groupPerMinute: 20 }, () => t);
    expect(w.admit(5, false)).toBeUndefined();
    t = 500;
    expect(w.admit(5, false)).toBe(1);
    for (let i = 0; i < 20; i++) {
      t = 1000 + i * 1000;
      expect(w.admit(-7, true)).toBeUndefined();
    }
    t = 21_000;
    expect(w.admit(-7, true)).toBeGreaterThan(1);
  });
});
