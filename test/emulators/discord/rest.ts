import type { IncomingMessage, ServerResponse } from 'node:http';

/** One REST call the bot made, as recorded by the emulator. */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, URL-decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
  at: number;
}

/** A planned failure: the next `times` requests matching `method path` get this answer. */
export interface InjectedFault {
  method: string;
  path: RegExp;
  times: number;
  status: 429 | 500 | 502 | 503 | 400 | 403 | 404;
  /** Discord JSON error code in the body (e.g. 50083 archived thread, 50001 missing access). Default 0. */
  code?: number;
  /** Seconds, for 429. */
  retryAfter?: number;
  global?: boolean;
}

export type RouteHandler = (params: string[], body: unknown, query: URLSearchParams) => RouteResult | Promise<RouteResult>;

/** A route's answer; `headers` are added to the response (rate-limit headers). */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
}

/** A tiny router for `/api/v10/...` with fault injection and recording. */
export class RestRouter {
  private readonly routes: Route[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly faults: InjectedFault[] = [];

  on(method: string, pattern: RegExp, handler: RouteHandler): this {
    this.routes.push({ method, pattern, handler });
    return this;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const match = /^\/api(?:\/v\d+)?(\/.*)$/.exec(url.pathname);
    const path = decodeURIComponent(match?.[1] ?? url.pathname);
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const record: RecordedRequest = { method, path, query: url.searchParams, body, status: 0, at: Date.now() };
    this.requests.push(record);

    const fault = this.faults.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (fault) {
      fault.times -= 1;
      record.status = fault.status;
      if (fault.status === 429) {
        const retryAfter = fault.retryAfter ?? 0.2;
        res.writeHead(429, {
          'content-type': 'application/json',
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfter),
          'x-ratelimit-reset': String(Date.now() / 1000 + retryAfter),
          'x-ratelimit-bucket': 'emulated-bucket',
          'x-ratelimit-scope': fault.global ? 'global' : 'user',
          ...(fault.global ? { 'x-ratelimit-global': 'true' } : {}),
        });
        res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: retryAfter, global: !!fault.global, code: 0 }));
      } else {
        res.writeHead(fault.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `Emulated ${fault.status}`, code: fault.code ?? 0 }));
      }
      return;
    }

    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      try {
        const out = await route.handler(m.slice(1), body, url.searchParams);
        record.status = out.status;
        if (out.body === undefined) {
          res.writeHead(out.status, out.headers ?? {});
          res.end();
        } else {
          res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
          res.end(JSON.stringify(out.body));
        }
      } catch (err) {
        record.status = 500;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(err), code: 0 }));
      }
      return;
    }
    record.status = 404;
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `404: Not Found (emulator has no route for ${method} ${path})`, code: 0 }));
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    // discord.js sends multipart only with files; the JSON part is named payload_json.
    const m = /name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/.exec(text);
    return m?.[1] ? (JSON.parse(m[1]) as unknown) : text;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
