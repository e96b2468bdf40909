import { UserError } from '../core/errors.js';
import { checkTextLength as checkLength } from '../core/text-limit.js';
import type { Job } from '../core/job.js';
import type { ParsedReminder } from '../nl/types.js';
import type { CommandContext, ResolvedChatDeps } from './command.js';
import { formatSpan } from './format.js';

/** Statuses that count against quotas: jobs that may still fire. */
const LIVE: Job['status'][] = ['active', 'paused'];

/** Rejects text longer than the configured limit (CHIME_MAX_TEXT_LENGTH). */
export function checkTextLength(ctx: CommandContext, text: string, what = 'Reminder text'): void {
  checkLength(text, ctx.deps.quotas.maxTextLength, what, '/remind in 1 hour call the bank');
}

/**
 * Rejects a new job when the user or the chat already has as many live jobs as allowed. The
 * store counts, and stops at the limit: a chat holding a hundred thousand jobs costs no more
 * to check than one at its limit.
 */
export async function checkCreateQuota(ctx: CommandContext): Promise<void> {
  const { msg } = ctx;
  await checkQuotaFor(ctx.deps, { platform: msg.platform, userId: msg.userId }, { platform: msg.platform, chatId: msg.chatId });
}

/**
 * The same rule for a job made later than it was asked for ("Add anyway" under a duplicate
 * question): counted when it is made, or questions asked under the limit could all be answered.
 */
export async function checkQuotaFor(
  deps: Pick<ResolvedChatDeps, 'scheduler' | 'quotas'>,
  owner: { platform: string; userId: string },
  chat: { platform: string; chatId: string },
): Promise<void> {
  const { scheduler, quotas } = deps;
  const perUser = quotas.maxRemindersPerUser;
  if ((await scheduler.countJobs({ ownerPlatform: owner.platform, ownerUserId: owner.userId, status: LIVE }, perUser)) >= perUser) {
    throw new UserError(
      'quota.user',
      `You already have ${perUser} active reminders, the most one person may have. Cancel some first.`,
      '/list, then /cancel <id>',
    );
  }
  const perChat = quotas.maxRemindersPerChat;
  if ((await scheduler.countJobs({ originPlatform: chat.platform, originChatId: chat.chatId, status: LIVE }, perChat)) >= perChat) {
    throw new UserError(
      'quota.chat',
      `This chat already has ${perChat} active reminders, the most one chat may have. Cancel some first.`,
      '/list, then /cancel <id>',
    );
  }
}

/** Shortest gap between consecutive fires the parser reported (ms), or undefined for one-offs. */
export function shortestGapMs(parsed: Pick<ParsedReminder, 'kind' | 'schedule' | 'next'>): number | undefined {
  if (parsed.kind !== 'recurring') return undefined;
  let min = Number.POSITIVE_INFINITY;
  if (parsed.schedule.kind === 'interval') min = parsed.schedule.everyMs;
  for (let i = 1; i < parsed.next.length; i++) {
    const a = parsed.next[i - 1];
    const b = parsed.next[i];
    if (a && b) min = Math.min(min, b.getTime() - a.getTime());
  }
  return Number.isFinite(min) ? min : undefined;
}

/** In groups, recurring jobs may not fire more often than `minGroupIntervalMs`. */
export function checkGroupInterval(ctx: CommandContext, parsed: Pick<ParsedReminder, 'kind' | 'schedule' | 'next'>): void {
  if (ctx.msg.chatType !== 'group') return;
  const gap = shortestGapMs(parsed);
  const min = ctx.deps.quotas.minGroupIntervalMs;
  if (gap !== undefined && gap < min) {
    throw new UserError(
      'quota.interval',
      `In groups a repeating reminder may fire at most every ${formatSpan(min)}; this one would fire every ${formatSpan(gap)}.`,
      '/remind every 30 minutes drink water',
    );
  }
}
