/**
 * Button ids of the time zone conversation, beside the job buttons of action-ids.ts. Like
 * those they are `<verb>:<payload>` with the payload in `[A-Za-z0-9_-]` (typeable on the
 * console, at most 64 bytes for Telegram). Zone ids and user ids hold other characters
 * ('/', '+', '.'), so every byte outside `[A-Za-z0-9]` is written `_XX` (hex); `-` separates
 * the parts of a payload.
 */
import type { Job } from '../core/job.js';
import { MAX_ACTION_ID_BYTES } from './action-ids.js';
import type { ActionAnswer } from './message.js';

export type ZoneAction =
  /** Set the presser's own zone. */
  | { verb: 'tz'; zone: string }
  /** "Type a city": explain how. */
  | { verb: 'tzcity' }
  /**
   * After a zone change from `fromZone`: move the user's reminders to their new zone, keeping
   * wall times. `offeredAt` (base-36 epoch ms): only reminders that existed when it was offered
   * move, not one set in `fromZone` on purpose afterwards; ids sent before carry none.
   */
  | { verb: 'zwall'; userId: string; fromZone: string; offeredAt?: string }
  /** After a zone change from `fromZone`: keep the reminders at their instants (changes nothing). */
  | { verb: 'zkeep'; userId: string; fromZone: string }
  /**
   * Move one job to `zone`, keeping its wall time (an ambiguous abbreviation meant another zone).
   * `version`: the job's state version when the button was made (job-version.ts), so a press
   * after an /edit or /snooze refuses; ids sent before carry none.
   */
  | { verb: 'zjob'; jobId: string; zone: string; version?: string }
  /** A bare hour read in the night: switch the job to the other half of the day (`version` as for zjob). */
  | { verb: 'half'; jobId: string; version?: string }
  /** A bare hour read in the night: that reading is right. */
  | { verb: 'halfok'; jobId: string };

const VERBS = ['tz', 'tzcity', 'zwall', 'zkeep', 'zjob', 'half', 'halfok'] as const;

function escapePart(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9]/.test(ch) ? ch : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function unescapePart(part: string): string | undefined {
  if (!/^(?:[A-Za-z0-9]|_[0-9a-f]{2})*$/.test(part)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < part.length; ) {
    if (part[i] === '_') {
      bytes.push(parseInt(part.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(part.charCodeAt(i));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The id of a zone button; undefined when it would not fit a platform's limit. */
export function zoneActionId(a: ZoneAction): string | undefined {
  let parts: string[];
  switch (a.verb) {
    case 'tz':
      parts = [a.zone];
      break;
    case 'tzcity':
      parts = ['city'];
      break;
    case 'zwall':
      parts = [a.userId, a.fromZone, ...(a.offeredAt ? [a.offeredAt] : [])];
      break;
    case 'zkeep':
      parts = [a.userId, a.fromZone];
      break;
    case 'zjob':
      parts = [a.jobId, a.zone, ...(a.version ? [a.version] : [])];
      break;
    case 'half':
      parts = [a.jobId, ...(a.version ? [a.version] : [])];
      break;
    case 'halfok':
      parts = [a.jobId];
      break;
  }
  const id = `${a.verb}:${parts.map(escapePart).join('-')}`;
  return Buffer.byteLength(id) <= MAX_ACTION_ID_BYTES ? id : undefined;
}

/** A zone button's action; undefined for ids that are not zone buttons. */
export function parseZoneActionId(id: string): ZoneAction | undefined {
  const m = /^([a-z]+):([A-Za-z0-9_-]+)$/.exec(id.trim());
  if (!m || !(VERBS as readonly string[]).includes(m[1]!)) return undefined;
  const parts = m[2]!.split('-').map(unescapePart);
  if (parts.some((p) => p === undefined || p === '')) return undefined;
  const [a, b, c] = parts as string[];
  switch (m[1] as (typeof VERBS)[number]) {
    case 'tz':
      return parts.length === 1 ? { verb: 'tz', zone: a! } : undefined;
    case 'tzcity':
      return { verb: 'tzcity' };
    case 'zwall':
      if (parts.length === 3) return { verb: 'zwall', userId: a!, fromZone: b!, offeredAt: c! };
      return parts.length === 2 ? { verb: 'zwall', userId: a!, fromZone: b! } : undefined;
    case 'zkeep':
      return parts.length === 2 ? { verb: 'zkeep', userId: a!, fromZone: b! } : undefined;
    case 'zjob':
      if (parts.length === 3) return { verb: 'zjob', jobId: a!, zone: b!, version: c! };
      return parts.length === 2 ? { verb: 'zjob', jobId: a!, zone: b! } : undefined;
    case 'half':
      if (parts.length === 2) return { verb: 'half', jobId: a!, version: b! };
      return parts.length === 1 ? { verb: 'half', jobId: a! } : undefined;
    case 'halfok':
      return parts.length === 1 ? { verb: 'halfok', jobId: a! } : undefined;
  }
}

function unversioned(a: Extract<ZoneAction, { verb: 'zjob' | 'half' | 'zwall' }>): ZoneAction {
  if (a.verb === 'zwall') return { verb: 'zwall', userId: a.userId, fromZone: a.fromZone };
  return a.verb === 'zjob' ? { verb: 'zjob', jobId: a.jobId, zone: a.zone } : { verb: 'half', jobId: a.jobId };
}

/** A button, or nothing when its id would be too long (the message then says how to type it). */
export function zoneButton(a: ZoneAction, label: string): { id: string; label: string } | undefined {
  // A version that leaves no room within Telegram's 64 bytes is left off, as versionedAction does.
  const id = zoneActionId(a) ?? (a.verb === 'zjob' || a.verb === 'half' || a.verb === 'zwall' ? zoneActionId(unversioned(a)) : undefined);
  return id ? { id, label } : undefined;
}

/** The refusal of a versioned zone button whose job changed after its message (an edit, a snooze): nothing is done. */
export function changedSinceAsked(job: Job): ActionAnswer {
  return { toast: `Reminder ${job.id} was changed after this message; nothing was done. /edit ${job.id} changes it as it is now.` };
}
