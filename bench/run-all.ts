/**
 * `npm run bench`: runs every other bench/*.ts script as its own process, one after another
 * (figures must not disturb each other), passing their `name: value unit` lines through.
 * A failing script is reported on stderr and makes the exit code 1; the rest still run.
 * The machine's noise (a fixed CPU loop timed at the start and at the end) comes last.
 *
 * `--peers` first runs the peer schedulers' harness (graphile-worker, BullMQ; `--peers=full`
 * adds their lateness phases), then Chime's figures, then the ratios between the two
 * (see _peers.ts). A peer run that fails or a ratio that cannot be computed makes the exit code 1.
 *
 * Files starting with `_` are helpers and are skipped.
 *
 * Usage: node --import tsx bench/run-all.ts [--peers[=full]] [name-filter…]
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { calibrate, printNoise } from './_noise.js';
import { type Figures, parseFigure, peerRuns, peersDir, printRatios, runPeer } from './_peers.js';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const peers = args.find((a) => a === '--peers' || a === '--peers=full');
const filters = args.filter((a) => !a.startsWith('--peers'));

const scripts = readdirSync(here)
  // `_helpers.ts` style files are shared code, not benchmarks.
  .filter((f) => f.endsWith('.ts') && f !== self && !f.endsWith('.d.ts') && !f.startsWith('_'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const figures: Figures = new Map();

function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, file)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      parseFigure(line, figures);
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => {
      if (code !== 0) process.stderr.write(`bench ${file} failed (${signal ?? `exit ${code}`})\n${stderr.slice(-4000)}`);
      resolve(code ?? 1);
    });
  });
}

let failed = 0;
let dir: string | undefined;
if (peers) {
  try {
    dir = peersDir(join(here, '..'));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}
const [one, five, fifteen] = loadavg();
console.log(`# bench: ${new Date().toISOString()}, load average ${one!.toFixed(2)} ${five!.toFixed(2)} ${fifteen!.toFixed(2)}`);
const noiseAtStart = calibrate();
if (dir) for (const peer of peerRuns(peers === '--peers=full')) if ((await runPeer(dir, peer, figures)) !== 0) failed++;
for (const file of scripts) if ((await run(file)) !== 0) failed++;
if (scripts.length === 0) process.stderr.write('no benchmarks found in bench/\n');
if (dir) failed += printRatios(figures);
printNoise(noiseAtStart, calibrate());
process.exitCode = failed > 0 ? 1 : 0;
