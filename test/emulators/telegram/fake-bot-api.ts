import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, MessageEntity, Update, User, UserFromGetMe } from 'grammy/types';
import { SlidingWindow, type FakeLimits } from './sliding-window.js';

/**
 * A small Bot API server for what telegram-test-api cannot do: groups, supergroups and forum
 * topics (message_thread_id), callback queries, getChatMember roles, setMyCommands, blocked
 * bots (403), unknown chats (400), deleted topics, injected failures and rate limits with 429
 * + retry_after. getUpdates honours offset and long-poll timeout like Telegram.
 */

export const FAKE_BOT: UserFromGetMe = {
  id: 7_000_001,
  is_bot: true,
  first_name: 'Chime',
  username: 'ChimeBot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export type FakeChatKind = 'private' | 'group' | 'supergroup';

export interface FakeChatSpec {
  id: number;
  type: FakeChatKind;
  title?: string;
  isForum?: boolean;
  username?: string;
}

/** A message the bot sent, as the fake recorded it. */
export interface SentMessage {
  message_id: number;
  chat_id: number;
  text: string;
  message_thread_id?: number;
  reply_parameters?: { message_id: number; allow_sending_without_reply?: boolean };
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> };
  /** Formatting entities as sent (a text_mention is a ping of its user). */
  entities?: MessageEntity[];
  /** Real time it arrived (ms, performance.now()). */
  at: number;
  /** Edits applied since (editMessageText / editMessageReplyMarkup). */
  edits: number;
}

/** A failure to return for the next call(s) of a method. */
export interface InjectedFailure {
  status: number;
  description: string;
  retryAfter?: number;
  migrateTo?: number;
  /** How many calls fail. Default 1. */
  times?: number;
}

interface Waiter {
  offset: number;
  resolve: (updates: Update[]) => void;
}

type Params = Record<string, unknown>;

export class FakeBotApi {
  readonly token = '7000001:FAKE-TOKEN';
  readonly sent: SentMessage[] = [];
  readonly callbackAnswers: Array<{ callback_query_id: string; text?: string }> = [];
  readonly calls: Array<{ method: string; params: Params }> = [];
  /** Commands registered with setMyCommands (last call wins). */
  commands: Array<{ command: string; description: string }> | undefined;
  /** Answers refused with 429. */
  tooManyRequests = 0;
  webhook: { url: string; secret_token?: string } | undefined;

  private server: Server | undefined;
  private readonly chats = new Map<number, FakeChatSpec>();
  private readonly topics = new Map<number, Set<number>>();
  private readonly admins = new Set<string>();
  private readonly blocked = new Set<number>();
  /** Basic groups upgraded to supergroups: old id → new id. */
  private readonly migrated = new Map<number, number>();
  private readonly failures = new Map<string, InjectedFailure>();
  private script: ((method: string, params: Params) => InjectedFailure | undefined) | undefined;
  private readonly updates: Update[] = [];
  private waiters: Waiter[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private nextCallbackId = 1;
  private readonly window: SlidingWindow | undefined;

  /**
   * `limits`: enforce Telegram-like send limits with 429. `acceptUnknownChats`: any chat id
   * is a private chat (the burst benchmark sends to thousands of chats).
   */
  constructor(private readonly options: { limits?: FakeLimits; acceptUnknownChats?: boolean } = {}) {
    this.window = options.limits ? new SlidingWindow(options.limits) : undefined;
  }

  /** grammY's apiRoot for this fake. */
  get apiRoot(): string {
    const addr = this.server?.address() as AddressInfo | undefined;
    if (!addr) throw new Error('FakeBotApi not started');
    return `http://127.0.0.1:${addr.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const w of this.waiters) w.resolve([]);
    this.waiters = [];
    const srv = this.server;
    this.server = undefined;
    if (srv) {
      srv.closeAllConnections();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    }
  }

  addChat(spec: FakeChatSpec): FakeChatSpec {
    this.chats.set(spec.id, spec);
    return spec;
  }
  addTopic(chatId: number, threadId: number): void {
    const set = this.topics.get(chatId) ?? new Set<number>();
    set.add(threadId);
    this.topics.set(chatId, set);
  }
  deleteTopic(chatId: number, threadId: number): void {
    this.topics.get(chatId)?.delete(threadId);
  }
  setAdmin(chatId: number, userId: number): void {
    this.admins.add(`${chatId}:${userId}`);
  }
  /** The user blocked the bot (or the bot was kicked from the group): sends get 403. */
  block(chatId: number): void {
    this.blocked.add(chatId);
  }
  /**
   * A basic group becomes a supergroup, as Telegram does it: a new chat with a new id; the old
   * id refuses every send (400, `migrate_to_chat_id` naming the new one); and, with `by` (the
   * member who made the change), the two service messages: `migrate_to_chat_id` in the old
   * chat, `migrate_from_chat_id` in the new one. Returns the new chat.
   */
  migrateToSupergroup(group: FakeChatSpec, newId: number, by?: User): FakeChatSpec {
    const supergroup = this.addChat({ id: newId, type: 'supergroup', title: group.title ?? 'Group' });
    this.migrated.set(group.id, newId);
    if (by) {
      const date = Math.floor(Date.now() / 1000);
      const service = (chat: FakeChatSpec, extra: Partial<Message>) =>
        this.push({
          update_id: this.nextUpdateId++,
          message: { message_id: this.nextMessageId++, date, chat: this.chatObject(chat, by), from: by, ...extra } as Message,
        } as Update);
      service(group, { migrate_to_chat_id: newId });
      service(supergroup, { migrate_from_chat_id: group.id });
    }
    return supergroup;
  }

  failNext(method: string, failure: InjectedFailure): void {
    this.failures.set(method, { times: 1, ...failure });
  }
  /**
   * Decides every call's fate from now on: a failure to answer with, or undefined to serve it
   * (a chat that rate-limits each message a number of times, say). `failNext` goes first.
   */
  failWhen(script: ((method: string, params: Params) => InjectedFailure | undefined) | undefined): void {
    this.script = script;
  }

  /**
   * A user writes `text` in `chat` (optionally in a topic, or as a reply). `senderChat`: the
   * message is sent on behalf of a chat, as Telegram does for anonymous admins (the group
   * itself, from GroupAnonymousBot) and for members posting as one of their channels (from
   * Channel_Bot): `from` is then Telegram's shared placeholder user. `forwardedFrom`: the user
   * forwards a message `text` that this person wrote, as Bot API 7+ shows it (`forward_origin`),
   * or with `legacyForward` as older Bot API versions did (`forward_from` + `forward_date`).
   * Returns the message.
   */
  userSays(
    chat: FakeChatSpec,
    user: User,
    text: string,
    opts: {
      threadId?: number;
      replyTo?: Message | SentMessage;
      entities?: Message['entities'];
      senderChat?: Chat;
      forwardedFrom?: User;
      legacyForward?: boolean;
    } = {},
  ): Message {
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: this.chatObject(chat, user),
      from: user,
      text,
      ...(opts.senderChat ? { sender_chat: opts.senderChat } : {}),
    } as Message;
    if (opts.forwardedFrom) {
      const date = message.date - 3600;
      Object.assign(
        message,
        opts.legacyForward
          ? { forward_from: opts.forwardedFrom, forward_date: date }
          : { forward_origin: { type: 'user', sender_user: opts.forwardedFrom, date } },
      );
    }
    const cmd = /^\/\S+/.exec(text);
    const entities = opts.entities ?? (cmd ? [{ type: 'bot_command' as const, offset: 0, length: cmd[0].length }] : undefined);
    if (entities) message.entities = entities;
    if (opts.threadId !== undefined) {
      message.message_thread_id = opts.threadId;
      message.is_topic_message = true;
    }
    const reply = opts.replyTo ? this.asMessage(chat, opts.replyTo) : undefined;
    if (reply) message.reply_to_message = reply as NonNullable<Message['reply_to_message']>;
    else if (opts.threadId !== undefined) {
      // Telegram marks every topic message as a reply to the topic's first message.
      message.reply_to_message = {
        message_id: opts.threadId,
        date: message.date,
        chat: message.chat,
        forum_topic_created: { name: 'topic', icon_color: 0 },
      } as NonNullable<Message['reply_to_message']>;
    }
    this.push({ update_id: this.nextUpdateId++, message } as Update);
    return message;
  }

  /** The user edits a message they sent (an `edited_message` update with the same message id). */
  userEdits(original: Message, text: string): Message {
    const cmd = /^\/\S+/.exec(text);
    const edited = { ...original, text, edit_date: Math.floor(Date.now() / 1000) } as Message;
    if (cmd) edited.entities = [{ type: 'bot_command', offset: 0, length: cmd[0].length }];
    else delete edited.entities;
    this.push({ update_id: this.nextUpdateId++, edited_message: edited } as Update);
    return edited;
  }

  /** A user presses the button with `data` under a message the bot sent. Returns the callback id. */
  userPresses(chat: FakeChatSpec, user: User, sent: SentMessage, data: string): string {
    const id = String(this.nextCallbackId++);
    const message = this.asMessage(chat, sent);
    this.push({
      update_id: this.nextUpdateId++,
      callback_query: { id, from: user, chat_instance: `ci${chat.id}`, data, message },
    } as Update);
    return id;
  }

  /** Messages sent to one chat (and topic, if given). */
  sentTo(chatId: number, threadId?: number): SentMessage[] {
    return this.sent.filter((m) => m.chat_id === chatId && (threadId === undefined || m.message_thread_id === threadId));
  }

  /** Polls every 10 ms until `check` holds (real time). */
  async until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!check()) {
      if (performance.now() > deadline) {
        throw new Error(`FakeBotApi: timed out waiting for ${what}; sent: ${JSON.stringify(this.sent.map((m) => m.text))}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private chatObject(chat: FakeChatSpec, user?: User): Chat {
    if (chat.type === 'private') return { id: chat.id, type: 'private', first_name: user?.first_name ?? 'User' };
    if (chat.type === 'group') return { id: chat.id, type: 'group', title: chat.title ?? 'Group' };
    return {
      id: chat.id,
      type: 'supergroup',
      title: chat.title ?? 'Supergroup',
      ...(chat.isForum ? { is_forum: true as const } : {}),
      ...(chat.username ? { username: chat.username } : {}),
    };
  }

  private asMessage(chat: FakeChatSpec, m: Message | SentMessage): Message {
    if ('chat' in m) return m;
    const msg = {
      message_id: m.message_id,
      date: Math.floor(Date.now() / 1000),
      chat: this.chatObject(chat),
      from: { id: FAKE_BOT.id, is_bot: true, first_name: FAKE_BOT.first_name, username: FAKE_BOT.username },
      text: m.text,
    } as Message;
    if (m.message_thread_id !== undefined) {
      msg.message_thread_id = m.message_thread_id;
      msg.is_topic_message = true;
    }
    if (m.reply_markup) msg.reply_markup = m.reply_markup as NonNullable<Message['reply_markup']>;
    if (m.entities) msg.entities = m.entities;
    return msg;
  }

  private push(update: Update): void {
    this.updates.push(update);
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.resolve(this.pending(w.offset));
  }

  private pending(offset: number): Update[] {
    return this.updates.filter((u) => u.update_id >= offset);
  }

  private async route(req: HttpRequest, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const params = (body ? JSON.parse(body) : {}) as Params;
    if (!match || match[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    this.calls.push({ method, params });
    const injected = this.failures.get(method);
    if (injected) {
      injected.times = (injected.times ?? 1) - 1;
      if (injected.times <= 0) this.failures.delete(method);
    }
    const failure = injected ?? this.script?.(method, params);
    if (failure) {
      const parameters = {
        ...(failure.retryAfter !== undefined ? { retry_after: failure.retryAfter } : {}),
        ...(failure.migrateTo !== undefined ? { migrate_to_chat_id: failure.migrateTo } : {}),
      };
      if (failure.status === 429) this.tooManyRequests++;
      return reply(res, failure.status, { ok: false, error_code: failure.status, description: failure.description, parameters });
    }
    try {
      const result = await this.call(method, params, req);
      reply(res, 200, { ok: true, result });
    } catch (err) {
      if (err instanceof ApiError) {
        return reply(res, err.status, {
          ok: false,
          error_code: err.status,
          description: err.message,
          ...(err.parameters ? { parameters: err.parameters } : {}),
        });
      }
      reply(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` });
    }
  }

  private async call(method: string, p: Params, req: HttpRequest): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return FAKE_BOT;
      case 'deleteWebhook':
        this.webhook = undefined;
        return true;
      case 'setWebhook':
        this.webhook = { url: String(p.url), ...(p.secret_token ? { secret_token: String(p.secret_token) } : {}) };
        return true;
      case 'setMyCommands':
        this.commands = p.commands as typeof this.commands;
        return true;
      case 'getUpdates':
        return this.getUpdates(p, req);
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return this.edit(method, p);
      case 'answerCallbackQuery':
        this.callbackAnswers.push({
          callback_query_id: String(p.callback_query_id),
          ...(p.text !== undefined ? { text: String(p.text) } : {}),
        });
        return true;
      case 'getChatMember': {
        const status = this.admins.has(`${Number(p.chat_id)}:${Number(p.user_id)}`) ? 'administrator' : 'member';
        return { status, user: { id: Number(p.user_id), is_bot: false, first_name: 'User' } };
      }
      default:
        throw new ApiError(404, 'Not Found: method not found');
    }
  }

  private async getUpdates(p: Params, req: HttpRequest): Promise<Update[]> {
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    // Confirming an offset forgets older updates, as Telegram does.
    if (offset > 0) this.updates.splice(0, this.updates.length, ...this.pending(offset));
    const ready = this.pending(offset);
    const timeout = typeof p.timeout === 'number' ? p.timeout : 0;
    if (ready.length > 0 || timeout === 0) return ready.slice(0, typeof p.limit === 'number' ? p.limit : 100);
    return new Promise<Update[]>((resolve) => {
      const waiter: Waiter = {
        offset,
        resolve: (u) => {
          clearTimeout(timer);
          resolve(u);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve([]);
      }, timeout * 1000);
      req.socket.once('close', () => waiter.resolve([]));
      this.waiters.push(waiter);
    });
  }

  private sendMessage(p: Params): Message {
    const chatId = Number(p.chat_id);
    let chat = this.chats.get(chatId);
    if (!chat && this.options.acceptUnknownChats) chat = { id: chatId, type: chatId > 0 ? 'private' : 'supergroup' };
    if (!chat) throw new ApiError(400, 'Bad Request: chat not found');
    const movedTo = this.migrated.get(chatId);
    if (movedTo !== undefined) {
      throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: movedTo });
    }
    if (this.blocked.has(chatId)) {
      throw new ApiError(
        403,
        chat.type === 'private' ? 'Forbidden: bot was blocked by the user' : 'Forbidden: bot was kicked from the group chat',
      );
    }
    const thread = typeof p.message_thread_id === 'number' ? p.message_thread_id : undefined;
    if (thread !== undefined && !(chat.isForum && this.topics.get(chatId)?.has(thread))) {
      throw new ApiError(400, 'Bad Request: message thread not found');
    }
    if (typeof p.text !== 'string' || p.text.length === 0) throw new ApiError(400, 'Bad Request: message text is empty');
    if (p.text.length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
    const entities = p.entities as MessageEntity[] | undefined;
    for (const e of entities ?? []) {
      // As the Bot API: offsets in UTF-16 code units, inside the text; a text_mention names its user.
      if (e.offset < 0 || e.length <= 0 || e.offset + e.length > p.text.length || (e.type === 'text_mention' && !e.user?.id)) {
        throw new ApiError(400, "Bad Request: can't parse entities");
      }
    }
    const retryAfter = this.window?.admit(chatId, chat.type !== 'private');
    if (retryAfter !== undefined) {
      this.tooManyRequests++;
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    const sent: SentMessage = { message_id: this.nextMessageId++, chat_id: chatId, text: p.text, at: performance.now(), edits: 0 };
    if (thread !== undefined) sent.message_thread_id = thread;
    if (p.reply_parameters) sent.reply_parameters = p.reply_parameters as NonNullable<SentMessage['reply_parameters']>;
    if (p.reply_markup) sent.reply_markup = p.reply_markup as NonNullable<SentMessage['reply_markup']>;
    if (entities?.length) sent.entities = entities;
    this.sent.push(sent);
    return this.asMessage(chat, sent);
  }

  private edit(method: string, p: Params): Message | true {
    const target = this.sent.find((m) => m.chat_id === Number(p.chat_id) && m.message_id === Number(p.message_id));
    if (!target) throw new ApiError(400, 'Bad Request: message to edit not found');
    const text = method === 'editMessageText' ? String(p.text) : target.text;
    const markup = p.reply_markup as SentMessage['reply_markup'];
    if (text === target.text && JSON.stringify(markup ?? null) === JSON.stringify(target.reply_markup ?? null)) {
      throw new ApiError(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same');
    }
    if (method === 'editMessageText') {
      // As the Bot API: the new text carries only the entities sent with it.
      const entities = p.entities as MessageEntity[] | undefined;
      if (entities?.length) target.entities = entities;
      else delete target.entities;
    }
    target.text = text;
    if (markup && markup.inline_keyboard.length > 0) target.reply_markup = markup;
    else delete target.reply_markup;
    target.edits++;
    return true;
  }
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameters?: Record<string, number>,
  ) {
    super(message);
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
