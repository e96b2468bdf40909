import type { ResolvedChatDeps } from './command.js';
import { formatLocalTime } from './format.js';
import type { ChatContext, Reply } from './message.js';
import { resolvePrefs } from './prefs.js';
import { zoneMoveOffer } from './zone-move.js';

/**
 * Sets a person's own zone (from /tz, a zone button, or a city typed in a private chat) and,
 * when reminders of theirs were set in the zone they had until now and would read other
 * clock times, offers to move them.
 */
export async function setUserZone(deps: ResolvedChatDeps, who: ChatContext, zone: string, now: Date, note?: string): Promise<Reply[]> {
  const before = await resolvePrefs(deps, who);
  await deps.prefs.set(who.platform, 'user', who.userId, { timeZone: zone });
  const local = formatLocalTime(now, zone, now);
  const same = before.timeZone === zone && before.timeZoneSource === 'user';
  const lines = [
    same ? `🌍 Your time zone is already ${zone} (it is ${local} there).` : `🌍 Your time zone is now ${zone} (it is ${local} there).`,
  ];
  if (note) lines.push(note);
  const offer = await zoneMoveOffer(deps, who, before.timeZone, zone, now);
  return offer ? [{ text: lines.join('\n') }, offer] : [{ text: lines.join('\n') }];
}
