import type { DateOrder } from '../date-order.js';
import type { MaybePromise } from './job-store.js';

/** Stored preferences of one user or one chat. Absent fields fall back (user → chat → caller's default). */
export interface PrefValues {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone?: string;
  dateOrder?: DateOrder;
}

/** Whose preference: a user's own, or a chat's default for everyone in it. */
export type PrefScope = 'user' | 'chat';

/** Per-user and per-chat preferences; `id` is the platform's user or chat id. */
export interface PrefsStore {
  /** Stored values, or undefined when nothing was ever set. */
  get(platform: string, scope: PrefScope, id: string): MaybePromise<PrefValues | undefined>;
  /** Merges `values` into what is stored (fields not given are kept). */
  set(platform: string, scope: PrefScope, id: string, values: PrefValues): MaybePromise<void>;
  /** Forgets the given fields (all when omitted). */
  clear(platform: string, scope: PrefScope, id: string, fields?: Array<keyof PrefValues>): MaybePromise<void>;
  /** Per field: the user's setting, else the chat's default, else absent. */
  effective(platform: string, userId: string, chatId: string): MaybePromise<PrefValues>;
}

/** Field-wise precedence: user over chat. */
export function mergePrefs(user: PrefValues | undefined, chat: PrefValues | undefined): PrefValues {
  const out: PrefValues = {};
  const timeZone = user?.timeZone ?? chat?.timeZone;
  const dateOrder = user?.dateOrder ?? chat?.dateOrder;
  if (timeZone !== undefined) out.timeZone = timeZone;
  if (dateOrder !== undefined) out.dateOrder = dateOrder;
  return out;
}
