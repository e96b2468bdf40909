import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ManualClock } from '../../src/clock.js';
import { FakeBotApi, type FakeChatSpec } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * A basic group upgraded to a supergroup gets a new chat id; the old one refuses every send
 * (400 "group chat was upgraded to a supergroup chat", migrate_to_chat_id). The group's
 * reminders, their pending messages and the chat's settings move to the new id: on Telegram's
 * service messages (migrate_to_chat_id / migrate_from_chat_id), or, when those were missed,
 * on the first send the old id refuses. Before, they stayed under the old id: nobody in the
 * supergroup could see or manage them (/list: none), and its zone was forgotten.
 */

const sam: User = { id: 501, is_bot: false, first_name: 'Sam' };
const ada: User = { id: 502, is_bot: false, first_name: 'Ada' };
const NEW_ID = -1001234567890;

describe('Telegram: a group upgraded to a supergroup keeps its reminders (Bot API fake, real app)', () => {
  let api: FakeBotApi;
  let clock: ManualClock;
  let app: App;
  let stopApp: () => Promise<void>;
  let restartApp: () => Promise<App>;
  let group: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    group = api.addChat({ id: -4001, type: 'group', title: 'Friends' });
    api.setAdmin(group.id, sam.id);
    ({ app, clock, stop: stopApp, restart: restartApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-super-' }));
  });

  afterEach(() => stopApp());

  async function says(chat: FakeChatSpec, who: User, text: string): Promise<string> {
    const before = api.sentTo(chat.id).length;
    api.userSays(chat, who, text);
    await api.until(() => api.sentTo(chat.id).length > before, 8000, `an answer to ${text}`);
    return api.sentTo(chat.id).at(-1)!.text;
  }

  async function jobsIn(chatId: number) {
    return app.store.jobs.listJobs({ originChatId: String(chatId) });
  }

  async function setUpGroup(): Promise<void> {
    expect(await says(group, sam, '/tz chat Asia/Tokyo')).toContain('Asia/Tokyo');
    expect(await says(group, sam, '/remind in 1 hour stretch')).toContain('stretch');
    expect(await says(group, ada, '/remind every day at 21:00 water the plants')).toContain('water the plants');
  }

  it("on Telegram's service messages: the reminders, the chat's zone and /list move to the supergroup, and it is delivered there", async () => {
    await setUpGroup();
    const supergroup = api.migrateToSupergroup(group, NEW_ID, sam);
    await eventuallyAsync(async () => (await jobsIn(NEW_ID)).length === 2);
    expect(await jobsIn(group.id)).toHaveLength(0);

    const list = await says(supergroup, ada, '/list');
    expect(list).toContain('stretch');
    expect(list).toContain('water the plants');
    expect(list).toContain('21:00'); // read in the chat's zone, Asia/Tokyo, which moved with it

    await clock.advance(3600_000);
    await api.until(() => api.sentTo(NEW_ID).some((m) => m.text.includes('⏰') && m.text.includes('stretch')), 8000, 'the reminder');
    expect(api.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === group.id)).toHaveLength(3); // the three answers before
  });

  it('without the service messages: the first send the old id refuses goes to the new id and moves the rest', async () => {
    await setUpGroup();
    api.migrateToSupergroup(group, NEW_ID);
    await clock.advance(3600_000);
    await api.until(() => api.sentTo(NEW_ID).some((m) => m.text.includes('stretch')), 8000, 'the reminder');
    await eventuallyAsync(async () => (await jobsIn(NEW_ID)).length === 2);
    const [daily] = (await jobsIn(NEW_ID)).filter((j) => j.name.includes('water'));
    expect(daily).toMatchObject({ status: 'active' });
    expect(await app.store.prefs.get('telegram', 'chat', String(NEW_ID))).toMatchObject({ timeZone: 'Asia/Tokyo' });

    // The daily one comes at 21:00 Tokyo (12:00 UTC): straight to the supergroup.
    const refusedBefore = api.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === group.id).length;
    await clock.advance(3600_000);
    await api.until(() => api.sentTo(NEW_ID).some((m) => m.text.includes('water the plants')), 8000, 'the daily reminder');
    expect(api.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === group.id)).toHaveLength(refusedBefore);
  });

  it('a reminder queued for the old id while Telegram held it back (429) is delivered to the supergroup once the group moved', async () => {
    await setUpGroup();
    // The group's sends are held back: the due reminder waits in the outbox under the old id.
    let holding = true;
    api.failWhen((method, params) =>
      holding && method === 'sendMessage' && params.chat_id === group.id
        ? { status: 429, description: 'Too Many Requests: retry after 30', retryAfter: 30 }
        : undefined,
    );
    await clock.advance(3600_000);
    await eventuallyAsync(async () => (await app.store.jobs.listOutbox({ status: 'pending' })).some((m) => m.text.includes('stretch')));
    const supergroup = api.migrateToSupergroup(group, NEW_ID, sam);
    await eventuallyAsync(async () => (await jobsIn(NEW_ID)).length === 2);
    holding = false;
    await clock.advance(60_000);
    await api.until(() => api.sentTo(NEW_ID).some((m) => m.text.includes('⏰') && m.text.includes('stretch')), 8000, 'the held reminder');
    expect(supergroup.id).toBe(NEW_ID);
    const held = async () => (await app.store.jobs.listOutbox({})).find((m) => m.text.includes('stretch'))!;
    await eventuallyAsync(async () => (await held()).status === 'sent');
    // Sent once, to the supergroup: the old id was tried only while held back and once refused.
    expect(api.sentTo(NEW_ID).filter((m) => m.text.includes('stretch') && m.text.includes('⏰'))).toHaveLength(1);
  });

  it('a message still queued for the old id when the group moved goes to the supergroup after a restart, refused nowhere, and before a later one', async () => {
    await setUpGroup();
    // The group's sends are held back for 5 minutes: the due reminder waits in the outbox under the old id.
    let holding = true;
    api.failWhen((method, params) =>
      holding && method === 'sendMessage' && params.chat_id === group.id
        ? { status: 429, description: 'Too Many Requests: retry after 300', retryAfter: 300 }
        : undefined,
    );
    await clock.advance(3600_000);
    await eventuallyAsync(async () => (await app.store.jobs.listOutbox({ status: 'pending' })).some((m) => m.text.includes('stretch')));
    const supergroup = api.migrateToSupergroup(group, NEW_ID, sam);
    await eventuallyAsync(async () => (await jobsIn(NEW_ID)).length === 2);
    holding = false;

    // A restart forgets what this process learnt about the move; the database must not.
    app = await restartApp();
    const refusedBefore = api.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === group.id).length;
    expect(await says(supergroup, ada, '/remind in 1 minute second')).toContain('second');
    await clock.advance(60_000); // 'second' is due; 'stretch' waits 4 more minutes for Telegram
    await clock.advance(240_000);
    const delivered = () => api.sentTo(NEW_ID).filter((m) => m.text.startsWith('⏰'));
    await api.until(() => delivered().length === 2, 8000, 'both reminders');
    // The supergroup gets them in the order they came due; the old id is not tried again.
    expect(delivered().map((m) => (m.text.includes('stretch') ? 'stretch' : 'second'))).toEqual(['stretch', 'second']);
    expect(api.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === group.id)).toHaveLength(refusedBefore);
  });
});

async function eventuallyAsync(check: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
