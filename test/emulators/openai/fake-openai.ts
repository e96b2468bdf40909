import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** A function the fake model calls; `arguments` may be an object (sent as its JSON) or raw text. */
export interface FakeToolCall {
  name: string;
  arguments: Record<string, unknown> | string;
}

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/**
 * One scripted answer of the fake model.
 * - `content` and/or `toolCalls`: a normal completion (finish_reason stop / tool_calls);
 * - `status`: an error answer (429 and 5xx are retried by the client; `retryAfterMs` sets retry-after-ms);
 * - `hang`: never answers (the client's timeout or the turn's deadline has to end it);
 * - `delayMs`: answer only after this much real time (the benchmark's slow model).
 */
export type FakeReply =
  | { content?: string | null; toolCalls?: FakeToolCall[]; usage?: FakeUsage; delayMs?: number }
  | { status: number; message?: string; retryAfterMs?: number }
  | { hang: true };

/** A chat-completions request as the fake received it: what the model was shown. */
export interface RecordedRequest {
  body: {
    model: string;
    messages: Array<{
      role: string;
      content: string | null;
      tool_call_id?: string;
      tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    }>;
    tools?: Array<{ type: string; function: { name: string; description: string; parameters: unknown } }>;
    [key: string]: unknown;
  };
  authorization: string | undefined;
}

type Responder = (req: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

const DEFAULT_USAGE: FakeUsage = { prompt_tokens: 10, completion_tokens: 5 };

/**
 * A local OpenAI-compatible server (POST /v1/chat/completions over real HTTP) for tests and
 * benchmarks, driven through the real `openai` client. Answers come from a queue (`reply`)
 * and then from a function of the request (`respond`); every request is recorded, so a test
 * asserts what the model was shown: the messages, the tools offered, tool results.
 */
export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeReply[] = [];
  private responder: Responder | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Requests being answered right now, and the most at once (the concurrency a caller held). */
  inFlight = 0;
  maxInFlight = 0;

  /** Starts listening on 127.0.0.1 (a free port); resolves to the base URL to give the client (…/v1). */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return this.baseUrl;
  }

  get baseUrl(): string {
    if (!this.server) throw new Error('FakeOpenAi: not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Queues answers, used in order before the responder. */
  reply(...replies: FakeReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Answers every request once the queue is empty. */
  respond(fn: Responder): this {
    this.responder = fn;
    return this;
  }

  /** Tool names offered in request `i`. */
  toolsOffered(i: number): string[] {
    return (this.requests[i]?.body.tools ?? []).map((t) => t.function.name);
  }

  /** Tool results (role `tool` messages) the model was shown in request `i`. */
  toolResultsShown(i: number): string[] {
    return (this.requests[i]?.body.messages ?? []).filter((m) => m.role === 'tool').map((m) => m.content ?? '');
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions'))
      return send(res, 404, { error: { message: `fake: no route ${req.method} ${req.url}` } });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const recorded: RecordedRequest = {
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      authorization: req.headers.authorization,
    };
    const index = this.requests.push(recorded) - 1;
    if (recorded.body.stream)
      return send(res, 400, { error: { message: 'fake: streaming is not emulated' } }, { 'x-should-retry': 'false' });
    const scripted = this.queue.shift() ?? (await this.responder?.(recorded, index));
    if (!scripted)
      return send(res, 400, { error: { message: `fake: no scripted reply for request ${index}` } }, { 'x-should-retry': 'false' });
    if ('hang' in scripted) return; // left open until the client gives up (or stop() destroys it)
    if ('status' in scripted) {
      const headers: Record<string, string> =
        scripted.retryAfterMs !== undefined ? { 'retry-after-ms': String(scripted.retryAfterMs) } : {};
      return send(
        res,
        scripted.status,
        { error: { message: scripted.message ?? `fake: ${scripted.status}`, type: 'fake_error' } },
        headers,
      );
    }
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (scripted.delayMs) await new Promise((r) => setTimeout(r, scripted.delayMs));
    } finally {
      this.inFlight--;
    }
    send(res, 200, completion(recorded.body.model, index, scripted));
  }
}

function completion(model: string, index: number, r: { content?: string | null; toolCalls?: FakeToolCall[]; usage?: FakeUsage }): unknown {
  const toolCalls = (r.toolCalls ?? []).map((c, i) => ({
    id: `call_${index}_${i}`,
    type: 'function',
    function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
  }));
  const usage = r.usage ?? DEFAULT_USAGE;
  return {
    id: `chatcmpl-fake-${index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: r.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
        finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
