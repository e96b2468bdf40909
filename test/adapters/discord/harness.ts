import type { ActionAnswer, ChatContext, ChatService, IncomingAction, IncomingMessage, Reply } from '../../../src/chat/message.js';
import { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterOptions } from '../../../adapters/discord/index.js';
import { DiscordEmulator } from '../../emulators/discord/emulator.js';

/** A ChatService that records what it was given and answers from scripts. */
export class FakeChat implements ChatService {
  readonly messages: IncomingMessage[] = [];
  readonly actions: IncomingAction[] = [];
  reply: (msg: IncomingMessage) => Reply[] | Promise<Reply[]> = (msg) => [{ text: `echo ${msg.text}` }];
  answer: (action: IncomingAction) => ActionAnswer | Promise<ActionAnswer> = () => ({ toast: 'ok' });
  suggestJobs?: (ctx: ChatContext, partial: string) => Promise<Array<{ id: string; label: string }>>;

  async handleMessage(msg: IncomingMessage): Promise<Reply[]> {
    this.messages.push(msg);
    return this.reply(msg);
  }

  async handleAction(action: IncomingAction): Promise<ActionAnswer> {
    this.actions.push(action);
    return this.answer(action);
  }
}

/** An emulator plus a started adapter on a fake chat. */
export async function startAdapter(
  chat: ChatService,
  opts: Partial<DiscordAdapterOptions> = {},
  existing?: DiscordEmulator,
): Promise<{ emu: DiscordEmulator; adapter: DiscordAdapter; stop: () => Promise<void> }> {
  const emu = existing ?? (await new DiscordEmulator().start());
  const adapter = createDiscordAdapter({
    token: emu.token,
    restApi: emu.apiUrl,
    waitGuildTimeout: 50,
    commands: 'none',
    ...opts,
  });
  await adapter.start(chat);
  return {
    emu,
    adapter,
    stop: async () => {
      await adapter.stop();
      await emu.stop();
    },
  };
}

/** Slash command option JSON as Discord sends it. */
export const opt = {
  str: (name: string, value: string, focused = false) => ({ name, type: 3, value, ...(focused ? { focused: true } : {}) }),
  int: (name: string, value: number) => ({ name, type: 4, value }),
  bool: (name: string, value: boolean) => ({ name, type: 5, value }),
  channel: (name: string, value: string) => ({ name, type: 7, value }),
  sub: (name: string, options: unknown[] = []) => ({ name, type: 1, options }),
};

export const EPHEMERAL = 64;
