import { describe, expect, it } from 'vitest';
import { CORRECTION, checkedAnswer } from '../../src/agent/conversation/claim-check.js';

const stored = {
  tool: 'schedule_task',
  line: '✅ Stored [k7m2qd] stand up — every weekday at 09:00, Europe/Berlin (Europe/Berlin).',
  created: true,
};
const cancelled = { tool: 'cancel_task', line: '🗑 Cancelled [k7m2qd] stand up.', created: false };

describe('the reply never claims a job that was not created', () => {
  it.each([
    "Sure, I've set a reminder for 5pm!",
    "I'll remind you tomorrow at 9.",
    'Your reminder is set.',
    "You're all set.",
    'I have scheduled the check for you.',
    "You'll be reminded at noon.",
  ])('"%s" with no stored job gets the correction', (text) => {
    const { text: out, corrected } = checkedAnswer(text, []);
    expect(corrected).toBe(true);
    expect(out).toBe(`${text}\n\n${CORRECTION}`);
  });

  it('a creation claim needs a created job: a cancellation alone does not back it', () => {
    expect(checkedAnswer("I'll remind you at 9.", [cancelled]).corrected).toBe(true);
    expect(checkedAnswer('Cancelled it.', [cancelled]).corrected).toBe(false);
  });

  it('a claim backed by a stored job is kept, and the stored line (from the tool result) follows the words', () => {
    const { text, corrected } = checkedAnswer("Done, I'll remind you every weekday.", [stored]);
    expect(corrected).toBe(false);
    expect(text).toBe(`Done, I'll remind you every weekday.\n\n${stored.line}`);
  });

  it('a change claimed with nothing changed is corrected; words that promise nothing are left alone', () => {
    expect(checkedAnswer("I've cancelled your standup.", []).corrected).toBe(true);
    expect(checkedAnswer('You have two reminders: standup and tea.', []).corrected).toBe(false);
    expect(checkedAnswer('I set reminders and answer questions about them.', []).corrected).toBe(false);
  });
});
