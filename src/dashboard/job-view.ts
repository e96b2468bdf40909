import { type ActionOutcome, actionButton, actionsFor } from './actions.js';
import { ApiError } from './api.js';
import { debounce } from './backoff.js';
import type { Ctx, View } from './context.js';
import { type Child, badge, h, replace } from './dom.js';
import { freshRuns } from './fresh.js';
import { runsTable } from './runs-table.js';
import { relativeSpan } from '../shared/span-words.js';
import { localTime, zoned } from './time.js';
import type { Job, LiveEvent, Run } from './types.js';

const row = (term: string, ...value: Child[]): HTMLElement[] => [h('dt', {}, term), h('dd', {}, ...value)];

function origin(job: Job): string {
  const o = job.origin;
  return [`${o.platform} chat ${o.chatId}`, o.chatType ? `(${o.chatType})` : '', o.threadId ? `thread ${o.threadId}` : '']
    .filter(Boolean)
    .join(' ');
}

function details(job: Job): HTMLElement {
  const now = Date.now();
  return h(
    'dl',
    { class: 'facts' },
    // In words as the chat says them (the server words them), and as the spec the API and CLI take.
    ...row('Schedule', job.scheduleText, ' · ', h('code', {}, job.scheduleSpec), job.recurring ? ' (recurring)' : ' (once)'),
    ...row('Time zone', job.timeZone),
    ...row('Next run', job.nextRunAt === null ? 'none' : `${relativeSpan(Date.parse(job.nextRunAt), now)} · ${zoned(job.nextRunLocal)}`),
    ...row(
      'Next runs',
      (job.nextRuns ?? []).length === 0
        ? 'none'
        : h('ol', { class: 'next-runs' }, ...(job.nextRuns ?? []).map((n) => h('li', { title: n.at }, zoned(n.local)))),
    ),
    ...row('Origin', origin(job)),
    ...row('Owner', `${job.owner.name ?? job.owner.userId} (${job.owner.platform}:${job.owner.userId})`),
    ...row('Ghost session', h('code', {}, job.ghostSessionId)),
    ...row('Kind', job.kind),
    ...(job.workflowId ? row('Workflow', job.workflowId) : []),
    ...row('Runs', `${job.runCount}${job.lastRunAt ? `, last ${localTime(job.lastRunAt)}` : ''}`),
    ...(job.lastError ? row('Last error', h('span', { class: 'error' }, job.lastError)) : []),
    ...row('Created', localTime(job.createdAt)),
    ...row('Changed', localTime(job.updatedAt)),
  );
}

/**
 * One job: its schedule and next fire times, payload, origin chat and thread, owner, ghost
 * session and run history (with errors), and the actions its status allows. Live events about
 * the job redraw it, new runs fading in.
 */
export function jobView(ctx: Ctx, root: HTMLElement, id: string): View {
  const abort = new AbortController();
  const fresh = freshRuns();
  const path = `/api/v1/jobs/${encodeURIComponent(id)}`;

  /** Which load is the newest: only its answer is drawn, never an older one that arrived later. */
  let newest = 0;
  /**
   * Why the last press did nothing: the job changed elsewhere since the page showed it. Kept
   * above the job through redraws (a live update, the reload showing the job as it is now) until
   * the next press that acts, so the person reads it next to what changed.
   */
  let conflict: string | undefined;
  const acted = (outcome: ActionOutcome): void => {
    conflict = outcome.changed;
    void load();
  };
  /** Draws into the page, unless it moved on to another view while a press held this back (PressGuard). */
  const show = (...children: Child[]): void =>
    ctx.press.whenFree(root, () => {
      if (!abort.signal.aborted) replace(root, ...children);
    });

  const draw = (job: Job, runs: Run[]): void => {
    const actions = ctx.canWrite
      ? h(
          'div',
          { class: 'actions', role: 'group', 'aria-label': 'Actions' },
          ...actionsFor(job.status).map((a) => actionButton(ctx, job, a, 'page', acted)),
          h('a', { class: 'button', href: `/jobs/${encodeURIComponent(job.id)}/edit`, 'aria-label': `Edit ${job.name}` }, 'Edit'),
        )
      : null;
    show(
      h('p', {}, h('a', { href: ctx.listHref }, '← All jobs')),
      h('div', { class: 'title-row' }, h('h1', {}, job.name), badge(job.status)),
      conflict && h('p', { class: 'conflict', role: 'alert' }, conflict),
      actions,
      details(job),
      h('h2', {}, 'Payload'),
      h('pre', { class: 'payload' }, JSON.stringify(job.payload, null, 2)),
      h('h2', {}, 'Run history'),
      runsTable(runs, { fresh: fresh(runs), caption: 'Run history' }),
    );
  };

  const load = async (): Promise<void> => {
    const mine = ++newest;
    try {
      const [job, runs] = await Promise.all([
        ctx.api.get<Job>(path, { signal: abort.signal }),
        ctx.api.get<{ runs: Run[] }>(`${path}/runs?limit=100`, { signal: abort.signal }),
      ]);
      if (mine === newest) draw(job, runs.runs);
    } catch (err) {
      if (abort.signal.aborted || mine !== newest) return;
      const gone = err instanceof ApiError && err.status === 404;
      show(
        h('p', {}, h('a', { href: ctx.listHref }, '← All jobs')),
        h('p', { class: 'error', role: 'alert' }, gone ? `There is no job ${id} (it may have been deleted).` : (err as Error).message),
      );
    }
  };
  const reload = debounce(() => void load(), 200);
  replace(root, h('p', { class: 'muted' }, 'Loading…'));
  void load();
  const tick = setInterval(() => reload(), 60_000);
  return {
    onEvent(e: LiveEvent) {
      if (e.jobId === id) reload();
    },
    stop() {
      abort.abort();
      reload.cancel();
      clearInterval(tick);
    },
  };
}
