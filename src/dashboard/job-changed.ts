// Kept free of the page's DOM code and of types.ts (which reaches it), so its rules are tested
// in Node (test/dashboard/page-logic.test.ts): it names the few job fields it reads itself.

/** Where a job reports to, as the API gives it. */
interface Origin {
  platform: string;
  chatId: string;
  threadId?: string;
}

/** What the words compare of a job as it is now (a Job of types.ts has all of it). */
interface JobNow {
  name: string;
  kind: string;
  status: string;
  scheduleText: string;
  payload: unknown;
  origin: Origin;
}

/** What a job's buttons do. */
export type JobAction = 'pause' | 'resume' | 'run' | 'cancel';

/** The status an action leaves a job in (run now leaves it as it was). */
const AFTER: Partial<Record<JobAction, string>> = { pause: 'paused', resume: 'active', cancel: 'cancelled' };

/**
 * What the page showed of a job when a button was pressed: a job's page shows all of it, a row
 * of the list only its name, schedule and status. `etag` is that version's, sent as If-Match,
 * so the press acts on the job as shown or not at all (412: changed elsewhere since).
 */
export interface ShownJob {
  id: string;
  name: string;
  status: string;
  scheduleText: string;
  etag: string;
  payload?: unknown;
  origin?: Origin;
}

/** A reminder's text or a command job's command: what the job says or does. */
function wordsOf(payload: unknown): string | undefined {
  const p = (payload ?? {}) as { text?: unknown; command?: unknown };
  if (typeof p.text === 'string') return p.text;
  return typeof p.command === 'string' ? p.command : undefined;
}

const originWords = (o: Origin): string =>
  [`${o.platform} chat ${o.chatId}`, o.threadId ? `thread ${o.threadId}` : ''].filter(Boolean).join(' ');

/**
 * Each thing the page showed that is different now, as a sentence ("Text is now "call dad""),
 * `except` one field a caller expects to differ. Only what `shown` has is compared: a row does
 * not know the text.
 */
export function differences(shown: ShownJob, now: JobNow, except?: 'status'): string[] {
  const out: string[] = [];
  if (shown.name !== now.name) out.push(`Name is now "${now.name}"`);
  if (shown.payload !== undefined) {
    const before = wordsOf(shown.payload);
    const after = wordsOf(now.payload);
    if (before !== after) out.push(`${now.kind === 'command' ? 'Command' : 'Text'} is now "${after ?? ''}"`);
    else if (JSON.stringify(shown.payload) !== JSON.stringify(now.payload)) out.push('Its payload changed');
  }
  if (shown.scheduleText !== now.scheduleText) out.push(`Schedule is now "${now.scheduleText}"`);
  if (shown.origin && originWords(shown.origin) !== originWords(now.origin)) out.push(`It now reports to ${originWords(now.origin)}`);
  if (except !== 'status' && shown.status !== now.status) out.push(`Status is now ${now.status}`);
  return out;
}

/**
 * The words for a press refused because the job changed elsewhere since `where` showed it:
 * what was not done, each change, and that the page now shows the job as it is, so a second
 * press is a choice made seeing it. `again` names the button when it is still there to press.
 */
export function changedMessage(
  shown: ShownJob,
  now: JobNow,
  what: { notDone: string; again: string | undefined; where: 'page' | 'list' },
): string {
  const lines = differences(shown, now);
  const changes = lines.length > 0 ? `${lines.join('. ')}.` : 'Its settings changed.';
  const again = what.again ? ` press ${what.again} again if you still want to.` : '';
  return (
    `"${shown.name}" was changed elsewhere (in the chat, another tab or through the API) since this ${what.where} showed it, ` +
    `so it was not ${what.notDone}. ${changes} The ${what.where} now shows it as it is${again ? `:${again}` : '.'}`
  );
}

/**
 * Refused with 412, yet nothing to tell: the job already has the status the action gives and
 * everything the page showed is as it was. That is an earlier attempt of this same press whose
 * answer was lost (the retry then carries the version it replaced), or someone else doing the
 * same; either way the person's press is done and no change of theirs went unseen.
 */
export function alreadyDone(shown: ShownJob, now: JobNow, action: JobAction): boolean {
  return AFTER[action] === now.status && differences(shown, now, 'status').length === 0;
}
