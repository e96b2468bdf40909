// bench/_store-ready-child.mjs is plain JavaScript loading Chime's modules by path (as bin/chime.js
// does), so no type check sees a module it names move: this runs it on a small store instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { fill, T0 } from '../../bench/_pending-fill.js';

const CHILD = fileURLToPath(new URL('../../bench/_store-ready-child.mjs', import.meta.url));
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('the store-ready child opens a filled store, claims and reports', () => {
  dir = mkdtempSync(join(tmpdir(), 'chime-store-child-'));
  const path = join(dir, 'small.db');
  fill(path, 200, 100);
  const out = execFileSync(process.execPath, [CHILD, path, 'claim', String(T0)], {
    encoding: 'utf8',
    env: { ...process.env, CHIME_FROM_SOURCE: '1' },
  });
  const report = JSON.parse(out) as {
    from: string;
    readyMs: number;
    rssRunning: number;
    rssActive: number;
    workerIdle: boolean;
    workerActive: boolean;
    burstRate: number;
  };
  expect(report.from).toBe('source');
  expect(report.readyMs).toBeGreaterThan(0);
  expect(report.rssRunning).toBeGreaterThan(0);
  expect(report.burstRate).toBeGreaterThan(0);
  // The checkpoint worker: not started on the idle store, up after the claims and a write.
  expect(report.workerIdle).toBe(false);
  expect(report.workerActive).toBe(true);
  expect(report.rssActive).toBeGreaterThan(0);
}, 30_000);
