import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.js';
import { DiscordEmulator, type EmulatedUser } from '../emulators/discord/emulator.js';
import { startDiscordApp } from './fixtures/discord-app.js';

/**
 * Discord's forwards: Chime reads no channel messages (slash commands and buttons are
 * interactions, which cannot be forwarded), so a forwarded "/cancel" is never run. The one
 * place a message's words reach Chime is "Remind me about this": on a forward, whose own
 * content is empty and whose words are in its snapshot, the reminder now quotes those words;
 * before, it quoted nothing.
 */

const sam: EmulatedUser = { id: '4101', username: 'sam' };
const ada: EmulatedUser = { id: '4102', username: 'ada' };

describe('Discord: a forwarded message (emulator, real app)', () => {
  let emu: DiscordEmulator;
  let clock: ManualClock;
  let stopApp: () => Promise<void>;

  beforeEach(async () => {
    emu = await new DiscordEmulator().start();
    ({ clock, stop: stopApp } = await startDiscordApp(emu, { dirPrefix: 'chime-dc-fwd-' }));
  });

  afterEach(() => stopApp());

  it('"Remind me about this" on a forward quotes the forwarded words when it comes', async () => {
    const general = emu.generalChannel.id;
    const forward = emu.postUserForward(general, ada, 'pay the invoice by friday');
    const menu = emu.messageCommand({ user: sam, channelId: general, name: 'Remind me about this', message: forward });
    await emu.waitForAnswer(menu, undefined, 8000);
    const customId = (menu.callbacks[0]!.data as { custom_id: string }).custom_id;
    const submit = emu.submitModal({ user: sam, channelId: general, customId, values: { when: 'in 10 minutes', what: '' } });
    await emu.waitForAnswer(submit, (r) => r.messages.some((m) => m.content !== ''), 8000);
    expect(submit.messages[0]!.content).toContain('Reminder set');

    await clock.advance(10 * 60_000);
    await emu.waitForMessages(() => emu.messagesIn(general).some((m) => m.via === 'channel'), 8000);
    const delivered = emu.messagesIn(general).find((m) => m.via === 'channel')!;
    expect(delivered.content).toContain('pay the invoice by friday');
  });
});
