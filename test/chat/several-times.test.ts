/**
 * A request with several one-off times, from the chat to the platform: the whole app (chat
 * layer, parser, scheduler, outbox, a fake sender) on the fake clock. The confirmation lists
 * both times and both are delivered; the job ends only after the last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Adapter } from '../../src/chat/adapter.js';
import type { ChatService, IncomingMessage } from '../../src/chat/message.js';
import { ManualClock, flushMicrotasks } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { FakeSender } from '../delivery/fake-sender.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startApp() {
  const dir = mkdtempSync(join(tmpdir(), 'chime-several-'));
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  const sender = new FakeSender('telegram');
  let chat: ChatService | undefined;
  const adapter: Adapter = {
    platform: 'telegram',
    sender,
    async start(c) {
      chat = c;
    },
    async stop() {},
  };
  const app = createApp({
    config: loadConfig({ CHIME_DB: join(dir, 'chime.db'), CHIME_TZ: 'UTC' }),
    clock,
    logger: silentLogger(),
    adapters: [adapter],
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => app.stop());
  await app.start();
  const say = async (text: string) => {
    const msg: IncomingMessage = {
      platform: 'telegram',
      chatId: '42',
      chatType: 'private',
      userId: '42',
      userName: 'Sam',
      isAdmin: false,
      text,
    };
    return (await chat!.handleMessage(msg)).map((m) => m.text).join('\n');
  };
  /**
   * Moves the clock to `iso`: long spans jump (as after a suspend) to a minute before it, the
   * rest is walked sleeper by sleeper; then delivery is let finish.
   */
  const advanceTo = async (iso: string) => {
    const target = new Date(iso).getTime();
    if (target - clock.now().getTime() > 120_000) await clock.jump(target - 60_000);
    await clock.set(target);
    for (let i = 0; i < 20; i++) await flushMicrotasks(5);
  };
  return { app, sender, say, advanceTo };
}

describe('several one-off times in one request', () => {
  it('/remind at 10:25 and at 10:45 ping delivers twice, once at each time', async () => {
    const { app, sender, say, advanceTo } = await startApp();
    const reply = await say('/remind at 10:25 and at 10:45 ping');
    // Both times are confirmed (Sunday 22 November, UTC).
    expect(reply).toMatch(/10:25/);
    expect(reply).toMatch(/10:45/);
    const id = /\[([A-Za-z0-9_-]+)\]/.exec(reply)![1]!;

    await advanceTo('2026-11-22T10:24:59Z');
    expect(sender.delivered).toHaveLength(0);
    await advanceTo('2026-11-22T10:25:01Z');
    expect(sender.delivered.map((d) => d.text)).toEqual([expect.stringContaining('ping')]);
    expect(await app.scheduler.getJob(id)).toMatchObject({ status: 'active', nextRunAt: new Date('2026-11-22T10:45:00Z') });

    await advanceTo('2026-11-22T10:44:59Z');
    expect(sender.delivered).toHaveLength(1);
    await advanceTo('2026-11-22T10:45:01Z');
    expect(sender.delivered.map((d) => d.text)).toEqual([expect.stringContaining('ping'), expect.stringContaining('ping')]);
    expect(sender.delivered.every((d) => d.to.chatId === '42')).toBe(true);
    expect((await app.scheduler.getJob(id))?.status).toBe('completed');
  });

  it('"on wednesday at 3 pm and on saturday at 10 am call bob" is delivered on both days', async () => {
    const { sender, say, advanceTo } = await startApp();
    const reply = await say('/remind on wednesday at 3 pm and on saturday at 10 am call bob');
    expect(reply).toMatch(/Wed/);
    expect(reply).toMatch(/Sat/);
    // Wednesday 25 November 15:00 UTC, Saturday 28 November 10:00 UTC.
    await advanceTo('2026-11-25T15:00:01Z');
    expect(sender.delivered).toHaveLength(1);
    await advanceTo('2026-11-28T09:59:59Z');
    expect(sender.delivered).toHaveLength(1);
    await advanceTo('2026-11-28T10:00:01Z');
    expect(sender.delivered).toHaveLength(2);
    expect(sender.delivered.every((d) => d.text.includes('call bob'))).toBe(true);
  });
});
