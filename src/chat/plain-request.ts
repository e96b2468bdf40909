import type { ParseResult } from '../nl/types.js';
import { looksLikeAsk } from './ask-request.js';

/**
 * Greetings and sign-offs that happen to contain a day part ("good morning", "see you
 * tomorrow", "night!"): the parser reads a time in them, a person means no reminder.
 */
const SMALL_TALK = new RegExp(
  String.raw`^(?:(?:good|nice|lovely|have an? (?:good|nice|great|lovely))\s+(?:morning|afternoon|evening|night|day|weekend)` +
    String.raw`|(?:see|catch|talk to|speak to)\s+(?:you|ya|u)\b|(?:bye|goodbye|good ?night|gn|gm|night|morning|evening)\b(?!\s+(?:at|in|every)\b))`,
  'i',
);

/** A word of at least two letters (any script): the part that says what to remind about. */
const WORD = /\p{L}{2,}/u;

/**
 * How a plain sentence in a private chat (no command, no "remind me") is read:
 * - `reminder`: it names a time and something to be reminded of ("in 90 seconds check the oven");
 * - `time-only`: it is only a time ("2pm"), so the person is asked what for;
 * - `chatter`: anything else, answered with the friendly hint.
 * A repeat the parser refuses ("every 0 minutes spam") is a `reminder`, so its reason is shown.
 * Questions are chatter: "can we meet at 5?" asks something, it does not ask for a reminder;
 * but "every day at 8 ask: what is new?" asks for a prompt job, whose question ends the sentence.
 */
export function readPlainSentence(text: string, parsed: ParseResult): 'reminder' | 'time-only' | 'chatter' {
  const trimmed = text.trim();
  if (looksLikeAsk(trimmed)) return 'reminder';
  // "every 0 minutes spam": a repeat that cannot be kept is still a request, answered with why
  if (!parsed.ok && parsed.request) return 'reminder';
  if (!parsed.ok || trimmed.endsWith('?') || SMALL_TALK.test(trimmed)) return 'chatter';
  if (WORD.test(parsed.text)) return 'reminder';
  return /\p{L}|\d/u.test(parsed.text) ? 'chatter' : 'time-only';
}
