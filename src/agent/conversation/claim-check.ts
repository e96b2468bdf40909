import type { StoredChange } from '../tools/tool-env.js';

/**
 * Words that promise something was set up: "I'll remind you", "reminder set", "I've scheduled",
 * "you're all set". A model may say them without having called a tool; the person must never
 * believe in a reminder that does not exist.
 */
const CREATION_CLAIM =
  /\b(?:I(?:'ll| will| am going to|'m going to)\s+(?:remind|ping|notify|message|tell|check|watch)|(?:reminder|job|task|alarm|watch)\s+(?:is\s+|has been\s+)?(?:set|scheduled|created|added|started)|(?:I(?:'ve| have)\s+)?(?:set(?: up)?|scheduled|created|added|started)\s+(?:a|an|the|your|that|this)\b|all set|you(?:'ll| will) (?:be reminded|get a reminder|hear from me))/i;

/** Words that say something was changed: "cancelled", "paused", "deleted". */
const CHANGE_CLAIM = /\b(?:I(?:'ve| have)\s+)?(?:cancell?ed|paused|resumed|deleted|removed|stopped|noted|remembered)\b/i;

export const CORRECTION =
  '⚠️ Correction: nothing was scheduled or changed in this turn — no reminder or job exists from it. Ask again, or use /remind (e.g. /remind tomorrow at 9 call mom).';

/**
 * The answer a person sees: the model's words, then one line per change as the store holds it
 * (built from the tool results, never from the model). A promise with no matching stored change
 * (a reminder promised but none created, a change claimed but nothing changed) gets the
 * correction appended, so the reply never claims a job that was not created.
 */
export function checkedAnswer(modelText: string, changes: readonly StoredChange[]): { text: string; corrected: boolean } {
  const created = changes.some((c) => c.created);
  const claimsCreation = CREATION_CLAIM.test(modelText) && !created;
  const claimsChange = CHANGE_CLAIM.test(modelText) && changes.length === 0;
  const corrected = claimsCreation || claimsChange;
  const parts = [modelText.trim(), changes.map((c) => c.line).join('\n'), corrected ? CORRECTION : ''].filter((p) => p !== '');
  return { text: parts.join('\n\n'), corrected };
}
