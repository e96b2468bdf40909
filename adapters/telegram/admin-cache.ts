import type { Api } from 'grammy';
import type { AdapterLogger } from './logger.js';

/** How long a looked-up role is trusted (ms). Default 60 s: promotions show up within a minute. */
export const DEFAULT_ADMIN_CACHE_MS = 60_000;

/** Entries kept before the oldest are dropped, so a huge group cannot grow the map without bound. */
const MAX_ENTRIES = 10_000;

/** Answers "is this user an admin of this chat?" via getChatMember, remembering answers briefly. */
export interface AdminCache {
  isAdmin(chatId: string, userId: string): Promise<boolean>;
}

/**
 * Looks roles up with getChatMember (status `creator` or `administrator`). A failed lookup
 * counts as "not an admin" and is not cached: the safe answer for permissions, retried next time.
 */
export function createAdminCache(
  api: Pick<Api, 'getChatMember'>,
  logger: AdapterLogger,
  ttlMs = DEFAULT_ADMIN_CACHE_MS,
  now: () => number = () => performance.now(),
): AdminCache {
  const entries = new Map<string, { admin: boolean; until: number }>();
  return {
    async isAdmin(chatId, userId) {
      const key = `${chatId}:${userId}`;
      const hit = entries.get(key);
      if (hit && hit.until > now()) return hit.admin;
      try {
        const member = await api.getChatMember(chatId, Number(userId));
        const admin = member.status === 'creator' || member.status === 'administrator';
        entries.delete(key);
        entries.set(key, { admin, until: now() + ttlMs });
        if (entries.size > MAX_ENTRIES) {
          const oldest = entries.keys().next().value;
          if (oldest !== undefined) entries.delete(oldest);
        }
        return admin;
      } catch (err) {
        logger.warn({ err, chatId, userId }, 'telegram: getChatMember failed, treating user as non-admin');
        return false;
      }
    },
  };
}
