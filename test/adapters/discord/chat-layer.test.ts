/**
 * The Discord adapter on the real chat layer (real router, NL parser, SQLite notes/prefs; the
 * chat tests' fake scheduler), through the emulator: the slash-command translation must mean
 * what the chat layer understands.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryFormatter } from '../../../src/chat/delivery-format.js';
import { fromOutboxContent, toOutboxContent } from '../../../src/core/outbox-message.js';
import { Permission, type DiscordEmulator, type EmulatedMessage, type InteractionRecord } from '../../emulators/discord/emulator.js';
import { makeChat } from '../../chat/harness.js';
import { EPHEMERAL, opt, startAdapter } from './harness.js';
import type { DiscordAdapter } from '../../../adapters/discord/index.js';

const sam = { id: '2001', username: 'sam' };
const bo = { id: '2002', username: 'bo' };
const mod = { id: '2003', username: 'mod', permissions: Permission.SendMessages | Permission.ManageMessages };

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function setup() {
  const t = makeChat();
  const started = await startAdapter(t.chat);
  stop = started.stop;
  return { ...t, emu: started.emu, adapter: started.adapter };
}

async function answer(emu: DiscordEmulator, rec: InteractionRecord): Promise<EmulatedMessage> {
  await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''));
  return rec.messages[0]!;
}

const remind = (when: string, what: string) => [opt.str('when', when), opt.str('what', what)];

/** Posts a job's delivery the way the outbox would: real delivery formatter, row → message, adapter sender. */
async function deliver(adapter: DiscordAdapter, emu: DiscordEmulator, job: Parameters<ReturnType<typeof createDeliveryFormatter>>[0]) {
  const formatted = createDeliveryFormatter()(job, { type: 'success', text: '', scheduledFor: job.nextRunAt!, lateMs: 0 });
  const msg = fromOutboxContent(toOutboxContent(formatted));
  const to = { platform: 'discord', chatId: job.origin.chatId, ...(job.origin.threadId ? { threadId: job.origin.threadId } : {}) };
  const ref = await adapter.sender.send(to, msg);
  return (await emu.waitForMessages((all) => all.some((m) => m.id === ref.messageId))).find((m) => m.id === ref.messageId)!;
}

describe('Discord on the real chat layer', () => {
  it('/remind when: every weekday at 9 what: standup → recurring job for this channel, ephemeral confirmation with Undo/Edit', async () => {
    const { emu, scheduler } = await setup();
    const reply = await answer(
      emu,
      emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'remind', options: remind('every weekday at 9', 'standup') }),
    );
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toMatch(/Reminder set \[j1\]: standup/);
    const ids = (reply.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((r) =>
      r.components.map((b) => b.custom_id),
    );
    expect(ids).toEqual([expect.stringMatching(/^undo:j1\./), 'edit:j1']);
    const job = scheduler.jobs.get('j1')!;
    expect(job.schedule.kind).toBe('cron');
    expect(job).toMatchObject({
      owner: { platform: 'discord', userId: sam.id, name: 'sam' },
      origin: { platform: 'discord', chatId: emu.generalChannel.id, chatType: 'group' },
    });
  });

  it('a reminder asked for in a thread has the thread in its origin; its delivery goes to the thread, pinging the owner', async () => {
    const { emu, adapter, scheduler } = await setup();
    const thread = emu.addThread(emu.generalChannel.id, 'release');
    await answer(emu, emu.slashCommand({ user: sam, channelId: thread.id, name: 'remind', options: remind('in 2 hours', 'ship it') }));
    const job = scheduler.jobs.get('j1')!;
    expect(job.origin).toMatchObject({ chatId: emu.generalChannel.id, threadId: thread.id });
    const posted = await deliver(adapter, emu, job);
    expect(posted.channel_id).toBe(thread.id);
    expect(posted.content).toBe(`⏰ <@${sam.id}>: ship it`);
    expect(posted.allowed_mentions).toEqual({ parse: [], users: [sam.id], roles: [] });
    const labels = (posted.components as Array<{ components: Array<{ label: string }> }>).flatMap((r) => r.components.map((b) => b.label));
    expect(labels).toEqual(['Snooze 10 min', 'Snooze 1 h', 'Tomorrow', 'Done', 'Nag me']);
  });

  it('Snooze on a delivered reminder: refused (ephemerally) for another member, accepted for the owner and for Manage Messages', async () => {
    const { emu, adapter, scheduler, clock } = await setup();
    await answer(
      emu,
      emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name: 'remind', options: remind('in 1 hour', 'stretch') }),
    );
    await clock.advance(60 * 60_000); // delivered when due: a snooze then counts from now
    const posted = await deliver(adapter, emu, scheduler.jobs.get('j1')!);

    const byBo = emu.pressButton({ user: bo, message: posted, customId: 's10:j1' });
    await emu.waitForAnswer(byBo, (r) => r.messages.length > 0);
    expect(byBo.messages[0]).toMatchObject({ flags: EPHEMERAL });
    expect(byBo.messages[0]!.content).toMatch(/Only the owner or a chat admin/);
    expect(posted.edits ?? 0).toBe(0);

    const bySam = emu.pressButton({ user: sam, message: posted, customId: 's10:j1' });
    await emu.waitForAnswer(bySam, () => posted.content.includes('Snoozed'));
    expect(scheduler.jobs.get('j1')!.nextRunAt!.getTime()).toBe(clock.now().getTime() + 10 * 60_000);
    expect(posted.content).toMatch(new RegExp(`^⏰ <@${sam.id}>: stretch\\n💤 Snoozed until`));

    const byMod = emu.pressButton({ user: mod, message: posted, customId: 's60:j1' });
    await emu.waitForAnswer(byMod, () => posted.content.includes('Snoozed') && (posted.edits ?? 0) >= 2);
    expect(scheduler.jobs.get('j1')!.nextRunAt!.getTime()).toBe(clock.now().getTime() + 60 * 60_000);
  });

  it('/reminders edit, snooze, cancel reach the job; another member cannot cancel it', async () => {
    const { emu, scheduler } = await setup();
    const ch = emu.generalChannel.id;
    await answer(emu, emu.slashCommand({ user: sam, channelId: ch, name: 'remind', options: remind('tomorrow at 9', 'call mom') }));
    const edited = await answer(
      emu,
      emu.slashCommand({
        user: sam,
        channelId: ch,
        name: 'reminders',
        options: [opt.sub('edit', [opt.str('id', 'j1'), opt.str('text', 'call dad')])],
      }),
    );
    expect(edited.content).toMatch(/updated/i);
    expect((scheduler.jobs.get('j1')!.payload as { text: string }).text).toBe('call dad');
    const snoozed = await answer(
      emu,
      emu.slashCommand({
        user: sam,
        channelId: ch,
        name: 'reminders',
        options: [opt.sub('snooze', [opt.str('id', 'j1'), opt.str('for', '30m')])],
      }),
    );
    expect(snoozed.content).toMatch(/Snoozed \[j1\]/);
    const refused = await answer(
      emu,
      emu.slashCommand({ user: bo, channelId: ch, name: 'reminders', options: [opt.sub('cancel', [opt.str('id', 'j1')])] }),
    );
    expect(refused.content).toMatch(/Only the owner/);
    expect(scheduler.jobs.get('j1')!.status).toBe('active');
    const cancelled = await answer(
      emu,
      emu.slashCommand({ user: sam, channelId: ch, name: 'reminders', options: [opt.sub('cancel', [opt.str('id', 'j1')])] }),
    );
    expect(cancelled.flags).toBe(EPHEMERAL);
    expect(scheduler.jobs.get('j1')!.status).toBe('cancelled');
  });

  it('id autocomplete offers the reminders the caller sees (from /list when the chat has no suggestJobs)', async () => {
    const { emu, chat } = await setup();
    const ch = emu.generalChannel.id;
    await answer(emu, emu.slashCommand({ user: sam, channelId: ch, name: 'remind', options: remind('in 1 hour', 'tea') }));
    await answer(emu, emu.slashCommand({ user: sam, channelId: ch, name: 'remind', options: remind('in 2 hours', 'water plants') }));
    const rec = emu.autocomplete({
      user: sam,
      channelId: ch,
      name: 'reminders',
      options: [opt.sub('cancel', [opt.str('id', 'plants', true)])],
    });
    await emu.waitForAnswer(rec);
    const choices = (rec.callbacks[0]!.data as { choices: Array<{ name: string; value: string }> }).choices;
    if (chat.suggestJobs) expect(choices.map((c) => c.value)).toContain('j2');
    else expect(choices).toEqual([{ name: expect.stringMatching(/^j2 · .*water plants/) as unknown as string, value: 'j2' }]);
  });

  it('"Remind me about this": the reminder quotes the message and is delivered as a reply to it', async () => {
    const { emu, adapter, scheduler } = await setup();
    const target = emu.postUserMessage(emu.generalChannel.id, bo, 'budget review at 3');
    const menu = emu.messageCommand({ user: sam, channelId: emu.generalChannel.id, name: 'Remind me about this', message: target });
    await emu.waitForAnswer(menu);
    const customId = (menu.callbacks[0]!.data as { custom_id: string }).custom_id;
    const reply = await answer(
      emu,
      emu.submitModal({ user: sam, channelId: emu.generalChannel.id, customId, values: { when: 'in 2 hours' } }),
    );
    expect(reply.content).toMatch(/Reminder set \[j1\]: budget review at 3/);
    const job = scheduler.jobs.get('j1')!;
    expect(job.nextRunAt!.getTime() - job.createdAt.getTime()).toBe(2 * 3600_000);
    const posted = await deliver(adapter, emu, job);
    expect(posted.message_reference).toEqual({ message_id: target.id, fail_if_not_exists: false });
    expect(posted.content).toContain(`<@${sam.id}>`);
    expect(posted.content).toContain('budget review at 3');
  });

  it('/timezone sets the caller’s zone; /remember and /recall keep notes; DMs take personal reminders', async () => {
    const { emu, scheduler } = await setup();
    const ch = emu.generalChannel.id;
    expect(
      (await answer(emu, emu.slashCommand({ user: sam, channelId: ch, name: 'timezone', options: [opt.str('zone', 'America/New_York')] })))
        .content,
    ).toMatch(/America\/New_York/);
    await answer(emu, emu.slashCommand({ user: sam, channelId: ch, name: 'remember', options: [opt.str('note', 'door code 4711')] }));
    expect((await answer(emu, emu.slashCommand({ user: sam, channelId: ch, name: 'recall' }))).content).toMatch(/door code 4711/);
    const dm = emu.addChannel({ id: '6660001', name: 'dm-sam', type: 1 });
    const reply = await answer(
      emu,
      emu.slashCommand({ user: sam, channelId: dm.id, name: 'remind', options: remind('in 5 minutes', 'tea'), dm: true }),
    );
    expect(reply.content).toMatch(/Reminder set/);
    const job = [...scheduler.jobs.values()].find((j) => j.origin.chatId === dm.id)!;
    expect(job.origin.chatType).toBe('private');
    expect(job.timeZone).toBe('America/New_York');
  });
});
