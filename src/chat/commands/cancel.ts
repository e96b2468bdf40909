import { UserError } from '../../core/errors.js';
import type { CommandContext, CommandModule } from '../command.js';
import { normaliseId } from '../access.js';
import { inJobTurn } from '../job-turn.js';
import { jobSubject } from '../describe.js';
import { truncate } from '../format.js';
import type { Action, Reply } from '../message.js';
import { cancelWithSnoozedCopies, copiesEndedNote } from '../snooze-apply.js';
import { idNamedInReply } from '../replied-id.js';

/** Most ids one /cancel takes; more are refused as a whole (nothing cancelled) so none is skipped silently. */
const MAX_IDS = 20;

/** One id's outcome: a line, the Undo when it was cancelled, the refusal when it was not. */
interface Outcome {
  line: string;
  undo?: Action;
  refused?: UserError;
  /** The snoozed copies this cancel of a series ended with it. */
  copies?: string[];
}

async function cancelOne(ctx: CommandContext, id: string, several: boolean): Promise<Outcome> {
  try {
    return await inJobTurn(ctx, id, async (job) => {
      if (job.status === 'cancelled' || job.status === 'completed') {
        throw new UserError('job.finished', `Reminder ${job.id} is already ${job.status}.`, '/list');
      }
      const { copies, undo } = await cancelWithSnoozedCopies(ctx.deps, job);
      return {
        copies: copies.map((c) => c.after.id),
        // The note is its own sentence: the text before it ends without a full stop.
        line: `🗑 Cancelled [${job.id}]: ${truncate(jobSubject(job))}${copies.length ? `\n${copiesEndedNote(copies).trimStart()}` : ''}`,
        ...(undo ? { undo: { ...undo, label: several ? `Undo ${job.id}` : 'Undo' } } : {}),
      };
    });
  } catch (err) {
    if (err instanceof UserError) return { line: `⚠️ ${truncate(normaliseId(id), 20)}: ${err.message} Not cancelled.`, refused: err };
    throw err;
  }
}

function ids(ctx: CommandContext): string[] {
  if (!ctx.args.trim()) {
    const named = idNamedInReply(ctx.msg);
    return named ? [named] : [];
  }
  return [
    ...new Set(
      ctx.args
        .split(/[\s,]+/)
        .map(normaliseId)
        .filter(Boolean),
    ),
  ];
}

/** `/cancel <id> [id…]`: every id given is handled, and each one that was not cancelled says why. */
export const cancel: CommandModule = {
  name: 'cancel',
  aliases: ['delete'],
  description: 'Cancel reminders: /cancel <id> [more ids]',
  usage: '/cancel <id> [id…]',
  async run(ctx): Promise<Reply[]> {
    const wanted = ids(ctx);
    if (wanted.length === 0) throw new UserError('id.missing', 'Which reminder? Give its id (see /list).', '/cancel k7m2qd');
    if (wanted.length > MAX_IDS) {
      throw new UserError(
        'cancel.too_many',
        `That is ${wanted.length} ids; /cancel takes at most ${MAX_IDS} at once. Nothing was cancelled.`,
        '/cancel k7m2qd p3x9ab',
      );
    }
    const results: Outcome[] = [];
    // A snoozed copy named after its series was ended by the series' cancel above: that is
    // said as such and counted, not refused as "already cancelled … Not cancelled".
    const endedWith = new Map<string, string>();
    for (const id of wanted) {
      const series = endedWith.get(id);
      if (series) {
        results.push({ line: `🗑 Cancelled [${id}] too: it is the snoozed copy of [${series}] above, whose Undo brings it back.` });
        continue;
      }
      const outcome = await cancelOne(ctx, id, wanted.length > 1);
      for (const copy of outcome.copies ?? []) endedWith.set(normaliseId(copy), normaliseId(id));
      results.push(outcome);
    }
    // One id: its refusal is the answer (with its example). A scheduled run with any refusal
    // fails, naming what was not cancelled, so it is never recorded as a success.
    const [only] = results;
    if (only?.refused && results.length === 1) throw only.refused;
    const refusals = results.filter((r) => r.refused);
    if (ctx.ghostJob && refusals.length > 0) throw new UserError('cancel.partly', refusals.map((r) => r.line).join('\n'));
    const undos = results.flatMap((r) => (r.undo ? [r.undo] : []));
    const done = results.length - refusals.length;
    const head = wanted.length > 1 ? [`Cancelled ${done} of ${wanted.length}:`] : [];
    const rows: Action[][] = [];
    for (let i = 0; i < undos.length; i += 3) rows.push(undos.slice(i, i + 3));
    return [{ text: [...head, ...results.map((r) => r.line)].join('\n'), ...(rows.length ? { actions: rows } : {}) }];
  },
};
