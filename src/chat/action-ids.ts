/**
 * Button ids: `<verb>:<jobId>`, short enough for Telegram's 64-byte callback data.
 * The console adapter shows them verbatim, so they are also typeable.
 */
export const ACTION_VERBS = ['s10', 's60', 'tm', 'done', 'stop', 'undo', 'edit'] as const;
export type ActionVerb = (typeof ACTION_VERBS)[number];

export const ACTION_LABELS: Record<ActionVerb, string> = {
  s10: 'Snooze 10 min',
  s60: 'Snooze 1 h',
  tm: 'Tomorrow',
  done: 'Done',
  stop: 'Stop',
  undo: 'Undo',
  edit: 'Edit',
};

/** Max callback data length (bytes) on Telegram. */
export const MAX_ACTION_ID_BYTES = 64;

export function actionId(verb: ActionVerb, jobId: string): string {
  return `${verb}:${jobId}`;
}

export function action(verb: ActionVerb, jobId: string): { id: string; label: string } {
  return { id: actionId(verb, jobId), label: ACTION_LABELS[verb] };
}

/** Splits an action id; undefined for anything that is not one of ours. */
export function parseActionId(id: string): { verb: ActionVerb; jobId: string } | undefined {
  const m = /^([a-z0-9]+):([A-Za-z0-9_-]{1,56})$/.exec(id.trim());
  if (!m) return undefined;
  const verb = m[1] as ActionVerb;
  if (!ACTION_VERBS.includes(verb)) return undefined;
  return { verb, jobId: m[2] as string };
}
