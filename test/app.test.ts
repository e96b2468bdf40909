/**
 * The composition (createApp) end to end with a ManualClock and a fake platform: a reminder
 * asked for in chat is delivered by the outbox when the clock gets there, an undeliverable
 * one fails its job and tells the creator, and stop() shuts everything down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../src/app.js';
import type { Adapter } from '../src/chat/adapter.js';
import type { ChatService, IncomingMessage } from '../src/chat/message.js';
import { ManualClock, flushMicrotasks } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { PermanentDeliveryError } from '../src/core/ports/sender.js';
import { silentLogger } from '../src/log.js';
import { FakeSender } from './delivery/fake-sender.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function fakeAdapter(platform: string): Adapter & { chat?: ChatService; sender: FakeSender } {
  const adapter: Adapter & { chat?: ChatService; sender: FakeSender } = {
    platform,
    sender: new FakeSender(platform),
    async start(chat) {
      adapter.chat = chat;
    },
    async stop() {},
  };
  return adapter;
}

async function setup(platform = 'telegram') {
  const dir = mkdtempSync(join(tmpdir(), 'chime-app-'));
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  const adapter = fakeAdapter(platform);
  const app: App = createApp({
    config: loadConfig({ CHIME_DB: join(dir, 'chime.db') }),
    clock,
    logger: silentLogger(),
    adapters: [adapter],
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => app.stop());
  await app.start();
  return { app, clock, adapter };
}

async function until(check: () => boolean | Promise<boolean>, rounds = 200): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (await check()) return;
    await flushMicrotasks(2);
  }
  throw new Error('condition not reached');
}

function message(text: string, over: Partial<IncomingMessage> = {}): IncomingMessage {
  return { platform: 'telegram', chatId: '42', chatType: 'private', userId: '42', userName: 'Sam', isAdmin: false, text, ...over };
}

describe('app', () => {
  it('a reminder asked for in chat is delivered to the same chat when the clock gets there', async () => {
    const { app, clock, adapter } = await setup();
    const replies = await adapter.chat!.handleMessage(
      message('/remind in 5 minutes stretch', { chatId: '-100', chatType: 'group', threadId: '7' }),
    );
    expect(replies[0]?.text).toContain('stretch');
    await clock.advance(4 * 60_000);
    await flushMicrotasks(10);
    expect(adapter.sender.delivered).toHaveLength(0);
    await clock.advance(60_000);
    await until(() => adapter.sender.delivered.length === 1);
    const sent = adapter.sender.delivered[0]!;
    expect(sent.to).toMatchObject({ platform: 'telegram', chatId: '-100', threadId: '7' });
    expect(sent.text).toContain('stretch');
    expect(sent.msg.actions?.flat().length).toBeGreaterThan(0);
    // Marked sent once the send has returned, a moment after the sender saw it.
    await until(async () => (await app.store.jobs.listOutbox({ status: 'sent' })).length === 1);
    expect(await app.store.jobs.listOutbox({ status: 'sent' })).toHaveLength(1);
  });

  it('an undeliverable reminder marks the job failed and tells its creator privately', async () => {
    const { app, clock, adapter } = await setup();
    adapter.sender.behave = (call) => {
      if (call.to.chatId === '-100') throw new PermanentDeliveryError('bot was kicked from the group');
    };
    await adapter.chat!.handleMessage(message('/remind in 1 minute water the plants', { chatId: '-100', chatType: 'group' }));
    const [job] = await app.store.jobs.listJobs({});
    await clock.advance(60_000);
    await until(() => adapter.sender.delivered.length === 1);
    expect(adapter.sender.delivered[0]?.to.chatId).toBe('42');
    expect(adapter.sender.delivered[0]?.text).toContain('bot was kicked');
    const failed = await app.store.jobs.getJob(job!.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.lastError).toContain('bot was kicked');
  });

  it('stop() stops the loops and closes the database; calling it twice is harmless', async () => {
    const { app } = await setup();
    await app.stop();
    await app.stop();
    // Closed: the store refuses work.
    await expect(async () => app.store.jobs.countJobs()).rejects.toThrow(/not open|closed/i);
  });
});
