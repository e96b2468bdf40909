import type { Clock } from '../core/ports/clock.js';
import type { SchedulerApi } from '../core/scheduler-api.js';
import { DEFAULT_MAX_TEXT_LENGTH } from '../core/text-limit.js';
import type { Logger } from '../core/ports/logger.js';
import type { NotesStore } from '../core/ports/notes-store.js';
import type { PrefsStore } from '../core/ports/prefs-store.js';
import type { ParseOptions, ParseResult } from '../nl/types.js';
import type { MaybePromise } from '../core/ports/job-store.js';

/**
 * The part of the notes store the chat layer uses. The store enforces the access policy
 * itself from `currentContext()`: a SCHEDULER caller gets MemoryAccessDenied. Notes are
 * numbered from 1 in the order `list` returns them.
 */
export type ChatNotes = Pick<NotesStore, 'add' | 'list' | 'remove'>;

/** Per-user and per-chat preferences: the part of the prefs store the chat layer uses. */
export type ChatPrefs = Pick<PrefsStore, 'get' | 'set'>;

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

/** The part of the logger port the chat layer uses. */
export type ChatLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

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
    /** Shortest `/watch` interval (seconds). Default 10. */
    minWatchIntervalSeconds?: number;
    /** `/watch` may name loopback and private addresses (CHIME_WATCH_ALLOW_PRIVATE). Default false. */
    watchAllowPrivate?: boolean;
  };
  logger: ChatLogger;
}
