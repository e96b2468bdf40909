import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createChatService } from '../../src/chat/chat-service.js';
import type { ChatAgent } from '../../src/chat/command.js';
import type { ChatContext, IncomingMessage } from '../../src/chat/message.js';
import { PLAIN_HINT } from '../../src/chat/router.js';
import { parse } from '../../src/nl/parse.js';
import { fakeScheduler } from './fakes.js';
import { ALICE_DM, ALICE_GROUP, tempStore } from './harness.js';

/** A chat service with a stand-in agent that records what it was asked. */
function chatWith(enabled: boolean | 'none') {
  const clock = new ManualClock('2026-11-22T10:00:00Z');
  const scheduler = fakeScheduler(clock);
  const store = tempStore(clock);
  const asked: Array<{ text: string; command: string }> = [];
  const agent: ChatAgent = {
    enabled: enabled === true,
    offMessage: 'The agent is off (test).',
    async ask(ctx, text) {
      asked.push({ text, command: ctx.command });
      return [{ text: `agent: ${text}` }];
    },
  };
  const chat = createChatService(
    {
      scheduler,
      notes: store.notes,
      prefs: store.prefs,
      clock,
      parse,
      config: { defaultTimeZone: 'Europe/Berlin' },
      logger: { info() {}, warn() {}, error() {} },
    },
    enabled === 'none' ? undefined : agent,
  );
  const say = async (who: ChatContext, text: string, extra: Partial<IncomingMessage> = {}) =>
    (await chat.handleMessage({ ...who, text, ...extra })).map((r) => r.text).join('\n');
  return { say, asked, scheduler };
}

describe('/ask and the assistant fallback', () => {
  it('assistant off: /ask answers the one-line off message, unreadable text keeps the hint, nothing is created', async () => {
    const { say, asked, scheduler } = chatWith(false);
    expect(await say(ALICE_DM, '/ask remind me every weekday at 9')).toBe('The agent is off (test).');
    expect(await say(ALICE_DM, 'what is the meaning of life')).toBe(PLAIN_HINT);
    expect(await say(ALICE_DM, 'remind me when the moon is blue')).toMatch(/^⚠️/);
    expect(asked).toEqual([]);
    expect(scheduler.jobs.size).toBe(0);
    expect(await chatWith('none').say(ALICE_DM, '/ask hi')).toMatch(/assistant is off/);
  });

  it('assistant on: /ask and text the parser cannot read go to it; what the parser reads stays deterministic', async () => {
    const { say, asked, scheduler } = chatWith(true);
    expect(await say(ALICE_DM, '/ask what do I have tomorrow?')).toBe('agent: what do I have tomorrow?');
    expect(await say(ALICE_DM, 'what is the meaning of life')).toBe('agent: what is the meaning of life');
    expect(await say(ALICE_DM, 'remind me when the moon is blue')).toBe('agent: remind me when the moon is blue');
    expect(await say(ALICE_DM, 'in 90 seconds check the oven')).toMatch(/Reminder set/);
    expect(await say(ALICE_DM, 'remind me tomorrow at 9 to call mom')).toMatch(/Reminder set/);
    expect(scheduler.jobs.size).toBe(2);
    // A place named alone still answers "where are you?".
    expect(await say(ALICE_DM, 'Tokyo')).toMatch(/Asia\/Tokyo/);
    expect(asked.map((a) => a.text)).toEqual([
      'what do I have tomorrow?',
      'what is the meaning of life',
      'remind me when the moon is blue',
    ]);
    expect(await say(ALICE_DM, '/ask')).toMatch(/What should I do\?/);
  });

  it('groups: plain text only when it mentions or replies to the bot (addressed), and only with the assistant on', async () => {
    const on = chatWith(true);
    expect(await on.say(ALICE_GROUP, 'who wants coffee')).toBe('');
    expect(await on.say(ALICE_GROUP, 'who wants coffee', { addressed: true })).toBe('agent: who wants coffee');
    expect(await on.say(ALICE_GROUP, 'in 10 minutes stretch', { addressed: true })).toMatch(/Reminder set/);
    const off = chatWith(false);
    expect(await off.say(ALICE_GROUP, 'who wants coffee', { addressed: true })).toBe('');
    expect(off.asked).toEqual([]);
  });

  it('/ask cannot be scheduled as a command', async () => {
    const { say } = chatWith(true);
    expect(await say(ALICE_DM, '/remind every day at 9 /ask summarise my day')).toMatch(
      /can't be scheduled: a schedule cannot talk to the assistant/,
    );
  });
});
