import { UserError } from '../core/errors.js';
import type { ParsedReminder, ParseResult } from '../nl/types.js';
import type { CommandContext } from './command.js';

/** A bare duration like `2h`, `10 min`, `1h30m`: meaningful as "in …" when replying to a message. */
const BARE_DURATION = /^\d+(?:[.,]\d+)?\s*[a-z]+(?:\s*\d+(?:[.,]\d+)?\s*[a-z]+)*$/i;

/** Runs the parser with the reader's zone and date order. */
export async function parseWithPrefs(ctx: CommandContext, text: string): Promise<ParseResult> {
  const prefs = await ctx.prefs();
  // The parser reads as much as the text limit allows, so the one limit is the only one a person meets.
  const opts = {
    now: ctx.now,
    timeZone: prefs.timeZone,
    maxLength: ctx.deps.quotas.maxTextLength,
    ...(prefs.dateOrder ? { dateOrder: prefs.dateOrder } : {}),
  };
  let result = await ctx.deps.parse(text, opts);
  // "/remind 2h" (as a reply) means "in 2h"; retry that reading before giving up.
  if (!result.ok && BARE_DURATION.test(text.trim())) {
    const retry = await ctx.deps.parse(`in ${text.trim()}`, opts);
    if (retry.ok) result = retry;
  }
  if (result.ok && (result.next.length === 0 || result.next.some((d) => Number.isNaN(d.getTime())))) {
    return { ok: false, error: 'That time is out of range.', example: 'in 2 hours' };
  }
  return result;
}

/** Parses or throws the parser's message with an example that would work. */
export async function parseOrThrow(ctx: CommandContext, text: string, example: string): Promise<ParsedReminder> {
  const result = await parseWithPrefs(ctx, text);
  if (!result.ok) throw new UserError('parse.rejected', result.error, result.example ? asCommandExample(ctx, result.example) : example);
  return result;
}

/** The parser's examples are plain phrases ("remind me to call mom at 9"); a /command user sees them as a command. */
function asCommandExample(ctx: CommandContext, example: string): string {
  if (!ctx.msg.text.trim().startsWith('/')) return example;
  return `/${ctx.command} ${example.replace(/^remind me (to |that |about )?/i, '')}`;
}
