import type { ResolvedChatDeps, ResolvedPrefs } from './command.js';
import type { ChatContext } from './message.js';

/**
 * The settings a person's messages are read and answered with: their own, else the chat's,
 * else the bot's default zone. Says where the zone came from, because a defaulted zone is
 * one nobody chose and the answers say so.
 */
export async function resolvePrefs(deps: ResolvedChatDeps, who: ChatContext): Promise<ResolvedPrefs> {
  const [user, chat] = await Promise.all([
    deps.prefs.get(who.platform, 'user', who.userId),
    deps.prefs.get(who.platform, 'chat', who.chatId),
  ]);
  const dateOrder = user?.dateOrder ?? chat?.dateOrder;
  const timeZoneSource = user?.timeZone ? 'user' : chat?.timeZone ? 'chat' : 'default';
  return {
    timeZone: user?.timeZone ?? chat?.timeZone ?? deps.config.defaultTimeZone,
    timeZoneSource,
    ...(chat?.timeZone ? { chatTimeZone: chat.timeZone } : {}),
    ...(dateOrder ? { dateOrder } : {}),
  };
}

/**
 * Whether the zone times are shown in goes without saying in this chat. In a private chat it
 * does once someone chose it (the user, or /tz chat); in a group only when it is the zone the
 * chat itself was set to, since members read each other's confirmations.
 */
export function zoneIsObvious(prefs: ResolvedPrefs, chatType: ChatContext['chatType']): boolean {
  if (chatType === 'group') return prefs.chatTimeZone !== undefined && prefs.chatTimeZone === prefs.timeZone;
  return prefs.timeZoneSource !== 'default';
}
