import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import type { Adapter } from '../../src/chat/adapter.js';
import { type ChatService, type IncomingMessage, replyMessage } from '../../src/chat/message.js';
import type { Address } from '../../src/core/job.js';
import type { OutgoingMessage, Sender, SentRef } from '../../src/core/ports/sender.js';
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
export const BUTTON_HINT =
  'Buttons show as [1] Snooze 10 min: type the number (1) and Enter to press one. /help lists every command, /help <command> explains one; Ctrl-C stops Chime.';

/** The local user as the chat layer sees them: the chat's admin, since it is their own machine. */
type ConsoleUser = Pick<IncomingMessage, 'platform' | 'chatId' | 'chatType' | 'userId' | 'userName' | 'isAdmin'>;

/**
 * The terminal as one chat window: every printed message gets an id, its buttons are shown as
 * `[n]`, and a typed press is traced back to the message carrying the button.
 */
class ConsoleScreen {
  private seq = 0;
  /** Which printed message carries a button, so a typed press can name it. */
  private readonly buttonHost = new Map<string, string>();
  readonly numbers = new ButtonNumbers();

  constructor(private readonly out: NodeJS.WritableStream) {}

  /** A fresh id for a message the user typed. */
  userMessageId(): string {
    return `u${++this.seq}`;
  }

  print(msg: OutgoingMessage, prefix?: string): string {
    const messageId = `c${++this.seq}`;
    for (const row of msg.actions ?? []) for (const a of row) this.buttonHost.set(a.id, messageId);
    this.out.write(renderMessage(msg, { ...(prefix ? { prefix } : {}), keys: this.numbers.assign(msg, messageId) }));
    return messageId;
  }

  write(line: string): void {
    this.out.write(`${line}\n`);
  }

  /** The message a button typed by its id was printed under; the latest one if unknown. */
  hostOf(actionId: string): string {
    return this.buttonHost.get(actionId) ?? `c${this.seq}`;
  }
}

/** Due reminders print on the screen; one addressed to another chat id says so. */
function consoleSender(screen: ConsoleScreen, chatId: string): Sender {
  return {
    platform: 'console',
    async send(to: Address, msg: OutgoingMessage): Promise<SentRef> {
      const prefix = to.chatId === chatId ? '' : `(to ${to.chatId}) `;
      return { messageId: screen.print(msg, prefix) };
    },
  };
}

/** A button pressed by typing: the edit, toast and replies it brings are printed. */
async function press(chat: ChatService, screen: ConsoleScreen, user: ConsoleUser, actionId: string, messageId: string): Promise<void> {
  const answer = await chat.handleAction({ ...user, messageId, actionId });
  if (answer.edit) screen.print(replyMessage(answer.edit), '✎ ');
  else if (answer.toast) screen.write(`(${answer.toast})`);
  for (const r of answer.replies ?? []) screen.print(replyMessage(r));
}

/** One typed line: a button number, a button's action id, or a message to the bot. */
async function handleLine(chat: ChatService, screen: ConsoleScreen, user: ConsoleUser, line: string): Promise<void> {
  const text = line.trim();
  if (!text) return;
  const byNumber = NUMBER_LINE.exec(text);
  if (byNumber) {
    const n = Number(byNumber[1]);
    const button = screen.numbers.find(n);
    if (!button) screen.write(`(${screen.numbers.refusal(n)})`);
    else await press(chat, screen, user, button.actionId, button.messageId);
    return;
  }
  const byId = ACTION_LINE.exec(text);
  if (byId?.[1]) {
    await press(chat, screen, user, byId[1], screen.hostOf(byId[1]));
    return;
  }
  const msg: IncomingMessage = { ...user, messageId: screen.userMessageId(), text };
  for (const r of await chat.handleMessage(msg)) screen.print(replyMessage(r));
}

/**
 * The embedded default adapter: a person types to the bot in the terminal (or pipes lines
 * in) and due reminders are printed there. The local user is the chat's admin: it is their
 * own machine.
 */
export function createConsoleAdapter(opts: ConsoleAdapterOptions): ConsoleAdapter {
  const chatId = opts.chatId ?? 'console';
  const userId = opts.userId ?? process.env.USER ?? 'local';
  const user: ConsoleUser = { platform: 'console', chatId, chatType: 'private', userId, userName: opts.userName ?? userId, isAdmin: true };
  const screen = new ConsoleScreen(opts.output);
  let rl: Interface | undefined;
  let queue: Promise<void> = Promise.resolve();
  let keepAliveTimer: NodeJS.Timeout | undefined;
  let stopped = false;

  function onInputClosed(): void {
    // End of piped input is not the end of the bot: due reminders still print.
    if (!stopped && opts.keepAlive !== false) keepAliveTimer = setInterval(() => undefined, 1 << 30);
    // Ctrl-D in a terminal: what is typed from now on would be ignored without a word.
    if (!stopped && (opts.input as { isTTY?: boolean }).isTTY === true) screen.write(INPUT_CLOSED);
  }

  return {
    platform: 'console',
    sender: consoleSender(screen, chatId),
    async start(chat: ChatService): Promise<void> {
      if (opts.greet !== false) {
        for (const r of await chat.handleMessage({ ...user, messageId: screen.userMessageId(), text: '/start' }))
          screen.print(replyMessage(r));
        screen.write(BUTTON_HINT);
      }
      rl = createInterface({ input: opts.input, terminal: false });
      rl.on('line', (line) => {
        // One line at a time, in order, as a person reads the answers.
        queue = queue
          .then(() => handleLine(chat, screen, user, line))
          .catch((err: unknown) => {
            screen.write(`Something went wrong: ${err instanceof Error ? err.message : String(err)}`);
          });
      });
      rl.on('close', onInputClosed);
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
