import { ForbiddenError, NotFoundError, UserError } from '../core/errors.js';
import { clip } from '../core/text-limit.js';
import type { Job } from '../core/job.js';
import type { CommandContext } from './command.js';
import type { ChatContext } from './message.js';

/**
 * Who may see and change a job:
 * - the owner sees and changes their jobs from anywhere on the same platform;
 * - members of a group see the group's jobs; a chat admin there may change them;
 * - a private chat's jobs are invisible to everyone but their owner;
 * - a private chat has one person, who manages every job delivered there, whoever made it
 *   (the command line makes jobs for the console chat);
 * - a scheduled command (a ghost with its owner's rights) sees and changes only jobs of the
 *   chat it was created in: a group's job cannot reach its owner's private reminders.
 * Errors for jobs one may not see say "No reminder with id …", exactly as for missing ones,
 * so ids cannot be probed.
 */
export function isOwner(job: Job, who: ChatContext): boolean {
  return job.owner.platform === who.platform && job.owner.userId === who.userId;
}

/** The job belongs to the chat `who` writes in, and that chat is a group (or a private chat). */
function inThisChat(job: Job, who: ChatContext, chatType: 'group' | 'private'): boolean {
  return (
    job.origin.platform === who.platform &&
    job.origin.chatId === who.chatId &&
    job.origin.chatType === chatType &&
    who.chatType === chatType
  );
}

function inSameGroup(job: Job, who: ChatContext): boolean {
  return inThisChat(job, who, 'group');
}

function deliveredToThisPrivateChat(job: Job, who: ChatContext): boolean {
  return inThisChat(job, who, 'private');
}

export function canSee(job: Job, who: ChatContext): boolean {
  return isOwner(job, who) || inSameGroup(job, who) || deliveredToThisPrivateChat(job, who);
}

export function canChange(job: Job, who: ChatContext): boolean {
  return isOwner(job, who) || deliveredToThisPrivateChat(job, who) || (inSameGroup(job, who) && who.isAdmin);
}

/**
 * Who may answer a question asked under a new reminder ("3 PM instead?", which meaning of a
 * zone abbreviation): the person who set it, as only they know what they meant. A chat admin
 * changes it on purpose with /edit instead. A reminder the group itself owns (set by an
 * anonymous admin, whose presses come from their own account) is answered by any who may change it.
 */
export function mayAnswerFor(job: Job, who: ChatContext): boolean {
  const ownedByChat = job.owner.platform === job.origin.platform && job.owner.userId === job.origin.chatId;
  return isOwner(job, who) || (ownedByChat && canChange(job, who));
}

/** The refusal of a question's button pressed by someone else (mayAnswerFor). */
export function onlyTheAsker(job: Job): { toast: string } {
  return { toast: `Only the person who set it can answer this; /edit ${job.id} changes reminder ${job.id} on purpose.` };
}

/** Whether a scheduled command running as `ghostJob` may touch `job`: same chat only. */
function withinGhostChat(job: Job, ghostJob: Job | undefined): boolean {
  return !ghostJob || (job.origin.platform === ghostJob.origin.platform && job.origin.chatId === ghostJob.origin.chatId);
}

/** `canSee` for the one who sent this command, a person or a scheduled command's ghost. */
export function visibleHere(job: Job, ctx: CommandContext): boolean {
  return canSee(job, ctx.msg) && withinGhostChat(job, ctx.ghostJob);
}

/**
 * The jobs one may see from here, with `status` (all when omitted): in a group the group's;
 * in a private chat one's own on this platform and those delivered to this chat.
 */
export async function jobsVisibleHere(ctx: CommandContext, status?: Job['status'][]): Promise<Job[]> {
  const { msg } = ctx;
  const { scheduler } = ctx.deps;
  const withStatus = status ? { status } : {};
  const here = await scheduler.listJobs({ originChatId: msg.chatId, ...withStatus });
  const own =
    msg.chatType === 'group' ? [] : await scheduler.listJobs({ ownerPlatform: msg.platform, ownerUserId: msg.userId, ...withStatus });
  const byId = new Map([...own, ...here].map((j) => [j.id, j]));
  return [...byId.values()].filter((j) => visibleHere(j, ctx) && (msg.chatType !== 'group' || j.origin.platform === msg.platform));
}

/** Ids are short lower-case tokens; tolerate a leading '#' and surrounding punctuation. */
export function normaliseId(raw: string): string {
  return raw
    .trim()
    .replace(/^#/, '')
    .replace(/[.,;:!?]+$/, '');
}

/** The job if `who` may see it; otherwise NotFoundError (never Forbidden, to keep ids private). */
export async function findVisibleJob(ctx: CommandContext, rawId: string): Promise<Job> {
  const id = normaliseId(rawId);
  if (!id) throw new UserError('id.missing', 'Which reminder? Give its id (see /list).', `/${ctx.command} k7m2qd`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new NotFoundError('reminder', truncateId(id));
  const job = await ctx.deps.scheduler.getJob(id);
  if (!job || !visibleHere(job, ctx)) throw new NotFoundError('reminder', id);
  return job;
}

/** The job if `who` may change it. Visible but not theirs: ForbiddenError naming the owner. */
export async function findChangeableJob(ctx: CommandContext, rawId: string): Promise<Job> {
  const job = await findVisibleJob(ctx, rawId);
  if (!canChange(job, ctx.msg)) {
    const owner = job.owner.name ? ` (${job.owner.name})` : '';
    throw new ForbiddenError(`Only the owner${owner} or a chat admin can change reminder ${job.id}.`);
  }
  return job;
}

/**
 * Whether `who` is one of Chime's own admins: listed in CHIME_ADMINS (`platform:userId`), or on
 * the console, which runs on Chime's machine as its operator. Not a chat admin: in a private chat
 * everyone is their own chat's admin, and server-side work (cleanup of the server's directories)
 * is the operator's.
 */
export function isChimeAdmin(who: Pick<ChatContext, 'platform' | 'userId'>, admins: readonly string[]): boolean {
  return who.platform === 'console' || admins.includes(`${who.platform}:${who.userId}`);
}

function truncateId(id: string): string {
  return clip(id, 20);
}
