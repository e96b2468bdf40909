import type { Job } from '../core/job.js';
import { definitionVersion } from '../core/job-version.js';

/**
 * Button ids: `<verb>:<target>[.<arg>…]`, short enough for Telegram's 64-byte callback data.
 * The target is a job id, except for answers to a question (`add`, `drop`), where it is the
 * question's token. Arguments carry what a button needs to act exactly, without state kept
 * anywhere: the version of the job the message showed (so an Undo refuses once the job changed
 * again) and instants in base-36 epoch milliseconds. The console adapter shows ids verbatim,
 * so they are also typeable.
 */
export const ACTION_VERBS = [
  's10',
  's60',
  'tm',
  'done',
  'stop',
  'undo',
  'edit',
  /** Undo an edit: restores the definition the edit replaced (kept by the undo ledger). */
  'ue',
  /** Undo a snooze, pause, resume, cancel or Done: restores status and next run. */
  'ur',
  /** Re-fire a recurring job's fired occurrence once at an instant; the series goes on. */
  'rf',
  /** Move a pending occurrence to a later instant. */
  'mv',
  /** Answers to "add a duplicate?": add anyway, or drop the request. */
  'add',
  'drop',
  /** Repeat this reminder every few minutes until Done. */
  'nag',
] as const;
export type ActionVerb = (typeof ACTION_VERBS)[number];

export const ACTION_LABELS: Record<ActionVerb, string> = {
  s10: 'Snooze 10 min',
  s60: 'Snooze 1 h',
  tm: 'Tomorrow',
  done: 'Done',
  stop: 'Stop',
  undo: 'Undo',
  edit: 'Edit',
  ue: 'Undo',
  ur: 'Undo',
  rf: 'Again later',
  mv: 'Move the next one',
  add: 'Add anyway',
  drop: 'Cancel',
  nag: 'Nag me',
};

/** Max callback data length (bytes) on Telegram. */
export const MAX_ACTION_ID_BYTES = 64;

export function actionId(verb: ActionVerb, target: string, args: readonly string[] = []): string {
  return [`${verb}:${target}`, ...args].join('.');
}

export function action(
  verb: ActionVerb,
  target: string,
  args: readonly string[] = [],
  label = ACTION_LABELS[verb],
): { id: string; label: string } {
  return { id: actionId(verb, target, args), label };
}

/** The buttons that act on a delivered reminder as the message showed it (see versionedAction). */
export type VersionedVerb = 'done' | 'stop' | 's10' | 's60' | 'tm' | 'rf' | 'nag';

/**
 * A button under a delivered reminder (or a question about it) that ends, moves or nags about
 * the job: it
 * carries the definition the message showed (job-version.ts), after its own arguments, and
 * refuses once an edit changed it (actions.ts, editedSince). Ids sent before carry none.
 */
export function versionedAction(
  verb: VersionedVerb,
  job: Job,
  args: readonly string[] = [],
  label?: string,
): { id: string; label: string } {
  const versioned = action(verb, job.id, [...args, definitionVersion(job)], label);
  // A long job id (given through the API) leaves no room within Telegram's 64 bytes.
  return Buffer.byteLength(versioned.id) <= MAX_ACTION_ID_BYTES ? versioned : action(verb, job.id, args, label);
}

/** Splits an action id; undefined for anything that is not one of ours. */
export function parseActionId(id: string): { verb: ActionVerb; jobId: string; args: string[] } | undefined {
  const trimmed = id.trim();
  if (Buffer.byteLength(trimmed) > MAX_ACTION_ID_BYTES) return undefined;
  const m = /^([a-z0-9]+):([A-Za-z0-9_-]{1,56})((?:\.[A-Za-z0-9_-]+)*)$/.exec(trimmed);
  if (!m) return undefined;
  const verb = m[1] as ActionVerb;
  if (!ACTION_VERBS.includes(verb)) return undefined;
  return { verb, jobId: m[2] as string, args: (m[3] ?? '').split('.').filter(Boolean) };
}

/** An instant as a button argument (base-36 epoch ms), and back; undefined when unreadable. */
export function instantArg(at: Date): string {
  return at.getTime().toString(36);
}

export function readInstantArg(arg: string | undefined): Date | undefined {
  if (!arg || !/^[0-9a-z]{1,11}$/.test(arg)) return undefined;
  const ms = parseInt(arg, 36);
  return Number.isSafeInteger(ms) ? new Date(ms) : undefined;
}
