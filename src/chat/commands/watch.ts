import { ForbiddenError, UserError } from '../../core/errors.js';
import { isLocalHostName, nonPublicReason } from '../../core/executors/public-address.js';
import type { CommandContext, CommandModule } from '../command.js';
import { reply } from '../command.js';
import { formatSpan } from '../format.js';
import { checkCreateQuota } from '../quotas.js';
import { ownerOf, originOf } from '../who.js';

const EXAMPLE = '/watch https://example.com every 30s';
/** Check interval when none is given (seconds). */
const DEFAULT_INTERVAL_S = 60;
/** Longest check interval (seconds): one day. */
const MAX_INTERVAL_S = 86_400;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** "every 30s", "every 5 minutes", "30s" → seconds; undefined when unreadable. */
export function parseWatchInterval(text: string): number | undefined {
  const m = /^(?:every\s+)?(\d+(?:\.\d+)?)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] as string).toLowerCase()[0] as string;
  return Math.round(Number(m[1]) * (UNIT_SECONDS[unit] ?? NaN));
}

/**
 * Why the URL's host is obviously not public (an IP literal in a private range, localhost);
 * names are resolved and checked at every check, where the address is known.
 */
function obviouslyPrivate(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isLocalHostName(host)) return 'this machine';
  const why = nonPublicReason(host);
  return why === 'not an IP address' ? undefined : why;
}

/**
 * `/watch <url> [every 30s]`: a `poll_url` job checking the URL until it answers 200, then
 * telling the chat. The first check runs at once. The server makes the requests, so in groups
 * only admins may start one (as Discord's command permissions have it), and non-public
 * addresses are refused unless the operator allowed them.
 */
/**
 * The checks every URL watch passes, by /watch and the assistant's add_job alike: in groups
 * only admins (the server makes the requests), an http(s) URL, and no obviously non-public
 * address unless the operator allowed them. Returns the URL.
 */
export function checkWatchUrl(ctx: CommandContext, rawUrl: string): URL {
  if (ctx.msg.chatType === 'group' && !ctx.msg.isAdmin) {
    throw new ForbiddenError('In groups only chat admins can use /watch. In a private chat with me anyone can.');
  }
  if (!rawUrl) throw new UserError('watch.empty', 'Which URL should I watch?', EXAMPLE);
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UserError('watch.bad_url', `"${rawUrl.slice(0, 100)}" is not a URL.`, EXAMPLE);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError('watch.bad_url', 'Only http:// and https:// URLs can be watched.', EXAMPLE);
  }
  const privateWhy = ctx.deps.config.watchAllowPrivate ? undefined : obviouslyPrivate(url);
  if (privateWhy) {
    throw new UserError('watch.private', `I only watch public addresses; ${url.hostname} is ${privateWhy}.`, EXAMPLE);
  }
  return url;
}

/** A watch's check interval (seconds) within the allowed range (CHIME minimum .. one day). */
export function checkWatchInterval(ctx: CommandContext, interval: number): void {
  const min = ctx.deps.config.minWatchIntervalSeconds ?? 10;
  if (interval < min || interval > MAX_INTERVAL_S) {
    throw new UserError('watch.interval_range', `The check interval must be between ${min} seconds and 1 day.`, EXAMPLE);
  }
}

export const watch: CommandModule = {
  name: 'watch',
  description: 'Tell me when a URL answers 200: /watch https://example.com every 30s',
  usage: '/watch <url> [every 30s]',
  async run(ctx) {
    const [rawUrl = '', ...rest] = ctx.args.split(/\s+/);
    const url = checkWatchUrl(ctx, rawUrl);
    const restText = rest.join(' ').trim();
    const interval = restText ? parseWatchInterval(restText) : DEFAULT_INTERVAL_S;
    if (interval === undefined) throw new UserError('watch.bad_interval', `I can't read "${restText}" as an interval.`, EXAMPLE);
    checkWatchInterval(ctx, interval);
    await checkCreateQuota(ctx);
    const job = await ctx.deps.scheduler.createJob({
      kind: 'poll_url',
      name: `watch ${url.href}`.slice(0, 80),
      payload: { url: url.href, method: 'GET', expected_status: 200, interval_seconds: interval },
      owner: ownerOf(ctx.msg),
      origin: originOf(ctx.msg),
      schedule: { kind: 'once', at: ctx.now },
      timeZone: (await ctx.prefs()).timeZone,
      successMessage: `✅ ${url.href} is up: {result}`,
      failureMessage: `❌ Gave up watching ${url.href}: {result}`,
    });
    return reply(
      `👀 Watching [${job.id}] ${url.href} every ${interval < 60 ? `${interval} seconds` : formatSpan(interval * 1000)}; I'll tell you when it answers 200. /cancel ${job.id} stops it.`,
    );
  },
};
