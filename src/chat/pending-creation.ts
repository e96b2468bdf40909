import { randomBytes } from 'node:crypto';
import { UserError } from '../core/errors.js';
import { firesMoreThanOnce } from '../core/schedule.js';
import type { Job, NewJob } from '../core/job.js';
import { action } from './action-ids.js';
import type { CommandContext, ResolvedChatDeps } from './command.js';
import { confirmation } from './confirmation.js';
import { checkQuotaFor } from './quotas.js';
import { jobSubject } from './describe.js';
import { formatWhen, truncate } from './format.js';
import type { ActionAnswer, ChatContext, Reply } from './message.js';
import type { ReaderZone } from './reader-zone.js';

/** Text compared for duplicates: case and spacing do not make a reminder different. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

function sameSchedule(a: Job['schedule'], b: Job['schedule']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Jobs due at the very same instant in one chat that are read for a duplicate check, at most. */
const SAME_TIME_READ = 50;

/**
 * An active job in the same chat with the same text and the same next time as `input` would
 * have (for a repetition: the same rule too), or undefined. Reads only jobs due at that instant.
 */
export async function findDuplicate(
  ctx: CommandContext,
  input: NewJob,
  subject: string,
  first: Date | undefined,
): Promise<Job | undefined> {
  if (!first) return undefined;
  const { msg } = ctx;
  const candidates = await ctx.deps.scheduler.listJobs({
    originPlatform: msg.platform,
    originChatId: msg.chatId,
    status: 'active',
    nextRunAt: first,
    limit: SAME_TIME_READ,
  });
  const recurring = firesMoreThanOnce(input.schedule);
  return candidates.find(
    (j) =>
      j.origin.platform === msg.platform &&
      j.kind === input.kind &&
      j.nextRunAt?.getTime() === first.getTime() &&
      firesMoreThanOnce(j.schedule) === recurring &&
      (!recurring || sameSchedule(j.schedule, input.schedule)) &&
      sameText(jobSubject(j), subject),
  );
}

/** Asks whether to add a reminder that duplicates `existing`; the answer buttons create or drop it. */
export function askAboutDuplicate(ctx: CommandContext, existing: Job, input: NewJob, next: Date[], reader: ReaderZone): Reply {
  const token = randomBytes(6).toString('base64url');
  ctx.deps.memory.pendingCreations.set(token, { platform: ctx.msg.platform, userId: ctx.msg.userId, job: input, next, reader });
  const when = existing.nextRunAt ? ` at ${formatWhen(existing.nextRunAt, reader.timeZone, ctx.now)}` : '';
  return {
    text: `You already have this reminder in this chat: [${existing.id}] ${truncate(jobSubject(existing))}${when}. Add it again?`,
    actions: [[action('add', token), action('drop', token)]],
  };
}

/** "Add anyway" / "Cancel" under a duplicate question. Only the person who asked may answer. */
export async function answerPendingCreation(
  deps: ResolvedChatDeps,
  who: ChatContext,
  verb: 'add' | 'drop',
  token: string,
  now: Date,
): Promise<ActionAnswer> {
  const pending = deps.memory.pendingCreations.get(token);
  if (!pending) {
    return { toast: 'This question has expired (after a day, or a restart); nothing was added. Send the reminder again if you want it.' };
  }
  if (pending.platform !== who.platform || pending.userId !== who.userId) return { toast: 'Only the person who asked can answer this.' };
  if (verb === 'add') {
    try {
      await checkQuotaFor(deps, pending.job.owner, pending.job.origin);
    } catch (err) {
      // The question stays: once a reminder is cancelled, the same button adds this one.
      if (err instanceof UserError) return { toast: err.message };
      throw err;
    }
  }
  deps.memory.pendingCreations.delete(token);
  if (verb === 'drop') return { toast: 'Not added', edit: { text: 'Not added: you keep the reminder you already had.' } };
  const job = await deps.scheduler.createJob(pending.job);
  return { toast: 'Added', edit: confirmation(job, pending.next, pending.reader, now) };
}
