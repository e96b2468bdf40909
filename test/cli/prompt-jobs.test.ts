import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { AGENT_OFF } from '../../src/core/ports/agent.js';
import { FakeOpenAi } from '../emulators/openai/fake-openai.js';

let dir: string;
let model: FakeOpenAi;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chime-cli-prompt-'));
  model = new FakeOpenAi();
  env = {
    CHIME_DB: join(dir, 'chime.db'),
    LOG_LEVEL: 'silent',
    CHIME_LLM_BASE_URL: await model.start(),
    CHIME_LLM_MODEL: 'fake',
    CHIME_LLM_MAX_RETRIES: '0',
  };
});
afterAll(async () => {
  await model.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function chime(e: Record<string, string>, ...argv: string[]) {
  const io = captureIo(e);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

describe('chime jobs create --prompt / jobs history --verbose', () => {
  it('refuses a prompt job in one line while the agent is off, and creates nothing', async () => {
    const off = { CHIME_DB: env.CHIME_DB!, LOG_LEVEL: 'silent' };
    const r = await chime(off, 'jobs', 'create', '--name', 'digest', '--schedule', 'cron:0 8 * * *', '--prompt', 'What is new?');
    expect(r.code).toBe(1);
    expect(r.err).toContain(AGENT_OFF);
    expect((await chime(off, 'jobs', 'list', '--format', 'json')).out.trim()).toBe('[]');
  });

  it('refuses max_iterations above the ceiling, naming CHIME_AGENT_MAX_ITERATIONS', async () => {
    const r = await chime(env, 'jobs', 'create', '--name', 'x', '--schedule', 'cron:0 8 * * *', '--prompt', 'Hi', '--max-iterations', '11');
    expect(r.code).toBe(1);
    expect(r.err).toContain("max_iterations 11 is above this server's ceiling of 10 (CHIME_AGENT_MAX_ITERATIONS)");
  });

  it('creates a prompt job, runs it, and --verbose shows its transcript with tokens', async () => {
    const created = await chime(
      env,
      'jobs',
      'create',
      '--name',
      'digest',
      '--schedule',
      'cron:0 8 * * *',
      '--prompt',
      'What is new?',
      '--max-iterations',
      '3',
      '--no-tools',
      '--format',
      'json',
    );
    expect(created.err).toBe('');
    const job = JSON.parse(created.out) as { id: string; kind: string; payload: unknown };
    expect(job.kind).toBe('prompt');
    expect(job.payload).toEqual({ prompt: 'What is new?', use_react_loop: false, include_previous_output: false, max_iterations: 3 });

    model.reply({ content: 'All quiet.', usage: { prompt_tokens: 21, completion_tokens: 4 } });
    expect((await chime(env, 'jobs', 'run', '--id', job.id, '--wait')).code).toBe(0);
    expect(model.requests[0]?.body.tools).toBeUndefined();

    const r = await chime(env, 'jobs', 'history', '--id', job.id, '--verbose');
    expect(r.code).toBe(0);
    expect(r.out).toContain('answered · 25 tokens (21 in, 4 out)');
    expect(r.out).toContain('system: You are Chime');
    expect(r.out).toContain('asked: What is new?');
    expect(r.out).toContain('model: All quiet.');
  });
});
