import { lookup } from 'node:dns';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardedFetch, isAddressRefused, type ResolveAll } from '../../../src/core/executors/guarded-fetch.js';
import { nonPublicReason } from '../../../src/core/executors/public-address.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A real HTTP server on `host`, counting the requests it got. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void, host = '127.0.0.1') {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as AddressInfo).port;
  return { hits, port, url: `http://${host}:${port}` };
}

const ok = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(200).end('fine');
const signal = () => new AbortController().signal;

async function refusal(p: Promise<unknown>): Promise<Error> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!err) throw new Error('expected the request to be refused');
  expect(isAddressRefused(err)).toBe(true);
  return err;
}

describe('public-only HTTP checks for /watch', () => {
  it('refuses a server on 127.0.0.1 by default, without connecting; allows it when the operator says so', async () => {
    const s = await serve(ok);
    const err = await refusal(guardedFetch()(`${s.url}/health`, { method: 'GET', signal: signal() }));
    expect(err.message).toContain('loopback');
    expect(err.message).toContain('CHIME_WATCH_ALLOW_PRIVATE');
    expect(s.hits).toEqual([]);
    expect(await guardedFetch({ allowPrivate: true })(`${s.url}/health`, { method: 'GET', signal: signal() })).toEqual({ status: 200 });
    expect(s.hits).toEqual(['/health']);
  });

  it('refuses loopback in every spelling: localhost, [::1], IPv4-mapped IPv6, a decimal integer host', async () => {
    const s = await serve(ok);
    for (const host of ['localhost', '[::1]', '[::ffff:127.0.0.1]', '2130706433', '0x7f.1', '0.0.0.0']) {
      await refusal(guardedFetch()(`http://${host}:${s.port}/`, { method: 'GET', signal: signal() }));
    }
    expect(s.hits).toEqual([]);
  });

  it('checks the address a name resolves to when connecting (a name pointing at 127.0.0.1 is refused)', async () => {
    const s = await serve(ok);
    let asked = 0;
    // The first answer is public, later ones private: a check made before connecting and
    // another resolution at connect time would be fooled (DNS rebinding). Here the one
    // resolution made for the connection is the one checked.
    const rebinding: ResolveAll = (_host, _opts, cb) => {
      asked += 1;
      cb(null, [{ address: '127.0.0.1', family: 4 }]);
    };
    const err = await refusal(
      guardedFetch({ resolve: rebinding })(`http://status.example:${s.port}/`, { method: 'GET', signal: signal() }),
    );
    expect(err.message).toContain('status.example is a loopback address');
    expect(asked).toBe(1);
    expect(s.hits).toEqual([]);
    // One private address among public ones is enough to refuse.
    const mixed: ResolveAll = (_h, _o, cb) =>
      cb(null, [
        { address: '93.184.215.14', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ]);
    expect(
      (await refusal(guardedFetch({ resolve: mixed })('http://metadata.example/', { method: 'GET', signal: signal() }))).message,
    ).toContain('link-local');
  });

  it('checks every redirect hop: a public server redirecting to loopback is refused', async () => {
    const inner = await serve(ok);
    // 127.0.0.2 stands in for a public server: the test's classifier calls it public.
    const outer = await serve((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${inner.port}/admin` }).end(), '127.0.0.2');
    const classify = (a: string) => (a === '127.0.0.2' ? undefined : nonPublicReason(a));
    const err = await refusal(guardedFetch({ classify })(`${outer.url}/`, { method: 'GET', signal: signal() }));
    expect(err.message).toContain('127.0.0.1 is a loopback address');
    expect(outer.hits).toEqual(['/']);
    expect(inner.hits).toEqual([]);
    // A redirect to a name that resolves to loopback is refused the same way.
    const byName = await serve(
      (_req, res) => res.writeHead(301, { location: `http://intranet.example:${inner.port}/` }).end(),
      '127.0.0.2',
    );
    const resolve: ResolveAll = (host, o, cb) =>
      host === 'intranet.example' ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : (lookup as unknown as ResolveAll)(host, o, cb);
    await refusal(guardedFetch({ classify, resolve })(`${byName.url}/`, { method: 'GET', signal: signal() }));
    expect(inner.hits).toEqual([]);
  });

  it('follows allowed redirects and reports the final status', async () => {
    const target = await serve((_req, res) => res.writeHead(503).end());
    const start = await serve((_req, res) => res.writeHead(307, { location: `${target.url}/ready` }).end());
    expect(await guardedFetch({ allowPrivate: true })(`${start.url}/`, { method: 'GET', signal: signal() })).toEqual({ status: 503 });
    expect(target.hits).toEqual(['/ready']);
    const loop = await serve((req, res) => res.writeHead(302, { location: req.url === '/' ? '/again' : '/' }).end());
    await expect(
      guardedFetch({ allowPrivate: true, maxRedirects: 3 })(`${loop.url}/`, { method: 'GET', signal: signal() }),
    ).rejects.toThrow('more than 3 redirects');
    expect(loop.hits).toHaveLength(4);
  });

  it('never reads the body: an endless body still gives the status at once and the connection is closed', async () => {
    let written = 0;
    let closed!: () => void;
    const connectionClosed = new Promise<void>((r) => (closed = r));
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.once('close', closed);
      pump();
    });
    expect(await guardedFetch({ allowPrivate: true })(`${s.url}/big`, { method: 'GET', signal: signal() })).toEqual({ status: 200 });
    await connectionClosed;
    // Socket buffers take a few MB at most; reading the body would never have finished.
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  it('gives up on a server that never answers after the per-request timeout', async () => {
    const s = await serve(() => {});
    const started = Date.now();
    await expect(guardedFetch({ allowPrivate: true, timeoutMs: 300 })(`${s.url}/`, { method: 'GET', signal: signal() })).rejects.toThrow(
      'no answer within',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('nonPublicReason', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['10.0.0.7', 'a private network address'],
    ['172.16.5.4', 'a private network address'],
    ['192.168.1.1', 'a private network address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['0.0.0.0', 'an unspecified address'],
    ['224.0.0.251', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
    ['::1', 'a loopback address'],
    ['::', 'an unspecified address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:a9fe:a9fe', 'a link-local address'],
    ['64:ff9b::a00:1', 'a private network address'],
    ['2002:c0a8:101::1', 'a private network address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['ff02::1', 'a multicast address'],
  ])('%s is %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '93.184.215.14', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    '%s is public',
    (address) => {
      expect(nonPublicReason(address)).toBeUndefined();
    },
  );
});
