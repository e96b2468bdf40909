import { describe, expect, it } from 'vitest';
import { ALICE_DM, makeChat } from './harness.js';

// A reminder of only zero-width or control characters arrives as an empty-looking message; the
// API and CLI refuse such text (hasVisibleText), and the chat must too.
const INVISIBLE = ['\u200b\u200b', '\u0000\u0000', '\u2060 \u200e', '\u3164'];

describe('reminder text with nothing visible', () => {
  for (const blank of INVISIBLE) {
    const shown = JSON.stringify(blank);
    it(`/remind in 1 hour ${shown} asks what to remind about and sets nothing`, async () => {
      const t = makeChat();
      const text = await t.sayText(ALICE_DM, `/remind in 1 hour ${blank}`);
      // The Hangul filler is also a CJK letter, refused for that reason; either way nothing is set.
      expect(text).toMatch(/What should I remind you about\?|only read times written in English/);
      expect(t.scheduler.jobs.size).toBe(0);
    });

    it(`/edit <id> text: ${shown} is refused and keeps the text`, async () => {
      const t = makeChat();
      await t.say(ALICE_DM, '/remind in 2 hours stretch');
      const [id] = [...t.scheduler.jobs.keys()];
      const text = await t.sayText(ALICE_DM, `/edit ${id} text: ${blank}`);
      expect(text).toContain('The new text is empty.');
      expect((t.scheduler.jobs.get(id!)!.payload as { text: string }).text).toBe('stretch');
    });
  }
});
