import type { Api } from './api.js';
import { debounce } from './backoff.js';
import { h, replace } from './dom.js';
import { noteList, noteLines } from './schedule-notes.js';
import { zoned } from './time.js';
import type { Reading } from './types.js';

/**
 * The editor's live preview: as the person types a schedule in words, the server's parser (the
 * chat's own, POST /api/v1/parse) says how it reads it and when it will fire, in the zone chosen.
 * Calls are debounced, and an answer to older text never replaces the answer to newer text.
 * Editing a job, the text is sent with its `jobId`, so the server reads it as the new "When" of
 * that job, as Save (PATCH) will ("friday" keeps the job's 17:00), refusals included.
 */
export function schedulePreview(api: Api, jobId?: string): { el: HTMLElement; update(text: string, zone: string): void; stop(): void } {
  const el = h('div', { class: 'preview', id: 'preview', 'aria-live': 'polite' });
  let inFlight: AbortController | undefined;
  const ask = debounce(async (text: string, zone: string) => {
    inFlight?.abort();
    const mine = new AbortController();
    inFlight = mine;
    el.classList.add('pending');
    try {
      const r = await api.send<Reading>(
        'POST',
        '/api/v1/parse',
        { text, ...(zone ? { zone } : {}), ...(jobId !== undefined ? { jobId } : {}) },
        { signal: mine.signal, retry: true },
      );
      if (mine.signal.aborted) return;
      draw(r);
    } catch (err) {
      if (mine.signal.aborted) return;
      replace(el, h('p', { class: 'error' }, (err as Error).message));
    } finally {
      if (inFlight === mine) el.classList.remove('pending');
    }
  }, 300);

  const draw = (r: Reading): void => {
    if (!r.ok) {
      replace(el, h('p', { class: 'error' }, r.error), r.example ? h('p', { class: 'muted' }, `For example: ${r.example}`) : null);
      return;
    }
    replace(
      el,
      h('p', {}, 'Reads as ', h('code', {}, r.spec), ` in ${r.timeZone}`, r.text ? `, reminding "${r.text}"` : ''),
      h('p', { class: 'muted' }, r.next.length > 1 ? 'Next fire times:' : 'Fires at:'),
      h('ol', { class: 'next-runs' }, ...r.next.map((n) => h('li', { title: n.at }, zoned(n.local)))),
      noteList(noteLines(r)),
    );
  };

  return {
    el,
    update(text, zone) {
      if (text.trim() === '') {
        ask.cancel();
        inFlight?.abort();
        replace(el, h('p', { class: 'muted' }, 'Type when it should run to see the next fire times.'));
        return;
      }
      ask(text, zone);
    },
    stop() {
      ask.cancel();
      inFlight?.abort();
    },
  };
}
