import { UserError } from '../core/errors.js';

/** `<when> ask: <prompt>`: a prompt job. The marker splits the time from the task. */
const ASK = /^(.*?)\bask:\s*([\s\S]*)$/i;

export const ASK_EXAMPLE = '/remind every weekday at 8 ask: what should I focus on today?';

/**
 * Splits "every weekday at 8 ask: what should I focus on today?" into the time, which goes
 * to Chime's own parser (never the model), and the prompt, which is never parsed for a time:
 * a prompt mentioning "today" must not move the schedule. Undefined when there is no `ask:`.
 */
export function splitAsk(text: string): { when: string; prompt: string } | undefined {
  const m = ASK.exec(text.trim());
  if (!m) return undefined;
  const prompt = (m[2] ?? '').trim();
  if (!prompt) throw new UserError('ask.empty', 'What should I ask the agent? Put the question after "ask:".', ASK_EXAMPLE);
  return { when: (m[1] ?? '').trim(), prompt };
}

/**
 * The same from typed options (Discord's /remind when: what:): the what starts with "ask:".
 * Undefined without typed options, or when the what is a plain reminder text.
 */
export function askFromParts(
  parts: { when?: string | undefined; what?: string | undefined } | undefined,
): { when: string; prompt: string } | undefined {
  const when = parts?.when?.trim();
  const m = /^ask:\s*([\s\S]*)$/i.exec(parts?.what?.trim() ?? '');
  if (!when || !m) return undefined;
  const prompt = (m[1] ?? '').trim();
  if (!prompt) throw new UserError('ask.empty', 'What should I ask the agent? Put the question after "ask:".', ASK_EXAMPLE);
  return { when, prompt };
}

/** True for a plain sentence that asks for a prompt job ("every day at 8 ask: …"): not a question to answer now. */
export function looksLikeAsk(text: string): boolean {
  return /\S\s+ask:\s*\S/i.test(text.trim());
}
