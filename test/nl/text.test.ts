import { describe, expect, it } from 'vitest';
import { p } from './helpers.js';

describe('reminder text is what is left', () => {
  it.each([
    ['remind me to call mom tomorrow at 9', 'call mom'],
    ['remind me that the oven is on in 20 minutes', 'the oven is on'],
    ['remind me about the dentist on friday', 'the dentist'],
    ['remind @sam to deploy at 4pm', 'deploy'],
    ['remind #general about the standup tomorrow at 9', 'the standup'],
    ['tomorrow at 9 remind me to call Mom', 'call Mom'],
    ['remind me in 2h30m to stretch', 'stretch'],
    ['Buy Milk & Eggs tmrw at 5pm', 'Buy Milk & Eggs'],
    ['remind me every day at 9am and 9pm to brush teeth', 'brush teeth'],
    ['call bob at 3pm London time', 'call bob'],
  ])('"%s" -> "%s"', (input, text) => {
    expect(p(input).text).toBe(text);
  });

  it('a holiday word inside the text stays text when another date is given', () => {
    expect(p('buy xmas gifts tomorrow at 5pm').text).toBe('buy xmas gifts');
  });

  it('a reminder may have no text', () => {
    expect(p('tomorrow at 9').text).toBe('');
  });
});

describe('numbers in the text stay text', () => {
  it('"look at 5 options tomorrow": "at 5 options" is not a time', () => {
    const r = p('look at 5 options tomorrow');
    expect(r.text).toBe('look at 5 options');
    expect(r.next[0]).toBe('2026-11-23T09:00:00+01:00');
  });

  it('"at 5 sharp" is a time, "sharp" included', () => {
    expect(p('meeting at 5pm sharp').text).toBe('meeting');
  });
});

describe('unicode in the text', () => {
  it('emoji before the time phrase keep every index aligned', () => {
    const r = p('🎂🎂 party for Zoë on 24 December 2026 at 18:00 🎉');
    expect(r.text).toBe('🎂🎂 party for Zoë 🎉');
    expect(r.next[0]).toBe('2026-12-24T18:00:00+01:00');
  });
});

describe('slash command prefix', () => {
  it('"/remind me to drink water every 2 hours" -> "drink water"', () => {
    expect(p('/remind me to drink water every 2 hours').text).toBe('drink water');
  });
});
