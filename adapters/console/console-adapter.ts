import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import type { Adapter } from '../../src/chat/adapter.js';
import type { ChatService, IncomingMessage } from '../../src/chat/message.js';
import type { Address } from '../../src/core/job.js';
import type { OutgoingMessage, Sender, SentRef } from '../../src/delivery/sender.js';
import { ButtonNumbers } from './button-numbers.js';
import { renderMessage } from './render.js';

export interface ConsoleAdapterOptions {
  /** Lines typed or piped in; one message per line. */
  input: NodeJS.ReadableStream;
  /** Where replies and delivered reminders are printed. */
  output: NodeJS.WritableStream;
  /** Chat id; stable so reminders survive restarts. Default `console`. */
  chatId?: string;
  /** User id. Default $USER, else `local`. */
  userId?: string;
  /** Display name. Default the user id. */
  userName?: string;
  /** After input ends, keep the process alive until stop() (a bot keeps running). Default true. */
  keepAlive?: boolean;
  /** At start, greet (the chat's /start) and say how to press buttons. Default true. */
  greet?: boolean;
}

export interface ConsoleAdapter extends Adapter {
  /** Resolves once every line read so far has been answered (for tests and scripts). */
  idle(): Promise<void>;
}

/** `/do s10:abc123` or a bare `s10:abc123` (`ur:abc123.x1.a.y2` with arguments): a button press by its action id. */
const ACTION_LINE = /^(?:\/do\s+)?([a-z0-9]+:[A-Za-z0-9_.-]+)$/;

/** `3` or `/do 3`: the button printed as `[3]`. */
const NUMBER_LINE = /^(?:\/do\s+)?\[?(\d{1,9})\]?$/;

/** Printed when a terminal's input ends (Ctrl-D): the bot still runs, but reads nothing more. */
export const INPUT_CLOSED = '(Input closed: I no longer read what you type, but reminders still print here. Ctrl-C stops Chime.)';

/** Printed once at start, after the greeting: how this terminal stands in for buttons. */
export const BUTTON_HINT = 'Buttons show as [1] Snooze 10 min: type the number (1) and Enter to press one. /help lists every command, /help <command> explains one; Ctrl-C stops Chime.';

/**
 * The embedded default adapter: a person types to the bot in the terminal (or pipes lines
 * in) and due reminders are printed there. The local user is the chat's admin: it is their
 * own machine.
 */
export function createConsoleAdapter(opts: ConsoleAdapterOptions): ConsoleAdapter {
  const chatId = opts.chatId ?? 'console';
  const userId = opts.userId ?? process.env['USER'] ?? 'local';
  const userName = opts.userName ?? userId;
  const out = opts.output;
  let seq = 0;
  /** Which printed message carries a button, so a typed press can name it. */
  const buttonHost = new Map<string, string>();
  const numbers = new ButtonNumbers();
  let rl: Interface | undefined;
  let queue: Promise<void> = Promise.resolve();
  let keepAliveTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  function print(msg: OutgoingMessage, prefix?: string): string {
    const messageId = `c${++seq}`;
    for (const row of msg.actions ?? []) for (const a of row) buttonHost.set(a.id, messageId);
    out.write(renderMessage(msg, { ...(prefix ? { prefix } : {}), keys: numbers.assign(msg, messageId) }));
    return messageId;
  }

  const sender: Sender = {
    platform: 'console',
    async send(to: Address, msg: OutgoingMessage): Promise<SentRef> {
      const prefix = to.chatId === chatId ? '' : `(to ${to.chatId}) `;
      return { messageId: print(msg, prefix) };
    },
  };

  const base = { platform: 'console', chatId, chatType: 'private' as const, userId, userName, isAdmin: true };

  async function handleLine(chat: ChatService, line: string): Promise<void> {
    const text = line.trim();
    if (!text) return;
    const byNumber = NUMBER_LINE.exec(text);
    if (byNumber) {
      const n = Number(byNumber[1]);
      const button = numbers.find(n);
      if (!button) out.write(`(${numbers.refusal(n)})\n`);
      else await press(chat, button.actionId, button.messageId);
      return;
    }
    const byId = ACTION_LINE.exec(text);
    if (byId && byId[1]) {
      await press(chat, byId[1], buttonHost.get(byId[1]) ?? `c${seq}`);
      return;
    }
    const msg: IncomingMessage = { ...base, messageId: `u${++seq}`, text };
    for (const r of await chat.handleMessage(msg)) print(r);
  }

  async function press(chat: ChatService, actionId: string, messageId: string): Promise<void> {
    const answer = await chat.handleAction({ ...base, messageId, actionId });
    if (answer.edit) print(answer.edit, '✎ ');
    else if (answer.toast) out.write(`(${answer.toast})\n`);
    for (const r of answer.replies ?? []) print(r);
  }

  return {
    platform: 'console',
    sender,
    async start(chat: ChatService): Promise<void> {
      if (opts.greet !== false) {
        for (const r of await chat.handleMessage({ ...base, messageId: `u${++seq}`, text: '/start' })) print(r);
        out.write(`${BUTTON_HINT}\n`);
      }
      rl = createInterface({ input: opts.input, terminal: false });
      rl.on('line', (line) => {
        queue = queue.then(() => handleLine(chat, line)).catch((err: unknown) => {
          out.write(`Something went wrong: ${err instanceof Error ? err.message : String(err)}\n`);
        });
      });
      rl.on('close', () => {
        // End of piped input is not the end of the bot: due reminders still print.
        if (!stopped && opts.keepAlive !== false) keepAliveTimer = setInterval(() => undefined, 1 << 30);
        // Ctrl-D in a terminal: what is typed from now on would be ignored without a word.
        if (!stopped && (opts.input as { isTTY?: boolean }).isTTY === true) out.write(`${INPUT_CLOSED}\n`);
      });
    },
    async stop(): Promise<void> {
      stopped = true;
      if (keepAliveTimer) clearInterval(keepAliveTimer);
      rl?.close();
      await queue;
    },
    idle: () => queue,
  };
}
