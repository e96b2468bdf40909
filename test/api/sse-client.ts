/** A Server-Sent Events client for tests: real HTTP (fetch), the text/event-stream parsed as the spec says. */
export interface SseMessage {
  id?: string;
  event?: string;
  data: string;
}

export interface SseClient {
  status: number;
  contentType: string | null;
  messages: SseMessage[];
  /** Comment lines (`: keep-alive`). */
  comments: string[];
  /** Resolves when `predicate` holds for the messages received so far (checked after each chunk). */
  until(predicate: (messages: SseMessage[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const check = () => {
    for (const w of [...waiters]) w();
  };
  if (res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let text = '';
      try {
        for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
          text += decoder.decode(chunk, { stream: true });
          let cut = text.indexOf('\n\n');
          while (cut >= 0) {
            const block = text.slice(0, cut);
            text = text.slice(cut + 2);
            const m: SseMessage = { data: '' };
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('id: ')) m.id = line.slice(4);
              else if (line.startsWith('event: ')) m.event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length > 0) {
              m.data = data.join('\n');
              messages.push(m);
            }
            cut = text.indexOf('\n\n');
          }
          check();
        }
      } catch {
        // aborted
      } finally {
        ended = true;
        check();
      }
    })();
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    messages,
    comments,
    until(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`SSE: condition not met after ${timeoutMs} ms (${messages.length} messages)`));
        }, timeoutMs);
        const w = () => {
          if (predicate(messages)) {
            clearTimeout(timer);
            waiters.delete(w);
            resolve();
          } else if (ended) {
            clearTimeout(timer);
            waiters.delete(w);
            reject(new Error(`SSE: stream ended first (${messages.length} messages)`));
          }
        };
        waiters.add(w);
        w();
      });
    },
    close: () => abort.abort(),
  };
}
