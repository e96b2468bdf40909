/**
 * The cost of one `/ask` turn in the real app (SQLite file, chat layer, scheduling tools,
 * conversation memory), the model played by the OpenAI fake over real HTTP through the real
 * `openai` client, answering at once:
 *
 * agent_ask_schedule_turn_p50_ms / _p99_ms: 300 turns, each `/ask` whose model calls
 * schedule_task once and then answers (two model calls): read the memory, offer the tools,
 * parse `when` in the person's zone, every /remind check, create the job, echo it (next three
 * fires), check the answer's claims, keep the exchange. Each turn is a different person with
 * four earlier turns in memory, so the window read is a real one. Turns run one at a time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { FakeOpenAi } from '../test/emulators/openai/fake-openai.js';

const N = 300;
const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const model = new FakeOpenAi();
await model.start();
const dir = mkdtempSync(join(tmpdir(), 'chime-bench-ask-'));
model.respond((req) =>
  req.body.messages.at(-1)?.role === 'tool'
    ? { content: 'Done: I will remind you.' }
    : { toolCalls: [{ name: 'schedule_task', arguments: { when: 'every weekday at 9', text: 'stand up' } }] },
);
const config = loadConfig({
  CHIME_DB: join(dir, 'chime.db'),
  CHIME_LLM_BASE_URL: model.baseUrl,
  CHIME_LLM_MODEL: 'fake',
  CHIME_TZ: 'Europe/Berlin',
});
const app = createApp({ config, logger: silentLogger() });
try {
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const who = { platform: 'bench', chatId: `c${i}`, chatType: 'private' as const, userId: `u${i}`, userName: `u${i}`, isAdmin: true };
    const key = { sessionId: `bench_c${i}`, platform: 'bench', userId: `u${i}` };
    for (let t = 0; t < 4; t++) {
      app.store.conversations.append(
        key,
        [
          { role: 'user', content: `earlier question ${t}`, entityType: 'HUMAN' },
          { role: 'assistant', content: `earlier answer ${t}`, entityType: 'HUMAN' },
        ],
        new Date(),
      );
    }
    const started = performance.now();
    const [reply] = await app.chat.handleMessage({ ...who, text: '/ask remind me every weekday at 9 to stand up' });
    times.push(performance.now() - started);
    if (!reply?.text.includes('✅ Stored')) throw new Error(`bench agent-ask: no job stored: ${reply?.text}`);
  }
  times.sort((a, b) => a - b);
  console.log(`agent_ask_schedule_turn_p50_ms: ${pct(times, 50).toFixed(1)} ms`);
  console.log(`agent_ask_schedule_turn_p99_ms: ${pct(times, 99).toFixed(1)} ms`);
} finally {
  await app.stop();
  await model.stop();
  rmSync(dir, { recursive: true, force: true });
}
