import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { DiscordEmulator, type EmulatedMessage, type EmulatedUser } from '../emulators/discord/emulator.js';
import { startDiscordApp } from './fixtures/discord-app.js';

/**
 * A role ping (`<@&id>`) in a reminder pings the whole role when it fires; only someone with
 * Manage Channels may write one. Every way text gets into a reminder is checked here, through
 * the real discord.js client and the real app against the emulator: /remind, /reminders edit,
 * and "Remind me about this" (its note, and the quoted message, written by someone else).
 */

const sam: EmulatedUser = { id: '3001', username: 'sam' };
const bo: EmulatedUser = { id: '3002', username: 'bo' };
const MODS = '<@&4242>';

const str = (name: string, value: string) => ({ name, type: 3, value });
const sub = (name: string, options: unknown[] = []) => ({ name, type: 1, options });

describe('Discord: role pings need Manage Channels, however the text gets in', () => {
  let emu: DiscordEmulator;
  let clock: ManualClock;
  let app: App | undefined;
  let stopApp: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    emu = await new DiscordEmulator().start();
    ({ app, clock, stop: stopApp } = await startDiscordApp(emu, { dirPrefix: 'chime-dc-roles-' }));
  });

  afterEach(async () => {
    await stopApp?.();
    stopApp = undefined;
    app = undefined;
  });

  async function ask(user: EmulatedUser, name: string, options: unknown[]): Promise<string> {
    const rec = emu.slashCommand({ user, channelId: emu.generalChannel.id, name, options });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''), 8000);
    return rec.messages[0]!.content;
  }

  async function aboutMessage(user: EmulatedUser, target: EmulatedMessage, when: string, what: string): Promise<string> {
    const menu = emu.messageCommand({ user, channelId: emu.generalChannel.id, name: 'Remind me about this', message: target });
    await emu.waitForAnswer(menu, undefined, 8000);
    const customId = (menu.callbacks[0]!.data as { custom_id: string }).custom_id;
    const submit = emu.submitModal({ user, channelId: emu.generalChannel.id, customId, values: { when, what } });
    await emu.waitForAnswer(submit, (r) => r.messages.some((m) => m.content !== ''), 8000);
    return submit.messages[0]!.content;
  }

  async function delivered(): Promise<EmulatedMessage> {
    const general = emu.generalChannel.id;
    await emu.waitForMessages(() => emu.messagesIn(general).some((m) => m.via === 'channel'), 8000);
    return emu.messagesIn(general).find((m) => m.via === 'channel')!;
  }

  const jobs = async () => app!.store.jobs.listJobs({ originChatId: emu.generalChannel.id });

  it('/reminders edit text: with a role ping is refused without Manage Channels; the reminder keeps its text and pings no role', async () => {
    const confirmation = await ask(sam, 'remind', [str('when', 'in 10 minutes'), str('what', 'stretch')]);
    const id = /\[([A-Za-z0-9_-]+)\]/.exec(confirmation)![1]!;
    const answer = await ask(sam, 'reminders', [sub('edit', [str('id', id), str('text', `${MODS} stretch`)])]);
    expect(answer).toMatch(/Manage Channels/);
    expect((await app!.store.jobs.getJob(id))?.name).toBe('stretch');
    await clock.advance(10 * 60_000);
    expect((await delivered()).allowed_mentions).toMatchObject({ roles: [] });
  });

  it('"Remind me about this" with a role ping in the note is refused without Manage Channels, and nothing is set', async () => {
    const target = emu.postUserMessage(emu.generalChannel.id, bo, 'budget numbers due friday');
    expect(await aboutMessage(sam, target, 'in 10 minutes', `${MODS} check`)).toMatch(/Manage Channels/);
    expect(await jobs()).toHaveLength(0);
  });

  it('"Remind me about this" on a message that pings a role: the reminder quotes it but pings only its owner', async () => {
    const target = emu.postUserMessage(emu.generalChannel.id, bo, `${MODS} please review the budget`);
    expect(await aboutMessage(sam, target, 'in 10 minutes', 'look at this')).toMatch(/look at this/);
    await clock.advance(10 * 60_000);
    const reminder = await delivered();
    expect(reminder.content).toContain('please review the budget');
    expect(reminder.allowed_mentions).toEqual({ parse: [], users: [sam.id], roles: [] });
  });
});
