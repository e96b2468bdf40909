import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.js';
import { DiscordEmulator, type EmulatedUser } from '../emulators/discord/emulator.js';
import { startDiscordApp } from './fixtures/discord-app.js';

/**
 * A public thread belongs to its channel, like a Telegram forum topic: the channel's /list
 * covers it. A private thread is seen only by its members; its reminders must not show in the
 * channel's /list to everyone else, nor fall back to the channel when the thread is gone.
 */

const sam: EmulatedUser = { id: '3001', username: 'sam' };
const bo: EmulatedUser = { id: '3002', username: 'bo' };
const str = (name: string, value: string) => ({ name, type: 3, value });
const sub = (name: string, options: unknown[] = []) => ({ name, type: 1, options });

describe('Discord: reminders in a private thread stay in it', () => {
  let emu: DiscordEmulator;
  let clock: ManualClock;
  let stopApp: () => Promise<void>;

  beforeEach(async () => {
    emu = await new DiscordEmulator().start();
    ({ clock, stop: stopApp } = await startDiscordApp(emu, { dirPrefix: 'chime-dc-private-' }));
  });

  afterEach(() => stopApp());

  async function ask(user: EmulatedUser, channelId: string, name: string, options: unknown[]): Promise<string> {
    const rec = emu.slashCommand({ user, channelId, name, options });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''), 8000);
    return rec.messages.map((m) => m.content).join('\n');
  }

  it("the channel's /list does not show a private thread's reminder to someone outside the thread", async () => {
    const general = emu.generalChannel.id;
    const secret = emu.addThread(general, 'party planning', { private: true });
    await new Promise((r) => setTimeout(r, 100)); // THREAD_CREATE reaches the client's cache
    const confirmation = await ask(sam, secret.id, 'remind', [str('when', 'in 2 hours'), str('what', 'buy the surprise cake for bo')]);
    expect(confirmation).toMatch(/surprise cake/);
    expect(await ask(bo, general, 'reminders', [sub('list')])).not.toMatch(/surprise cake/);
    // In the thread itself it is listed.
    expect(await ask(sam, secret.id, 'reminders', [sub('list')])).toMatch(/surprise cake/);

    await clock.advance(2 * 3600_000);
    await emu.waitForMessages(() => emu.messagesIn(secret.id).some((m) => m.via === 'channel'), 8000);
    expect(emu.messagesIn(general).filter((m) => m.via === 'channel')).toHaveLength(0);
  });

  it('a public thread still belongs to its channel', async () => {
    const general = emu.generalChannel.id;
    const open = emu.addThread(general, 'release');
    await new Promise((r) => setTimeout(r, 100));
    await ask(sam, open.id, 'remind', [str('when', 'in 2 hours'), str('what', 'tag the release')]);
    expect(await ask(bo, general, 'reminders', [sub('list')])).toMatch(/tag the release/);
  });
});
