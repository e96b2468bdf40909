/**
 * A prompt job's process dies mid-run (SIGKILL while the model is thinking): a new process
 * takes the occurrence over once its lease expires, asks the model again, and the answer is
 * delivered exactly once. Real child processes (the crash test's worker), a real SQLite file,
 * the real `openai` client against the OpenAI fake in this process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { CLI_ORIGIN, CLI_OWNER } from '../../src/cli/schedule-input.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { FakeOpenAi } from '../emulators/openai/fake-openai.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'crash-worker.ts');

let dir: string;
let db: string;
let sentFile: string;
let model: FakeOpenAi;
let llmEnv: Record<string, string>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chime-prompt-crash-'));
  db = join(dir, 'chime.db');
  sentFile = join(dir, 'sent.log');
  model = new FakeOpenAi();
  llmEnv = { CHIME_LLM_BASE_URL: await model.start(), CHIME_LLM_MODEL: 'fake', CHIME_LLM_MAX_RETRIES: '0' };
  const realNow = Date.now();
  const app = createApp({
    config: loadConfig({ CHIME_DB: db, ...llmEnv }),
    clock: new ManualClock(realNow - 60_000),
    logger: silentLogger(),
  });
  await app.scheduler.createJob({
    name: 'digest',
    kind: 'prompt',
    payload: { prompt: 'Summarize the day.' },
    owner: CLI_OWNER,
    origin: CLI_ORIGIN,
    schedule: { kind: 'once', at: new Date(realNow - 30_000) },
    timeZone: 'UTC',
  });
  await app.stop();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await model.stop();
  rmSync(dir, { recursive: true, force: true });
});

function startWorker(): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    cwd: ROOT,
    env: {
      ...process.env,
      CHIME_DB: db,
      CHIME_TEST_SENDER: 'file',
      CHIME_TEST_SENT_FILE: sentFile,
      CHIME_LEASE_MS: '1000',
      LOG_LEVEL: 'silent',
      ...llmEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready`)));
  });
  return { child, ready, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error('timed out');
    await sleep(25);
  }
}

describe('prompt job: crash mid-run', () => {
  it('SIGKILL while the model answers: the occurrence runs once more and its answer is delivered once', async () => {
    model.reply({ hang: true }, { content: 'The day in one line.' });
    const first = startWorker();
    await first.ready;
    await until(() => model.requests.length === 1);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = startWorker();
    await second.ready;
    const lines = () =>
      existsSync(sentFile)
        ? readFileSync(sentFile, 'utf8')
            .split('\n')
            .filter((l) => l.includes('The day in one line.'))
        : [];
    await until(() => lines().length === 1);
    await sleep(300); // a second copy would come now
    second.child.kill('SIGTERM');
    await second.exited;

    expect(model.requests).toHaveLength(2);
    expect(lines()).toHaveLength(1);
    const store = openSqliteStore(db);
    try {
      const runs = store.jobs.listRuns({});
      expect(runs.map((r) => r.status).sort()).toEqual(['abandoned', 'success']);
      expect(runs.find((r) => r.status === 'success')?.agent?.outcome).toBe('answered');
      expect(store.jobs.listOutbox({}).map((m) => m.status)).toEqual(['sent']);
    } finally {
      store.close();
    }
  }, 60_000);
});
