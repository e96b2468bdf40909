import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/chat/router.js';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

describe('router', () => {
  it('strips the @BotName suffix and lower-cases the command', () => {
    expect(parseCommandText('/Remind@ChimeBot in 2h stretch')).toEqual({ name: 'remind', bot: 'ChimeBot', args: 'in 2h stretch' });
    expect(parseCommandText('/list')).toEqual({ name: 'list', args: '' });
    expect(parseCommandText('hello')).toBeUndefined();
  });

  it('/remind@BotName works like /remind', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_GROUP, '/remind@ChimeBot in 5 minutes tea')).toContain('tea');
  });

  it('unknown commands get a friendly hint in private chats', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/frobnicate now');
    expect(text).toContain("I don't know /frobnicate");
    expect(text).toContain('/help');
  });

  it('plain "remind me …" in a private chat sets a reminder; other plain text gets a hint', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, 'remind me in 10 minutes to stretch')).toMatch(/Reminder set \[\w+\]/);
    expect(await t.sayText(ALICE_DM, 'hello there')).toContain('/remind');
  });

  it('plain text in a group is ignored (not addressed to the bot)', async () => {
    const t = makeChat();
    expect(await t.say(ALICE_GROUP, 'remind me in 10 minutes to stretch')).toEqual([]);
  });

  it('/help lists every command with its usage', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/help');
    for (const c of [
      '/remind',
      '/list',
      '/cancel',
      '/pause',
      '/resume',
      '/snooze',
      '/edit',
      '/run',
      '/history',
      '/next',
      '/tz',
      '/dateorder',
      '/remember',
      '/recall',
      '/forget',
      '/watch',
    ]) {
      expect(text).toContain(c);
    }
  });

  it('/start greets by name and names the time zone', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/start');
    expect(text).toContain('Alice');
    expect(text).toContain('Europe/Berlin');
  });
});
