import { ApiError } from './api.js';
import type { Ctx, View } from './context.js';
import { h, replace } from './dom.js';
import { schedulePreview } from './preview.js';
import { type ScheduleNotes, noteLines } from './schedule-notes.js';
import { browserZone, knownZones } from './time.js';
import type { Job } from './types.js';

type Field = HTMLInputElement;

function field(label: string, input: Field, hint?: string): HTMLElement {
  const id = `f-${input.name}`;
  input.id = id;
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );
}

const input = (name: string, value = '', extra: Record<string, string | boolean> = {}): Field =>
  h('input', { name, value, type: 'text', autocomplete: 'off', ...extra });

const whenHintText = (job: Job | undefined): string =>
  job
    ? `Now: ${job.scheduleSpec}. Words as in chat, e.g. "every monday at 9".`
    : 'In words, as in chat: "tomorrow at 5pm", "every weekday at 9am".';

/** The editor's fields as a job fills them (When is always empty: it is a change, not a value). */
type FieldName = 'name' | 'text' | 'zone' | 'platform' | 'chat' | 'thread';
const LABELS: Record<FieldName, string> = {
  name: 'Name',
  text: 'Text',
  zone: 'Time zone',
  platform: 'Platform',
  chat: 'Chat id',
  thread: 'Thread id',
};

function fieldsOf(job: Job, text: string): Record<FieldName, string> {
  return {
    name: job.name,
    text,
    zone: job.timeZone,
    platform: job.origin.platform,
    chat: job.origin.chatId,
    thread: job.origin.threadId ?? '',
  };
}

/**
 * After a 412: each field the person left as it was takes the new value; one they typed in
 * keeps their text. The message names every value that changed elsewhere, so saving again is a
 * choice made knowing them.
 */
function changedElsewhere(before: Record<FieldName, string>, now: Record<FieldName, string>, f: Record<FieldName, Field>): HTMLElement {
  const lines: HTMLElement[] = [];
  for (const k of Object.keys(LABELS) as FieldName[]) {
    if (before[k] === now[k]) continue;
    const typed = f[k].value !== before[k];
    if (!typed) f[k].value = now[k];
    const shown = now[k] === '' ? '(empty)' : `"${now[k]}"`;
    lines.push(
      h(
        'li',
        { 'data-field': k },
        `${LABELS[k]} is now ${shown}${typed ? `; your "${f[k].value}" is kept in the form` : ', shown in the form'}.`,
      ),
    );
  }
  return h(
    'div',
    { class: 'conflict' },
    h(
      'p',
      {},
      'This job was changed elsewhere (another tab or the chat) since you opened it; nothing was saved. ' +
        'Check the values below, then Save again to apply your changes to the job as it is now.',
    ),
    lines.length > 0 ? h('ul', {}, ...lines) : h('p', {}, 'Its status or settings changed; the fields here are as they were.'),
  );
}

/**
 * Creates a job, or edits one: its schedule in words with a live preview of the next fire times,
 * what to say (or the command to run), its zone and, for a new job, the chat it reports to.
 * A refused request shows the server's reason per field and changes nothing.
 */
export function editorView(ctx: Ctx, root: HTMLElement, id?: string): View {
  const abort = new AbortController();
  const preview = schedulePreview(ctx.api, id);
  const draw = (loaded?: Job, loadedEtag?: string): void => {
    // The job as the server last showed it, and its version: a 412 moves both to the newer job.
    let job = loaded;
    let etag = loadedEtag;
    const isCommand = job?.kind === 'command';
    const textOf = (j: Job | undefined): string => {
      const p = (j?.payload ?? {}) as { text?: string; command?: string };
      return (isCommand ? p.command : p.text) ?? '';
    };
    const f = {
      name: input('name', job?.name ?? ''),
      when: input('when', '', { placeholder: job ? 'leave empty to keep the schedule' : 'every weekday at 9am', required: !job }),
      text: input(isCommand ? 'command' : 'text', textOf(job)),
      zone: input('zone', job?.timeZone ?? browserZone(), { list: 'zones', spellcheck: false }),
      platform: input('platform', job?.origin.platform ?? 'console', { list: 'platforms', required: true }),
      chat: input('chat', job?.origin.chatId ?? (job ? '' : 'console'), { required: true }),
      thread: input('thread', job?.origin.threadId ?? ''),
    };
    const problems = h('div', { class: 'error', role: 'alert' });
    const whenHint = (): HTMLElement => form.querySelector<HTMLElement>('#f-when-hint')!;
    const update = (): void => preview.update(f.when.value, f.zone.value.trim());
    f.when.addEventListener('input', update);
    f.zone.addEventListener('input', update);
    const form = h(
      'form',
      { class: 'editor', novalidate: true },
      field('When', f.when, whenHintText(job)),
      preview.el,
      field(
        isCommand ? 'Command' : 'Reminder text',
        f.text,
        isCommand ? 'A chat command, e.g. /list' : 'Leave empty when "When" says it ("remind me to call Sam at 5pm").',
      ),
      field('Name', f.name, 'Optional: shown in lists. Empty: the reminder text.'),
      field('Time zone', f.zone),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Reports to'),
        field('Platform', f.platform),
        field('Chat id', f.chat),
        field('Thread id', f.thread, 'Optional: a forum topic or thread.'),
      ),
      h('datalist', { id: 'zones' }, ...knownZones().map((z) => h('option', { value: z }))),
      h('datalist', { id: 'platforms' }, ...['console', 'telegram', 'discord'].map((p) => h('option', { value: p }))),
      problems,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, job ? 'Save changes' : 'Create job'),
        h('a', { class: 'button', href: job ? `/jobs/${encodeURIComponent(job.id)}` : ctx.listHref }, 'Cancel'),
      ),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      replace(problems);
      const value = (el: Field): string | undefined => el.value.trim() || undefined;
      const platform = f.platform.value.trim();
      const chatId = f.chat.value.trim();
      // The same chat keeps its kind (private or group), which the form does not show.
      const chatType = job && platform === job.origin.platform && chatId === job.origin.chatId ? job.origin.chatType : undefined;
      const origin = {
        platform,
        chatId,
        ...(chatType ? { chatType } : {}),
        ...(value(f.thread) ? { threadId: value(f.thread) } : {}),
      };
      const body: Record<string, unknown> = {};
      // An edit that cleared the name sends null (the server names the job by its text again);
      // leaving it out would keep the old name while the form showed it empty.
      if (job && !value(f.name)) body.name = null;
      else if (value(f.name) && f.name.value.trim() !== job?.name) body.name = value(f.name);
      if (value(f.when)) body.when = value(f.when);
      const textBefore = textOf(job);
      // A new job may leave the text to "When"; an edit that cleared it is sent, so the server
      // says why a reminder needs its text instead of the form answering "Nothing changed."
      if (job ? f.text.value !== textBefore : value(f.text)) body[f.text.name] = f.text.value;
      if (value(f.zone) && f.zone.value.trim() !== job?.timeZone) body.zone = value(f.zone);
      if (!job || origin.platform !== job.origin.platform || origin.chatId !== job.origin.chatId || origin.threadId !== job.origin.threadId)
        body.origin = origin;
      if (job && Object.keys(body).length === 0) {
        replace(problems, 'Nothing changed.');
        return;
      }
      try {
        const saved = job
          ? await ctx.api.send<Job & ScheduleNotes>('PATCH', `/api/v1/jobs/${encodeURIComponent(job.id)}`, body, {
              retry: true,
              ...(etag !== undefined ? { ifMatch: etag } : {}),
            })
          : await ctx.api.send<Job & ScheduleNotes>('POST', '/api/v1/jobs', body);
        ctx.say(job ? `Saved "${saved.name}".` : `Created "${saved.name}".`);
        // The server's notes on `when` (a DST day, skipped months) stay on the job's page, not in a passing toast.
        ctx.navigate(`/jobs/${encodeURIComponent(saved.id)}`, { notice: noteLines(saved) });
      } catch (err) {
        if (job && err instanceof ApiError && err.status === 412 && err.problem.job) {
          // Changed elsewhere (another tab, the chat): nothing was saved. The form takes the new
          // values where the person typed nothing, keeps what they typed, and says what changed.
          const now = err.problem.job as Job;
          replace(problems, changedElsewhere(fieldsOf(job, textOf(job)), fieldsOf(now, textOf(now)), f));
          job = now;
          etag = err.etag;
          whenHint().textContent = whenHintText(now);
          return;
        }
        const p = err instanceof ApiError ? err.problem : undefined;
        replace(
          problems,
          h('p', {}, p?.detail ?? (err as Error).message),
          p?.errors
            ? h(
                'ul',
                {},
                ...p.errors.map((x) => h('li', {}, `${x.field.replace(/^body\./, '')}: ${x.message}${x.fix ? ` (${x.fix})` : ''}`)),
              )
            : null,
        );
      }
    });
    replace(
      root,
      h('p', {}, h('a', { href: job ? `/jobs/${encodeURIComponent(job.id)}` : ctx.listHref }, '← Back')),
      h('h1', {}, job ? `Edit ${job.name}` : 'New job'),
      form,
    );
    update();
    f.when.focus();
  };

  if (id === undefined) draw();
  else {
    replace(root, h('p', { class: 'muted' }, 'Loading…'));
    ctx.api
      .getVersioned<Job>(`/api/v1/jobs/${encodeURIComponent(id)}`, { signal: abort.signal })
      .then(({ body, etag }) => draw(body, etag))
      .catch((err: Error) => {
        if (!abort.signal.aborted) replace(root, h('p', { class: 'error', role: 'alert' }, err.message));
      });
  }
  return {
    stop() {
      abort.abort();
      preview.stop();
    },
  };
}
