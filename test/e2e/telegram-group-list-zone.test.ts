import type { User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBotApi, type FakeChatSpec } from '../emulators/telegram/fake-bot-api.js';
import { startTelegramApp } from './fixtures/telegram-app.js';

/**
 * In a group everyone reads everyone's answers. /list shows times in the zone of the one who
 * asked; when that is not the chat's own zone, the list now says which it is. Before, Ada's
 * /list (Asia/Tokyo) said "19:15" for a reminder at 10:15 in London, the group's zone, with
 * nothing telling the others it was Tokyo time.
 */

const sam: User = { id: 931, is_bot: false, first_name: 'Sam' };
const ada: User = { id: 932, is_bot: false, first_name: 'Ada' };

describe('Telegram: a group /list names the zone when it is not the chat’s (Bot API fake, real app)', () => {
  let api: FakeBotApi;
  let stopApp: () => Promise<void>;
  let group: FakeChatSpec;

  beforeEach(async () => {
    api = await new FakeBotApi().start();
    group = api.addChat({ id: -4601, type: 'group', title: 'Team' });
    api.setAdmin(group.id, sam.id);
    ({ stop: stopApp } = await startTelegramApp(api, { dirPrefix: 'chime-tg-listzone-', clockStart: '2026-11-22T10:00:00Z' }));
  });

  afterEach(() => stopApp());

  async function says(who: User, text: string): Promise<string> {
    const before = api.sentTo(group.id).length;
    api.userSays(group, who, text);
    await api.until(() => api.sentTo(group.id).length > before, 8000, `an answer to ${text}`);
    return api.sentTo(group.id).at(-1)!.text;
  }

  it("a member's /list in their own zone names it; one in the chat's zone does not need to", async () => {
    await says(sam, '/tz chat Europe/London');
    await says(ada, '/tz Asia/Tokyo');
    await says(sam, '/remind in 15 minutes tea');
    // 10:15 UTC: 10:15 in London (GMT in November), 19:15 in Tokyo (UTC+9).
    const adas = await says(ada, '/list');
    expect(adas).toContain('19:15');
    expect(adas).toContain('Asia/Tokyo');
    const sams = await says(sam, '/list');
    expect(sams).toContain('10:15');
    expect(sams).not.toContain('Asia/Tokyo');
    expect(sams).not.toContain('Europe/London');
  });
});
