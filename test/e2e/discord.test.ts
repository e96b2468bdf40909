import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, slashCommands, type DiscordAdapterOptions } from '../../adapters/discord/index.js';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import {
  DiscordEmulator,
  Permission,
  type EmulatedMessage,
  type EmulatedUser,
  type InteractionRecord,
} from '../emulators/discord/emulator.js';

/**
 * The real discord.js client and the real app (SQLite file, scheduler, outbox dispatcher, chat
 * layer) against the Discord emulator, with a ManualClock: time moves only when the test says
 * so; HTTP and the gateway are real, so the test then waits (real time, briefly) for messages.
 */

const EPHEMERAL = 64;
const sam: EmulatedUser = { id: '3001', username: 'sam' };
const bo: EmulatedUser = { id: '3002', username: 'bo' };
const manager: EmulatedUser = { id: '3003', username: 'manager', permissions: Permission.SendMessages | Permission.ManageChannels };

const str = (name: string, value: string, focused = false) => ({ name, type: 3, value, ...(focused ? { focused: true } : {}) });
const sub = (name: string, options: unknown[] = []) => ({ name, type: 1, options });

type Row = { components: Array<{ custom_id: string; label: string }> };

describe('Discord end to end (emulator, real app)', () => {
  let emu: DiscordEmulator;
  let dir: string;
  let clock: ManualClock;
  let app: App | undefined;

  async function startApp(opts: Partial<DiscordAdapterOptions> = {}): Promise<App> {
    const config = loadConfig({
      CHIME_DB: join(dir, 'chime.db'),
      LOG_LEVEL: 'silent',
      DISCORD_TOKEN: emu.token,
      DISCORD_REST_API: emu.apiUrl,
    });
    const adapter = createDiscordAdapter({
      token: emu.token,
      restApi: config.discord!.restApi!,
      waitGuildTimeout: 50,
      commands: 'none',
      ...opts,
    });
    const created = createApp({ config, clock, logger: silentLogger(), adapters: [adapter] });
    app = created;
    await created.start();
    return created;
  }

  async function ask(user: EmulatedUser, channelId: string, name: string, options: unknown[] = [], dm = false): Promise<EmulatedMessage> {
    const rec = emu.slashCommand({ user, channelId, name, options, dm });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''), 8000);
    return rec.messages[0]!;
  }

  /** Bot messages posted to channels (not interaction replies), oldest first. */
  function posted(channelId: string): EmulatedMessage[] {
    return emu.messagesIn(channelId).filter((m) => m.via === 'channel');
  }

  async function postedCount(channelId: string, count: number, timeoutMs = 8000): Promise<EmulatedMessage[]> {
    await emu.waitForMessages(() => posted(channelId).length >= count, timeoutMs);
    return posted(channelId);
  }

  function button(msg: EmulatedMessage, label: RegExp): string {
    const found = (msg.components as Row[]).flatMap((r) => r.components).find((b) => label.test(b.label));
    if (!found) throw new Error(`no button ${label} on ${JSON.stringify(msg.components)}`);
    return found.custom_id;
  }

  async function press(
    user: EmulatedUser,
    msg: EmulatedMessage,
    customId: string,
    done: (r: InteractionRecord) => boolean,
  ): Promise<InteractionRecord> {
    const rec = emu.pressButton({ user, message: msg, customId });
    return emu.waitForAnswer(rec, done, 8000);
  }

  function idIn(confirmation: EmulatedMessage): string {
    const id = /\[([A-Za-z0-9_-]+)\]/.exec(confirmation.content)?.[1];
    if (!id) throw new Error(`no id in ${confirmation.content}`);
    return id;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chime-dc-e2e-'));
    emu = await new DiscordEmulator().start();
    clock = new ManualClock('2026-11-22T10:00:00Z');
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a channel reminder pings its owner through allowed_mentions, even one whose name has a colon, emoji and markdown', async () => {
    const odd: EmulatedUser = { id: '3004', username: 'Dr: *Who* 🦊' };
    await startApp();
    const general = emu.generalChannel.id;
    await ask(odd, general, 'remind', [str('when', 'in 2 minutes'), str('what', 'stretch')]);
    await clock.advance(2 * 60_000);
    const [reminder] = await postedCount(general, 1);
    expect(reminder!.content).toBe(`⏰ <@${odd.id}>: stretch`);
    expect(reminder!.allowed_mentions).toEqual({ parse: [], users: [odd.id], roles: [] });
  });

  it('channel: /remind → ephemeral confirmation → due → posted in the channel pinging the owner, with buttons → Snooze 10 min → posted again', async () => {
    const running = await startApp();
    const general = emu.generalChannel.id;
    const confirmation = await ask(sam, general, 'remind', [str('when', 'in 2 minutes'), str('what', 'stretch')]);
    expect(confirmation.flags).toBe(EPHEMERAL);
    expect(confirmation.content).toMatch(/stretch/);
    const id = idIn(confirmation);
    expect(await running.store.jobs.getJob(id)).toMatchObject({
      status: 'active',
      origin: { platform: 'discord', chatId: general, chatType: 'group' },
    });
    expect(posted(general)).toHaveLength(0);

    await clock.advance(2 * 60_000);
    const [reminder] = await postedCount(general, 1);
    expect(reminder!.content).toMatch(new RegExp(`<@${sam.id}>.*stretch`));
    expect(reminder!.allowed_mentions).toMatchObject({ users: [sam.id] });
    expect((reminder!.components as Row[]).flatMap((r) => r.components.map((b) => b.label))).toEqual([
      'Snooze 10 min',
      'Snooze 1 h',
      'Tomorrow',
      'Done',
      'Nag me',
    ]);

    await press(sam, reminder!, button(reminder!, /Snooze 10/), () => reminder!.content.includes('Snoozed'));
    const snoozed = await running.store.jobs.getJob(id);
    expect(snoozed?.nextRunAt?.toISOString()).toBe(new Date(clock.now().getTime() + 10 * 60_000).toISOString());

    await clock.advance(10 * 60_000);
    const again = (await postedCount(general, 2))[1]!;
    expect(again.content).toMatch(/stretch/);
    expect(again.channel_id).toBe(general);
  });

  it('thread: the confirmation and the reminder stay in the thread; Tomorrow moves it to 09:00 the next day', async () => {
    const running = await startApp();
    const thread = emu.addThread(emu.generalChannel.id, 'release');
    const confirmation = await ask(sam, thread.id, 'remind', [str('when', 'in 1 minute'), str('what', 'tag the release')]);
    expect(confirmation.channel_id).toBe(thread.id);
    const id = idIn(confirmation);
    expect((await running.store.jobs.getJob(id))?.origin).toMatchObject({ chatId: emu.generalChannel.id, threadId: thread.id });

    await clock.advance(60_000);
    const [reminder] = await postedCount(thread.id, 1);
    expect(reminder!.content).toMatch(/tag the release/);
    expect(posted(emu.generalChannel.id)).toHaveLength(0);

    await press(sam, reminder!, button(reminder!, /Tomorrow/), () => reminder!.content.includes('Snoozed'));
    expect((await running.store.jobs.getJob(id))?.nextRunAt?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });

  it('ownership: another member’s Done is refused ephemerally and changes nothing; a recurring reminder has Stop', async () => {
    const running = await startApp();
    const general = emu.generalChannel.id;
    const id = idIn(await ask(sam, general, 'remind', [str('when', 'every day at 10:01'), str('what', 'water plants')]));
    await clock.advance(60_000);
    const [reminder] = await postedCount(general, 1);
    expect((reminder!.components as Row[]).flatMap((r) => r.components.map((b) => b.label))).toContain('Stop');

    const refused = await press(bo, reminder!, button(reminder!, /Stop/), (r) => r.messages.some((m) => m.content.includes('owner')));
    expect(refused.messages.find((m) => m.content.includes('owner'))!.flags).toBe(EPHEMERAL);
    expect((await running.store.jobs.getJob(id))?.status).toBe('active');
    expect(reminder!.edits ?? 0).toBe(0);

    await press(sam, reminder!, button(reminder!, /Stop/), () => reminder!.content.includes('Stopped'));
    expect((await running.store.jobs.getJob(id))?.status).toBe('cancelled');
  });

  it('Undo on the ephemeral confirmation removes the reminder and says so in place', async () => {
    const running = await startApp();
    const general = emu.generalChannel.id;
    const confirmation = await ask(sam, general, 'remind', [str('when', 'in 1 hour'), str('what', 'oops')]);
    const id = idIn(confirmation);
    await press(sam, confirmation, button(confirmation, /Undo/), () => confirmation.content.includes('Undone'));
    expect(confirmation.flags).toBe(EPHEMERAL);
    expect(await running.store.jobs.getJob(id)).toBeUndefined();
  });

  it('Undo on the confirmation, pressed after /reminders snooze, refuses and keeps the snoozed reminder', async () => {
    const running = await startApp();
    const general = emu.generalChannel.id;
    const confirmation = await ask(sam, general, 'remind', [str('when', 'in 1 hour'), str('what', 'stretch')]);
    const id = idIn(confirmation);
    await ask(sam, general, 'reminders', [sub('snooze', [str('id', id), str('for', '30m')])]);
    const snoozed = await running.store.jobs.getJob(id);
    expect(snoozed?.nextRunAt).toEqual(new Date('2026-11-22T11:30:00Z'));
    const refused = await press(sam, confirmation, button(confirmation, /Undo/), (r) =>
      r.messages.some((m) => m.content.includes("Can't undo")),
    );
    expect(refused.messages.at(-1)!.content).toContain('was changed after this message');
    expect(confirmation.content).not.toContain('Undone');
    expect(await running.store.jobs.getJob(id)).toEqual(snoozed);
  });

  it('permissions: channel: elsewhere needs Manage Channels; with it the reminder is posted there', async () => {
    await startApp();
    const general = emu.generalChannel.id;
    const news = emu.addChannel({ id: '8880001', name: 'news', type: 0, guildId: emu.guildId });
    const options = [str('when', 'in 1 minute'), str('what', 'release notes'), { name: 'channel', type: 7, value: news.id }];
    const refused = await ask(sam, general, 'remind', options);
    expect(refused.content).toMatch(/Manage Channels/);
    expect(refused.flags).toBe(EPHEMERAL);

    const ok = await ask(manager, general, 'remind', options);
    expect(ok.content).toMatch(/release notes/);
    await clock.advance(60_000);
    const [reminder] = await postedCount(news.id, 1);
    expect(reminder!.content).toMatch(/release notes/);
    expect(posted(general)).toHaveLength(0);
  });

  it('DM: a personal reminder comes back in the DM, without a ping', async () => {
    await startApp();
    const dm = emu.addChannel({ id: '8880002', name: 'dm-sam', type: 1 });
    const confirmation = await ask(sam, dm.id, 'remind', [str('when', 'in 3 minutes'), str('what', 'tea')], true);
    expect(confirmation.content).toMatch(/tea/);
    await clock.advance(3 * 60_000);
    const [reminder] = await postedCount(dm.id, 1);
    expect(reminder!.content).toMatch(/tea/);
    expect(reminder!.content).not.toContain('<@');
  });

  it('"Remind me about this" on a message: the reminder is delivered as a reply to that message, quoting it', async () => {
    await startApp();
    const general = emu.generalChannel.id;
    const target = emu.postUserMessage(general, bo, 'budget numbers due friday');
    const menu = emu.messageCommand({ user: sam, channelId: general, name: 'Remind me about this', message: target });
    await emu.waitForAnswer(menu, undefined, 8000);
    const customId = (menu.callbacks[0]!.data as { custom_id: string }).custom_id;
    const submit = emu.submitModal({ user: sam, channelId: general, customId, values: { when: 'in 10 minutes', what: 'check these' } });
    await emu.waitForAnswer(submit, (r) => r.messages.some((m) => m.content !== ''), 8000);
    expect(submit.messages[0]!.flags).toBe(EPHEMERAL);
    expect(submit.messages[0]!.content).toMatch(/check these/);

    await clock.advance(10 * 60_000);
    const [reminder] = await postedCount(general, 1);
    expect(reminder!.message_reference).toEqual({ message_id: target.id, fail_if_not_exists: false });
    expect(reminder!.content).toMatch(/check these/);
    expect(reminder!.content).toContain('budget numbers due friday');
  });

  it('autocomplete: zones from IANA, ids from the caller’s own reminders', async () => {
    await startApp();
    const general = emu.generalChannel.id;
    const tea = idIn(await ask(sam, general, 'remind', [str('when', 'in 1 hour'), str('what', 'tea')]));
    const zones = emu.autocomplete({ user: sam, channelId: general, name: 'timezone', options: [str('zone', 'berl', true)] });
    await emu.waitForAnswer(zones);
    expect(zones.callbacks[0]!.data).toEqual({ choices: [{ name: 'Europe/Berlin', value: 'Europe/Berlin' }] });

    const ids = emu.autocomplete({ user: sam, channelId: general, name: 'reminders', options: [sub('cancel', [str('id', '', true)])] });
    await emu.waitForAnswer(ids);
    const choices = (ids.callbacks[0]!.data as { choices: Array<{ name: string; value: string }> }).choices;
    expect(choices.map((c) => c.value)).toEqual([tea]);
    expect(choices[0]!.name).toMatch(/tea/);
  });

  it('gateway drop: a command sent while disconnected is answered after RESUME, and reminders keep flowing', async () => {
    await startApp();
    const general = emu.generalChannel.id;
    emu.gatewayState.drop();
    const confirmation = await ask(sam, general, 'remind', [str('when', 'in 1 minute'), str('what', 'after the drop')]);
    expect(confirmation.content).toMatch(/after the drop/);
    expect(emu.gatewayState.resumes).toBe(1);
    expect(emu.gatewayState.identifies).toBe(1);
    await clock.advance(60_000);
    const [reminder] = await postedCount(general, 1);
    expect(reminder!.content).toMatch(/after the drop/);
  });

  it('429 on send: a retry-after longer than discord.js may wait goes back to the outbox; the burst to one channel is delivered later, nothing lost', async () => {
    const running = await startApp({ maxInPlaceRetryMs: 100 });
    const general = emu.generalChannel.id;
    for (const n of [1, 2, 3, 4, 5]) await ask(sam, general, 'remind', [str('when', 'in 1 minute'), str('what', `item ${n}`)]);
    emu.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, times: 1, status: 429, retryAfter: 1 });
    await clock.advance(60_000);
    await emu.waitForMessages(() => emu.rest.requests.some((r) => r.status === 429), 8000);

    // discord.js remembers the bucket as limited for a real second; the outbox retries on the clock.
    const deadline = Date.now() + 10_000;
    while (posted(general).length < 5 && Date.now() < deadline) {
      await clock.advance(2_000);
      await new Promise((r) => setTimeout(r, 100));
    }
    const all = posted(general);
    expect(all.map((m) => /item (\d)/.exec(m.content)?.[1]).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(emu.rest.requests.filter((r) => r.method === 'POST' && /^\/channels\//.test(r.path) && r.status === 429)).toHaveLength(1);
    const jobs = await running.store.jobs.listJobs({ originChatId: general });
    expect(jobs.every((j) => j.status === 'completed')).toBe(true);
  });

  it('a burst due at once to one channel under Discord’s channel bucket: paced by discord.js, no 429, in outbox order, nothing lost', async () => {
    const running = await startApp();
    const general = emu.generalChannel.id;
    emu.channelRateLimit = { limit: 3, windowMs: 300 };
    for (let n = 1; n <= 8; n++) await ask(sam, general, 'remind', [str('when', 'in 1 minute'), str('what', `task ${n}`)]);
    await clock.advance(60_000);
    const all = await postedCount(general, 8, 10_000);
    expect(emu.rateLimited).toBe(0);
    // The emulator has the 8th message before the client has its response and marks it sent.
    const sent = async () =>
      (await running.store.jobs.listOutbox({ status: 'sent', limit: 100 }))
        .filter((r) => r.to.chatId === general)
        .sort((a, b) => a.id - b.id);
    for (const until = Date.now() + 5000; (await sent()).length < 8 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
    const rows = await sent();
    expect(rows).toHaveLength(8);
    expect(all.map((m) => m.id)).toEqual(rows.map((r) => r.sentRef));
    expect(new Set(all.map((m) => /task (\d)/.exec(m.content)?.[1])).size).toBe(8);
  });

  it('a restart of the bot between creation and due time still delivers (same SQLite file, new client)', async () => {
    const first = await startApp();
    const general = emu.generalChannel.id;
    await ask(sam, general, 'remind', [str('when', 'in 5 minutes'), str('what', 'call the bank')]);
    await first.stop();
    app = undefined;

    await clock.advance(2 * 60_000);
    await startApp();
    expect(emu.gatewayState.identifies).toBe(2);
    await clock.advance(3 * 60_000);
    const [reminder] = await postedCount(general, 1);
    expect(reminder!.content).toMatch(/call the bank/);
  });

  it('commands are registered at start (sync: global once) and with { guildId } in the guild', async () => {
    const first = await startApp({ commands: 'sync' });
    expect((emu.commands.global as Array<{ name: string }>).map((c) => c.name)).toEqual(slashCommands().map((c) => c.name));
    await first.stop();
    app = undefined;
    await startApp({ commands: { guildId: emu.guildId } });
    expect(emu.commands.guild.get(emu.guildId)).toHaveLength(slashCommands().length);
    expect(emu.rest.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });
});
