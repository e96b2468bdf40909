import { backoffDelay, sleep } from './backoff.js';
import type { LiveEvent } from './types.js';

export type LiveState = { state: 'connecting' } | { state: 'open' } | { state: 'lost'; reason: string; retryInMs: number };

const STREAM = '/api/v1/events/stream';

/**
 * The live event stream (server-sent events), read with fetch rather than EventSource: an
 * EventSource gives up for good on an error answer and cannot send Last-Event-ID on a
 * connection it did not open itself, where this one reconnects with exponential backoff and
 * always resumes after the last event it saw, so an outage loses no event.
 */
export class LiveStream {
  private lastEventId: string | undefined;
  private readonly events = new Set<(e: LiveEvent) => void>();
  private readonly states = new Set<(s: LiveState) => void>();
  private readonly resets = new Set<() => void>();
  private abort: AbortController | undefined;

  /** `newest`: the log's newest event id (GET /api/v1/events), asked when the server refuses where we resume. */
  constructor(private readonly newest: () => Promise<number>) {}

  /**
   * Called when the stream had to skip ahead: the page's last event id is beyond the log's
   * newest (the database was restored from an older backup), so the events in between are not
   * in the log any more; the page reloads what it shows and is told events may have been missed.
   */
  onReset(fn: () => void): () => void {
    this.resets.add(fn);
    return () => this.resets.delete(fn);
  }

  onEvent(fn: (e: LiveEvent) => void): () => void {
    this.events.add(fn);
    return () => this.events.delete(fn);
  }

  onState(fn: (s: LiveState) => void): () => void {
    this.states.add(fn);
    return () => this.states.delete(fn);
  }

  /**
   * Follows the stream from event `since` on (the newest id when the page loaded its data), so
   * an outage before the first event still resumes at the right place.
   */
  start(since?: number): void {
    if (this.abort) return;
    if (since !== undefined) this.lastEventId = String(since);
    this.abort = new AbortController();
    void this.run(this.abort.signal);
  }

  stop(): void {
    this.abort?.abort();
    this.abort = undefined;
  }

  private emitState(s: LiveState): void {
    for (const fn of this.states) fn(s);
  }

  private async run(signal: AbortSignal): Promise<void> {
    for (let attempt = 0; !signal.aborted; ) {
      let reason: string;
      try {
        this.emitState({ state: 'connecting' });
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (this.lastEventId !== undefined) headers['last-event-id'] = this.lastEventId;
        const res = await fetch(STREAM, { headers, credentials: 'same-origin', cache: 'no-store', signal });
        if (res.status === 400 && (await this.resumeFromNewest())) {
          // Not an outage: reconnect at once from the newest event.
          attempt = 0;
          continue;
        }
        if (!res.ok || !res.body) {
          reason = res.status === 401 ? 'the session ended; log in again' : `the server answered ${res.status}`;
        } else {
          this.emitState({ state: 'open' });
          attempt = 0;
          await this.read(res.body, signal);
          reason = 'the server closed the stream';
        }
      } catch (err) {
        if (signal.aborted) return;
        reason = err instanceof TypeError ? 'the server cannot be reached' : (err as Error).message;
      }
      const retryInMs = backoffDelay(attempt++, 1000, 15_000);
      this.emitState({ state: 'lost', reason, retryInMs });
      try {
        await sleep(retryInMs, signal);
      } catch {
        return;
      }
    }
  }

  /**
   * After a 400: if our Last-Event-ID is beyond the log's newest event (which the server refuses,
   * as resuming there would skip the events that will take those ids), resume from the newest
   * and tell the page. Retrying with the same id would be refused forever.
   */
  private async resumeFromNewest(): Promise<boolean> {
    if (this.lastEventId === undefined) return false;
    let newest: number;
    try {
      newest = await this.newest();
    } catch {
      return false;
    }
    if (!(Number(this.lastEventId) > newest)) return false;
    this.lastEventId = String(newest);
    for (const fn of this.resets) fn();
    return true;
  }

  /** Parses the text/event-stream format (WHATWG HTML §9.2) and dispatches each event. */
  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
    signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
    let buffer = '';
    let data: string[] = [];
    let id: string | undefined;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (id !== undefined) this.lastEventId = id;
          if (data.length > 0) this.dispatch(data.join('\n'));
          data = [];
          id = undefined;
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(val);
        else if (field === 'id' && !val.includes('\0')) id = val;
      }
    }
  }

  private dispatch(text: string): void {
    let event: LiveEvent;
    try {
      event = JSON.parse(text) as LiveEvent;
    } catch {
      return;
    }
    for (const fn of this.events) fn(event);
  }
}
