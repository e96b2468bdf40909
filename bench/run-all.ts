/**
 * `npm run bench`: runs every other bench/*.ts script as its own process, one after another
 * (figures must not disturb each other), passing their `name: value unit` lines through.
 * A failing script is reported on stderr and makes the exit code 1; the rest still run.
 *
 * Files starting with `_` are helpers and are skipped.
 *
 * Usage: node --import tsx bench/run-all.ts [name-filter…]
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);

const scripts = readdirSync(here)
  // `_helpers.ts` style files are shared code, not benchmarks.
  .filter((f) => f.endsWith('.ts') && f !== self && !f.endsWith('.d.ts') && !f.startsWith('_'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, file)], {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
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
for (const file of scripts) if ((await run(file)) !== 0) failed++;
if (scripts.length === 0) process.stderr.write('no benchmarks found in bench/\n');
process.exitCode = failed > 0 ? 1 : 0;
