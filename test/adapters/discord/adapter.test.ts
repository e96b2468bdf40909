import { COMMAND_HELP } from '../../../src/chat/help.js';
import { mentionPart, outgoing, textMessage, textPart } from '../../../src/core/outgoing-message.js';
import { afterEach, describe, expect, it } from 'vitest';
import { slashCommands } from '../../../adapters/discord/index.js';
import { GENERIC_FAILURE } from '../../../src/core/errors.js';
import { NEEDS_MANAGE_CHANNELS_CHANNEL, NEEDS_MANAGE_CHANNELS_ROLES } from '../../../adapters/discord/to-incoming.js';
import {
  ACK_WINDOW_MS,
  DiscordEmulator,
  Permission,
  type EmulatedMessage,
  type InteractionRecord,
} from '../../emulators/discord/emulator.js';
import { EPHEMERAL, FakeChat, opt, startAdapter } from './harness.js';

const sam = { id: '1001', username: 'sam' };
const bo = { id: '1002', username: 'bo' };
const mod = { id: '1003', username: 'mod', permissions: Permission.SendMessages | Permission.ManageMessages };
const manager = { id: '1004', username: 'manager', permissions: Permission.SendMessages | Permission.ManageChannels };

let stopAll: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopAll?.();
  stopAll = undefined;
});

async function setup(chat = new FakeChat(), opts = {}) {
  const started = await startAdapter(chat, opts);
  stopAll = started.stop;
  return { chat, ...started };
}

/** Waits until the bot's reply has content (after the ephemeral defer). */
function answered(emu: DiscordEmulator, rec: InteractionRecord): Promise<InteractionRecord> {
  return emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''));
}

describe('slash commands', () => {
  it('are acknowledged at once with an ephemeral defer, then the answer replaces it (caller only)', async () => {
    const { emu, chat } = await setup();
    const rec = emu.slashCommand({
      user: sam,
      channelId: emu.generalChannel.id,
      name: 'remind',
      options: [opt.str('when', 'every weekday at 9'), opt.str('what', 'standup')],
    });
    await answered(emu, rec);
    expect(rec.callbacks[0]).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(rec.ackedAt! - rec.sentAt).toBeLessThan(ACK_WINDOW_MS);
    expect(rec.messages[0]).toMatchObject({ content: 'echo /remind every weekday at 9 standup', flags: EPHEMERAL });
    expect(chat.messages[0]).toMatchObject({
      platform: 'discord',
      chatId: emu.generalChannel.id,
      chatType: 'group',
      userId: sam.id,
      userName: 'sam',
      isAdmin: false,
    });
    expect(chat.messages[0]!.threadId).toBeUndefined();
  });

  it('a slow chat layer still gets the interaction acknowledged within 3 seconds', async () => {
    const chat = new FakeChat();
    chat.reply = () => new Promise((r) => setTimeout(() => r([{ text: 'slow answer' }]), 3500));
    const { emu } = await setup(chat);
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'recall' });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content === 'slow answer'), 6000);
    expect(rec.ackedAt! - rec.sentAt).toBeLessThan(ACK_WINDOW_MS);
  });

  it('in a thread: chat is the parent channel, threadId the thread', async () => {
    const { emu, chat } = await setup();
    const thread = emu.addThread(emu.generalChannel.id, 'planning');
    const rec = emu.slashCommand({ user: sam, channelId: thread.id, name: 'reminders', options: [opt.sub('list')] });
    await answered(emu, rec);
    expect(chat.messages[0]).toMatchObject({ chatId: emu.generalChannel.id, threadId: thread.id, text: '/list' });
  });

  it('in a DM: a private chat', async () => {
    const { emu, chat } = await setup();
    const dm = emu.addChannel({ id: '5550001', name: 'dm-sam', type: 1 });
    const rec = emu.slashCommand({
      user: sam,
      channelId: dm.id,
      name: 'remind',
      options: [opt.str('when', 'in 1 hour'), opt.str('what', 'tea')],
      dm: true,
    });
    await answered(emu, rec);
    expect(chat.messages[0]).toMatchObject({ chatId: dm.id, chatType: 'private', userId: sam.id, isAdmin: true });
  });

  it('several answers: the first edits the reply, the rest follow up ephemerally', async () => {
    const chat = new FakeChat();
    chat.reply = () => [{ text: 'one' }, { text: 'two' }];
    const { emu } = await setup(chat);
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'recall' });
    await emu.waitForAnswer(rec, (r) => r.messages.length >= 2);
    expect(rec.messages.map((m) => [m.content, m.flags])).toEqual([
      ['one', EPHEMERAL],
      ['two', EPHEMERAL],
    ]);
  });

  it('a /list longer than 2000 characters arrives whole, in several ephemeral parts', async () => {
    const chat = new FakeChat();
    const lines = Array.from({ length: 50 }, (_, i) => `k${i} · Mon 23 Nov 09:00 (in 23 hours) · reminder ${i} with a longer description`);
    chat.reply = () => [{ text: lines.join('\n') }];
    const { emu } = await setup(chat);
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'reminders', options: [opt.sub('list')] });
    await emu.waitForAnswer(rec, (r) => r.messages.length >= 2 && r.messages.every((m) => m.content !== ''));
    expect(rec.messages.every((m) => m.flags === EPHEMERAL && m.content.length <= 2000)).toBe(true);
    expect(rec.messages.map((m) => m.content).join('\n')).toBe(lines.join('\n'));
  });

  it('/help lists the slash commands as typed on Discord (not the chat layer’s text commands)', async () => {
    const { emu, chat } = await setup();
    const reply = await answered(emu, emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'help' }));
    const text = reply.messages[0]!.content;
    expect(text).toContain('`/remind when: what: [channel:]`');
    expect(text).toContain('`/reminders snooze id: for:`');
    expect(text).toContain('Remind me about this');
    expect(reply.messages[0]!.flags).toBe(EPHEMERAL);
    expect(chat.messages).toHaveLength(0);
  });

  it('/help command: shows one command as typed here, its options and the chat layer’s details', async () => {
    const { emu, chat } = await setup();
    const reply = await answered(
      emu,
      emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'help', options: [opt.str('command', 'snooze')] }),
    );
    const text = reply.messages[0]!.content;
    expect(text.split('\n')[0]).toBe('`/reminders snooze id: for:` — Move the next run');
    expect(text).toContain('• `for:` A duration or a time: "30m", "2 hours", "tomorrow at 9"');
    expect(text).toContain(COMMAND_HELP.snooze!.details);
    expect(text).not.toContain('/snooze k7m2qd');
    expect(chat.messages).toHaveLength(0);
    const tz = await answered(
      emu,
      emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'help', options: [opt.str('command', 'tz')] }),
    );
    expect(tz.messages[0]!.content.split('\n')[0]).toBe('`/timezone [zone:] [chat:]` — Your time zone (shows it without a zone)');
  });

  it('a 429 on the interaction answer is waited out (never handed back), so the caller still gets the answer', async () => {
    const { emu } = await setup(new FakeChat(), { maxInPlaceRetryMs: 100 });
    emu.injectFault({ method: 'PATCH', path: /^\/webhooks\//, times: 1, status: 429, retryAfter: 1 });
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'recall' });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''), 6000);
    expect(rec.messages[0]!.content).toBe('echo /recall');
    expect(emu.rest.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([429, 200]);
  });

  it('a failing chat layer answers with an apology instead of leaving "thinking…"', async () => {
    const chat = new FakeChat();
    chat.reply = () => {
      throw new Error('boom');
    };
    const { emu } = await setup(chat);
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'recall' });
    await answered(emu, rec);
    expect(rec.messages[0]!.content).toBe(GENERIC_FAILURE);
  });

  it('confirmation buttons (Undo, Edit) come with the ephemeral answer', async () => {
    const chat = new FakeChat();
    chat.reply = () => [
      {
        text: '✅ Reminder set [k7]',
        actions: [
          [
            { id: 'undo:k7', label: 'Undo' },
            { id: 'edit:k7', label: 'Edit' },
          ],
        ],
      },
    ];
    const { emu } = await setup(chat);
    const rec = emu.slashCommand({
      user: sam,
      channelId: emu.generalChannel.id,
      name: 'remind',
      options: [opt.str('when', 'in 1h'), opt.str('what', 'x')],
    });
    await answered(emu, rec);
    const row = rec.messages[0]!.components[0] as { components: Array<{ custom_id: string }> };
    expect(row.components.map((b) => b.custom_id)).toEqual(['undo:k7', 'edit:k7']);
  });
});

describe('permission refusals (ephemeral, the chat layer is not asked)', () => {
  it('channel: another channel without Manage Channels', async () => {
    const { emu, chat } = await setup();
    const other = emu.addChannel({ id: '7770001', name: 'announcements', type: 0, guildId: emu.guildId });
    const options = [opt.str('when', 'in 1 hour'), opt.str('what', 'release'), opt.channel('channel', other.id)];
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'remind', options });
    await answered(emu, rec);
    expect(rec.messages[0]).toMatchObject({ content: NEEDS_MANAGE_CHANNELS_CHANNEL, flags: EPHEMERAL });
    expect(chat.messages).toHaveLength(0);

    const ok = emu.slashCommand({ user: manager, channelId: emu.generalChannel.id, name: 'remind', options });
    await answered(emu, ok);
    expect(chat.messages[0]).toMatchObject({ chatId: other.id, chatType: 'group', text: '/remind in 1 hour release' });
  });

  it('channel: a thread elsewhere makes that thread the destination', async () => {
    const { emu, chat } = await setup();
    const thread = emu.addThread(emu.generalChannel.id, 'ops');
    const other = emu.addChannel({ id: '7770002', name: 'random', type: 0, guildId: emu.guildId });
    const rec = emu.slashCommand({
      user: manager,
      channelId: other.id,
      name: 'remind',
      options: [opt.str('when', 'in 1 hour'), opt.str('what', 'deploy'), opt.channel('channel', thread.id)],
    });
    await answered(emu, rec);
    expect(chat.messages[0]).toMatchObject({ chatId: emu.generalChannel.id, threadId: thread.id });
  });

  it('role mentions without Manage Channels', async () => {
    const { emu, chat } = await setup();
    const rec = emu.slashCommand({
      user: sam,
      channelId: emu.generalChannel.id,
      name: 'remind',
      options: [opt.str('when', 'in 1 hour'), opt.str('what', '<@&4242> standup')],
    });
    await answered(emu, rec);
    expect(rec.messages[0]).toMatchObject({ content: NEEDS_MANAGE_CHANNELS_ROLES, flags: EPHEMERAL });
    expect(chat.messages).toHaveLength(0);
  });
});

describe('buttons', () => {
  async function postWithButtons(emu: DiscordEmulator, send: (text: string) => Promise<unknown>): Promise<EmulatedMessage> {
    await send('⏰ sam: stretch');
    return (await emu.waitForMessages((m) => m.some((x) => x.via === 'channel'))).find((x) => x.via === 'channel')!;
  }

  it('a press is acknowledged at once and the chat layer’s edit replaces the message in place', async () => {
    const chat = new FakeChat();
    chat.answer = (a) => ({ toast: 'Snoozed', edit: { text: `${a.messageText}\n💤 Snoozed until 10:10`, actions: [] } });
    const { emu, adapter } = await setup(chat);
    const msg = await postWithButtons(emu, () =>
      adapter.sender.send(
        { platform: 'discord', chatId: emu.generalChannel.id },
        outgoing([textPart('⏰ '), mentionPart(sam.id, 'sam'), textPart(': stretch')], {
          actions: [[{ id: 's10:k7', label: 'Snooze 10 min' }]],
        }),
      ),
    );
    const rec = emu.pressButton({ user: sam, message: msg, customId: 's10:k7' });
    await emu.waitForAnswer(rec, () => msg.content.includes('Snoozed'));
    expect(rec.callbacks[0]!.type).toBe(6);
    expect(msg.content).toBe(`⏰ <@${sam.id}>: stretch\n💤 Snoozed until 10:10`);
    expect(msg.components).toEqual([]);
    expect(chat.actions[0]).toMatchObject({
      actionId: 's10:k7',
      messageId: msg.id,
      userId: sam.id,
      isAdmin: false,
      chatId: emu.generalChannel.id,
    });
    expect(rec.messages.filter((m) => m.flags === EPHEMERAL)).toHaveLength(0);
  });

  it('a refusal (toast, no edit) is shown to the presser only; the message stays as it was', async () => {
    const chat = new FakeChat();
    chat.answer = () => ({ toast: 'Only the owner or a chat admin can do that.' });
    const { emu, adapter } = await setup(chat);
    const msg = await postWithButtons(emu, (text) =>
      adapter.sender.send(
        { platform: 'discord', chatId: emu.generalChannel.id },
        textMessage(text, { actions: [[{ id: 'done:k7', label: 'Done' }]] }),
      ),
    );
    const before = msg.content;
    const rec = emu.pressButton({ user: bo, message: msg, customId: 'done:k7' });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content.includes('Only the owner')));
    const refusal = rec.messages.find((m) => m.content.includes('Only the owner'))!;
    expect(refusal.flags).toBe(EPHEMERAL);
    expect(msg.content).toBe(before);
    expect(msg.edits ?? 0).toBe(0);
  });

  it('a toast whose edit changes nothing visible (reminder already finished) is shown to the presser', async () => {
    const chat = new FakeChat();
    chat.answer = (a) => ({ toast: 'Reminder k7 is cancelled.', edit: { text: a.messageText ?? '' } });
    const { emu, adapter } = await setup(chat);
    const msg = await postWithButtons(emu, (text) =>
      adapter.sender.send(
        { platform: 'discord', chatId: emu.generalChannel.id },
        textMessage(text, { actions: [[{ id: 's10:k7', label: 'Snooze 10 min' }]] }),
      ),
    );
    const rec = emu.pressButton({ user: sam, message: msg, customId: 's10:k7' });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content.includes('cancelled')));
    expect(rec.messages.find((m) => m.content.includes('cancelled'))!.flags).toBe(EPHEMERAL);
  });

  it('Manage Messages makes the presser a chat admin; in a thread the chat is the parent', async () => {
    const chat = new FakeChat();
    const { emu, adapter } = await setup(chat);
    const thread = emu.addThread(emu.generalChannel.id, 'planning');
    await adapter.sender.send(
      { platform: 'discord', chatId: emu.generalChannel.id, threadId: thread.id },
      textMessage('x', { actions: [[{ id: 'done:k7', label: 'Done' }]] }),
    );
    const [msg] = await emu.waitForMessages((m) => m.some((x) => x.channel_id === thread.id));
    const rec = emu.pressButton({ user: mod, message: msg!, customId: 'done:k7' });
    await emu.waitForAnswer(rec, (r) => r.messages.length > 0);
    expect(chat.actions[0]).toMatchObject({ isAdmin: true, chatId: emu.generalChannel.id, threadId: thread.id });
  });
});

describe('"Remind me about this" (message menu → modal)', () => {
  it('asks when in a modal, then hands the chat layer "/remind <when>" as a reply to the picked message', async () => {
    const { emu, chat } = await setup();
    const target = emu.postUserMessage(emu.generalChannel.id, bo, 'the release plan is in the doc');
    const menu = emu.messageCommand({ user: sam, channelId: emu.generalChannel.id, name: 'Remind me about this', message: target });
    await emu.waitForAnswer(menu);
    expect(menu.callbacks[0]!.type).toBe(9);
    const modal = menu.callbacks[0]!.data as { custom_id: string; components: unknown[] };
    expect(menu.ackedAt! - menu.sentAt).toBeLessThan(ACK_WINDOW_MS);

    const submit = emu.submitModal({
      user: sam,
      channelId: emu.generalChannel.id,
      customId: modal.custom_id,
      values: { when: 'in 2 hours', what: 'read it' },
    });
    await answered(emu, submit);
    expect(submit.callbacks[0]).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(chat.messages[0]).toMatchObject({
      text: '/remind in 2 hours read it',
      parts: { when: 'in 2 hours', what: 'read it' },
      replyTo: {
        messageId: target.id,
        text: 'the release plan is in the doc',
        link: `https://discord.com/channels/${emu.guildId}/${emu.generalChannel.id}/${target.id}`,
      },
      chatId: emu.generalChannel.id,
      userId: sam.id,
    });
  });

  it('a modal whose pick is unknown (bot restarted meanwhile) gets an ephemeral "expired", nothing is created', async () => {
    const { emu, chat } = await setup();
    const submit = emu.submitModal({
      user: sam,
      channelId: emu.generalChannel.id,
      customId: 'chime-about:123',
      values: { when: 'in 2 hours' },
    });
    await answered(emu, submit);
    expect(submit.messages[0]!.content).toMatch(/expired/);
    expect(chat.messages).toHaveLength(0);
  });
});

describe('autocomplete', () => {
  it('zones: IANA names matching what was typed, at most 25', async () => {
    const { emu } = await setup();
    const rec = emu.autocomplete({
      user: sam,
      channelId: emu.generalChannel.id,
      name: 'timezone',
      options: [opt.str('zone', 'new york', true)],
    });
    await emu.waitForAnswer(rec);
    expect(rec.callbacks[0]).toEqual({ type: 8, data: { choices: [{ name: 'America/New_York', value: 'America/New_York' }] } });
    const many = emu.autocomplete({
      user: sam,
      channelId: emu.generalChannel.id,
      name: 'timezone',
      options: [opt.str('zone', 'america', true)],
    });
    await emu.waitForAnswer(many);
    const choices = (many.callbacks[0]!.data as { choices: unknown[] }).choices;
    expect(choices).toHaveLength(25);
  });

  it('ids: from the chat layer’s suggestJobs for this caller and chat', async () => {
    const chat = new FakeChat();
    const asked: unknown[] = [];
    chat.suggestJobs = async (ctx, partial) => {
      asked.push({ userId: ctx.userId, chatId: ctx.chatId, partial });
      return [{ id: 'k7m2qd', label: 'Mon 09:00 · standup' }];
    };
    const { emu } = await setup(chat);
    const rec = emu.autocomplete({
      user: sam,
      channelId: emu.generalChannel.id,
      name: 'reminders',
      options: [opt.sub('cancel', [opt.str('id', 'k7', true)])],
    });
    await emu.waitForAnswer(rec);
    expect(asked).toEqual([{ userId: sam.id, chatId: emu.generalChannel.id, partial: 'k7' }]);
    expect(rec.callbacks[0]!.data).toEqual({ choices: [{ name: 'k7m2qd · Mon 09:00 · standup', value: 'k7m2qd' }] });
  });

  it('ids without suggestJobs: read off the /list answer, filtered by what was typed', async () => {
    const chat = new FakeChat();
    chat.reply = () => [
      { text: 'Your reminders (2):\nk7m2qd · Mon 23 Nov 09:00 (in 23 hours) · standup 🔁\nab12cd · Tue 24 Nov 10:00 · tea' },
    ];
    const { emu } = await setup(chat);
    const rec = emu.autocomplete({
      user: sam,
      channelId: emu.generalChannel.id,
      name: 'reminders',
      options: [opt.sub('snooze', [opt.str('id', 'tea', true), opt.str('for', '')])],
    });
    await emu.waitForAnswer(rec);
    expect(rec.callbacks[0]!.data).toEqual({ choices: [{ name: 'ab12cd · Tue 24 Nov 10:00 · tea', value: 'ab12cd' }] });
  });
});

describe('registration and the gateway', () => {
  it('start syncs the global commands once; an unchanged set is not re-registered on restart', async () => {
    const first = await startAdapter(new FakeChat(), { commands: 'sync' });
    const { emu } = first;
    stopAll = first.stop;
    expect((emu.commands.global as Array<{ name: string }>).map((c) => c.name)).toEqual(slashCommands().map((c) => c.name));
    await first.adapter.stop();
    const second = await startAdapter(new FakeChat(), { commands: 'sync' }, emu);
    await second.adapter.stop();
    expect(emu.rest.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(emu.rest.requests.filter((r) => r.method === 'GET' && /\/commands$/.test(r.path))).toHaveLength(2);
  });

  it('{ guildId } registers in that guild only (instant, for development)', async () => {
    const emu = await new DiscordEmulator().start();
    const started = await startAdapter(new FakeChat(), { commands: { guildId: emu.guildId } }, emu);
    stopAll = started.stop;
    expect(emu.commands.global).toHaveLength(0);
    expect((emu.commands.guild.get(emu.guildId) as unknown[]).length).toBe(slashCommands().length);
  });

  it('a session the gateway no longer knows: RESUME is refused, the client identifies anew and commands work again', async () => {
    const { emu, chat } = await setup();
    emu.gatewayState.forgetSessions();
    emu.gatewayState.drop();
    await emu.waitForMessages(() => emu.gatewayState.identifies === 2, 15_000);
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'recall' });
    await answered(emu, rec);
    expect(emu.gatewayState.resumes).toBe(0);
    expect(chat.messages.map((m) => m.text)).toEqual(['/recall']);
  }, 20_000);

  it('a dropped gateway resumes, and a command sent while dropped is answered after RESUME', async () => {
    const { emu, chat } = await setup();
    expect(emu.gatewayState.identifies).toBe(1);
    emu.gatewayState.drop();
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'recall' });
    await emu.gatewayState.waitForSession();
    await answered(emu, rec);
    expect(emu.gatewayState.resumes).toBe(1);
    expect(emu.gatewayState.identifies).toBe(1);
    expect(chat.messages.map((m) => m.text)).toEqual(['/recall']);
  });
});
