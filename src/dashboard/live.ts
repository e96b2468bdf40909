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
  private abort: AbortController | undefined;

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
