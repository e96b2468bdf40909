import type { Clock } from '../core/ports/clock.js';
import type { SchedulerApi } from '../core/scheduler-api.js';
import { DEFAULT_MAX_TEXT_LENGTH } from '../core/text-limit.js';
import type { DateOrder } from '../core/date-order.js';
import type { ParseOptions, ParseResult } from '../nl/types.js';
import type { MaybePromise } from '../core/ports/job-store.js';

/**
 * What the chat layer needs from the notes store. The store enforces the access
 * policy itself from `currentContext()`: a SCHEDULER caller gets MemoryAccessDenied.
 * Notes are numbered from 1 in the order `list` returns them.
 */
export interface ChatNotes {
  add(platform: string, userId: string, text: string): MaybePromise<unknown>;
  list(platform: string, userId: string): MaybePromise<Array<{ text: string }>>;
  /** Removes note number `n` (1-based); false when there is no such note. */
  remove(platform: string, userId: string, n: number): MaybePromise<boolean>;
}

/** Stored preferences of one user or one chat. Absent fields fall back (user → chat → default). */
export interface ChatPrefValues {
  timeZone?: string;
  dateOrder?: DateOrder;
}

/** Per-user and per-chat preferences. `scope` is `user` or `chat`; `id` the platform user/chat id. */
export interface ChatPrefs {
  get(platform: string, scope: 'user' | 'chat', id: string): MaybePromise<ChatPrefValues | undefined>;
  set(platform: string, scope: 'user' | 'chat', id: string, values: ChatPrefValues): MaybePromise<unknown>;
}

/** Limits against abuse. */
export interface ChatQuotas {
  /** Active + paused reminders one user may own on a platform. Default 100. */
  maxRemindersPerUser: number;
  /** Active + paused jobs created in one chat. Default 500. */
  maxRemindersPerChat: number;
  /** Shortest gap between two fires of a recurring job created in a group (ms). Default 60 000. */
  minGroupIntervalMs: number;
  /** Longest reminder/note text (characters). Default DEFAULT_MAX_TEXT_LENGTH (1800). */
  maxTextLength: number;
}

export const DEFAULT_QUOTAS: ChatQuotas = {
  maxRemindersPerUser: 100,
  maxRemindersPerChat: 500,
  minGroupIntervalMs: 60_000,
  maxTextLength: DEFAULT_MAX_TEXT_LENGTH,
};

/** Minimal logger shape (pino-compatible). */
export interface ChatLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything the chat layer is given; nothing else is reached for (rule 2). */
export interface ChatDeps {
  scheduler: SchedulerApi;
  notes: ChatNotes;
  prefs: ChatPrefs;
  clock: Clock;
  parse: (text: string, opts: ParseOptions) => MaybePromise<ParseResult>;
  config: {
    /** Zone used when neither the user nor the chat set one. */
    defaultTimeZone: string;
    quotas?: Partial<ChatQuotas>;
    /** This bot's username (Telegram); `/cmd@OtherBot` is then ignored. */
    botUsername?: string;
    /** Shortest `/watch` interval (seconds). Default 10. */
    minWatchIntervalSeconds?: number;
    /** `/watch` may name loopback and private addresses (CHIME_WATCH_ALLOW_PRIVATE). Default false. */
    watchAllowPrivate?: boolean;
  };
  logger: ChatLogger;
}
