import { UserError } from '../core/errors.js';
import type { Job } from '../core/job.js';
import { editWhen } from '../nl/edit-when.js';
import type { ParsedReminder, ParseRejection } from '../nl/types.js';
import type { CommandContext } from './command.js';
import { parseWithPrefs } from './parse-input.js';

/**
 * What `/edit <id> <when>` does to a reminder's day and repeat: the rule both the chat and the
 * API follow (nl/edit-when.ts); here a refusal is said as the chat says it, with /edit examples
 * and, for a single time on a repeating reminder, /snooze to move only the next one.
 * Returns the reading to store (a parse, as the caller stores any parse), or the parse as given.
 */
export async function editedWhen(
  ctx: CommandContext,
  job: Job,
  input: string,
  parsed: ParsedReminder | ParseRejection,
): Promise<ParsedReminder> {
  const zone = (await ctx.prefs()).timeZone;
  const result = await editWhen({ job, input, parsed, now: ctx.now, zone, read: (text) => parseWithPrefs(ctx, text) });
  if (result.ok) return result.parsed;
  const onlyNext = result.code === 'edit.ends_repeat' ? ` To move only the next reminder: /snooze ${job.id} ${input}.` : '';
  throw new UserError(result.code, `${result.reason}${onlyNext}`, `/edit ${job.id} ${result.example}`);
}
