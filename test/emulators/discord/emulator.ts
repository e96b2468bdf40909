import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatedGateway } from './gateway.js';
import { RestRouter, type InjectedFault } from './rest.js';
import { snowflake } from './snowflake.js';

/** Permission bits used by Chime's checks (Discord's values). */
export const Permission = {
  ManageChannels: 1n << 4n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  Administrator: 1n << 3n,
} as const;

/** Discord's window for the first answer to an interaction (ms). */
export const ACK_WINDOW_MS = 3000;

const EVERYONE_PERMISSIONS = Permission.ViewChannel | Permission.SendMessages;

export interface EmulatedUser {
  id: string;
  username: string;
  /** Permission bitfield this member has in every channel of the guild. */
  permissions?: bigint;
}

export interface EmulatedChannel {
  id: string;
  name: string;
  /** 0 text, 1 DM, 11 public thread. */
  type: number;
  guildId?: string;
  parentId?: string;
}

/** A message as the emulator stores it (what the bot posted or edited). */
export interface EmulatedMessage {
  id: string;
  channel_id: string;
  content: string;
  components: unknown[];
  embeds: unknown[];
  flags: number;
  author: unknown;
  timestamp: string;
  message_reference?: unknown;
  /** A forward's copy of the forwarded message (its own content is empty), as Discord sends it. */
  message_snapshots?: Array<{ message: Record<string, unknown> }>;
  allowed_mentions?: unknown;
  /** 'channel' for POST /channels/:id/messages, 'interaction' for replies and follow-ups, 'user' for a person's message (postUserMessage). */
  via: 'channel' | 'interaction' | 'user';
  interactionToken?: string;
  /** How many times the message was edited after it was created. */
  edits?: number;
}

/** What the bot answered to one interaction. */
export interface InteractionRecord {
  id: string;
  token: string;
  /** Callback types in order (4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete). */
  callbacks: Array<{ type: number; data?: Record<string, unknown> }>;
  /** Messages created or edited through the webhook (editReply, followUp). */
  messages: EmulatedMessage[];
  /** When the emulator dispatched the interaction, and when the bot acknowledged it (ms since epoch). */
  sentAt: number;
  ackedAt?: number;
  /** The message a pressed button is on (component interactions). */
  source?: EmulatedMessage;
  /** The reply that `@original` names: the deferred/immediate reply, or `source` after a deferred update. */
  original?: EmulatedMessage;
}

/**
 * Discord's checks on a message's buttons: at most 5 action rows of at most 5 components, each
 * custom_id at most 100 characters and unique within the message. Anything else is refused
 * with 400 Invalid Form Body (50035), as Discord does, so a layout it would reject fails here.
 */
function invalidComponents(body: unknown): { status: number; body: unknown } | undefined {
  const rows = (body as { components?: unknown } | undefined)?.components;
  if (!Array.isArray(rows)) return undefined;
  const refuse = (why: string) => ({ status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { components: why } } });
  if (rows.length > 5) return refuse('Must be 5 or fewer in length.');
  const ids = new Set<string>();
  for (const row of rows as Array<{ components?: Array<{ custom_id?: string }> }>) {
    const buttons = row.components ?? [];
    if (buttons.length > 5) return refuse('Must be 5 or fewer in length.');
    for (const b of buttons) {
      if (b.custom_id === undefined) continue;
      if (b.custom_id.length > 100) return refuse('Must be 100 or fewer in length.');
      if (ids.has(b.custom_id)) return refuse('Component custom id cannot be duplicated');
      ids.add(b.custom_id);
    }
  }
  return undefined;
}

/**
 * A local Discord: REST under `/api/v10` and a gateway WebSocket, enough for discord.js 14
 * to log in, receive guilds, get slash commands, autocomplete and button presses, and
 * answer them. Records everything; injects 429/5xx and gateway drops on demand.
 */
export class DiscordEmulator {
  readonly applicationId = snowflake();
  readonly botUser = { id: snowflake(), username: 'chime', discriminator: '0', global_name: 'Chime', avatar: null, bot: true };
  readonly token = 'emulated-bot-token';
  readonly guildId = snowflake();
  readonly channels = new Map<string, EmulatedChannel>();
  readonly messages: EmulatedMessage[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly commands = { global: [] as unknown[], guild: new Map<string, unknown[]>() };
  readonly rest = new RestRouter();
  private server: Server | null = null;
  private gateway: EmulatedGateway | null = null;
  private port = 0;

  constructor() {
    this.addChannel({ id: snowflake(), name: 'general', type: 0, guildId: this.guildId });
    this.routes();
  }

  /** Base URL for discord.js `rest.api` (e.g. http://127.0.0.1:PORT/api). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** The first text channel of the guild. */
  get generalChannel(): EmulatedChannel {
    return [...this.channels.values()].find((c) => c.name === 'general')!;
  }

  get gatewayState(): EmulatedGateway {
    if (!this.gateway) throw new Error('Discord emulator not started');
    return this.gateway;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.rest.handle(req, res);
    });
    this.gateway = new EmulatedGateway(this.server, this.gatewayHooks(), () => this.gatewayUrl);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await this.gateway?.close();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  addChannel(channel: EmulatedChannel): EmulatedChannel {
    this.channels.set(channel.id, channel);
    return channel;
  }

  /**
   * Adds a thread under `parentId`, public (type 11) unless `private` (type 12: only its
   * members see it), dispatching THREAD_CREATE if a bot is connected.
   */
  addThread(parentId: string, name: string, opts: { private?: boolean } = {}): EmulatedChannel {
    const thread = this.addChannel({ id: snowflake(), name, type: opts.private ? 12 : 11, guildId: this.guildId, parentId });
    if (this.gateway?.connected) this.gateway.dispatch('THREAD_CREATE', { ...this.channelPayload(thread), newly_created: true });
    return thread;
  }

  /** Plans failures for matching REST calls (429 with retry-after, 5xx). */
  injectFault(fault: InjectedFault): void {
    this.rest.faults.push(fault);
  }

  /** Messages in a channel (posted by the bot), oldest first. */
  messagesIn(channelId: string): EmulatedMessage[] {
    return this.messages.filter((m) => m.channel_id === channelId);
  }

  /** Sends a slash command; returns the interaction id to look up what the bot answered. */
  slashCommand(opts: { user: EmulatedUser; channelId: string; name: string; options?: unknown[]; dm?: boolean }): InteractionRecord {
    const options = opts.options ?? [];
    const resolved = this.resolvedChannels(options);
    return this.sendInteraction(
      2,
      opts.user,
      opts.channelId,
      { id: snowflake(), name: opts.name, type: 1, options, ...(resolved ? { resolved } : {}) },
      opts.dm,
    );
  }

  /** `data.resolved.channels` for channel-typed options (type 7), as Discord sends it. */
  private resolvedChannels(options: unknown[]): { channels: Record<string, unknown> } | undefined {
    const ids: string[] = [];
    const walk = (list: unknown[]): void => {
      for (const o of list as Array<{ type?: number; value?: unknown; options?: unknown[] }>) {
        if (o.type === 7 && typeof o.value === 'string') ids.push(o.value);
        if (Array.isArray(o.options)) walk(o.options);
      }
    };
    walk(options);
    if (ids.length === 0) return undefined;
    const channels: Record<string, unknown> = {};
    for (const id of ids) {
      const channel = this.channels.get(id);
      if (channel) channels[id] = { ...this.channelPayload(channel), permissions: EVERYONE_PERMISSIONS.toString() };
    }
    return { channels };
  }

  /** Sends an autocomplete request (one option must carry `focused: true`). */
  autocomplete(opts: { user: EmulatedUser; channelId: string; name: string; options: unknown[] }): InteractionRecord {
    return this.sendInteraction(4, opts.user, opts.channelId, { id: snowflake(), name: opts.name, type: 1, options: opts.options });
  }

  /**
   * A person forwards a message with `content` into `channelId`, as Discord does it: an empty
   * message whose message_reference has type 1 (FORWARD) and whose message_snapshots hold the
   * forwarded message.
   */
  postUserForward(channelId: string, user: EmulatedUser, content: string): EmulatedMessage {
    const msg = this.postUserMessage(channelId, user, '');
    msg.message_reference = { type: 1, message_id: snowflake(), channel_id: channelId };
    msg.message_snapshots = [
      {
        message: {
          type: 0,
          content,
          embeds: [],
          attachments: [],
          timestamp: msg.timestamp,
          edited_timestamp: null,
          flags: 0,
          mentions: [],
          mention_roles: [],
        },
      },
    ];
    return msg;
  }

  /** A person's message in a channel (something to pick "Remind me about this" on). */
  postUserMessage(channelId: string, user: EmulatedUser, content: string): EmulatedMessage {
    const msg = this.createMessage(channelId, { content }, 'user');
    msg.author = { id: user.id, username: user.username, discriminator: '0', global_name: user.username, avatar: null };
    return msg;
  }

  /** A message context-menu command (right-click → Apps → `name`) on `message`. */
  messageCommand(opts: { user: EmulatedUser; channelId: string; name: string; message: EmulatedMessage; dm?: boolean }): InteractionRecord {
    const data = {
      id: snowflake(),
      name: opts.name,
      type: 3,
      target_id: opts.message.id,
      resolved: { messages: { [opts.message.id]: this.messagePayload(opts.message) } },
    };
    return this.sendInteraction(2, opts.user, opts.channelId, data, opts.dm);
  }

  /** Submits a modal the bot showed: `values` by text input custom id (sent inside Label components, as Discord does). */
  submitModal(opts: {
    user: EmulatedUser;
    channelId: string;
    customId: string;
    values: Record<string, string>;
    dm?: boolean;
  }): InteractionRecord {
    const components = Object.entries(opts.values).map(([customId, value]) => ({
      type: 18,
      id: Number(snowflake().slice(-6)),
      component: { type: 4, id: Number(snowflake().slice(-6)), custom_id: customId, value },
    }));
    return this.sendInteraction(5, opts.user, opts.channelId, { custom_id: opts.customId, components }, opts.dm);
  }

  /** Presses a button on a message the bot posted. */
  pressButton(opts: { user: EmulatedUser; message: EmulatedMessage; customId: string }): InteractionRecord {
    return this.sendInteraction(
      3,
      opts.user,
      opts.message.channel_id,
      { custom_id: opts.customId, component_type: 2 },
      false,
      opts.message,
    );
  }

  /** Resolves when the bot has sent at least `count` callbacks/messages for this interaction. */
  async waitForAnswer(
    record: InteractionRecord,
    predicate: (r: InteractionRecord) => boolean = (r) => r.callbacks.length > 0,
    timeoutMs = 5000,
  ): Promise<InteractionRecord> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(record)) {
      if (Date.now() > deadline) throw new Error(`Discord emulator: no answer to interaction ${record.id} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return record;
  }

  /** Resolves when `predicate` holds for the recorded messages. */
  async waitForMessages(predicate: (messages: EmulatedMessage[]) => boolean, timeoutMs = 5000): Promise<EmulatedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline) throw new Error(`Discord emulator: expected messages did not arrive within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.messages;
  }

  private sendInteraction(
    type: number,
    user: EmulatedUser,
    channelId: string,
    data: unknown,
    dm = false,
    message?: EmulatedMessage,
  ): InteractionRecord {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`Discord emulator: unknown channel ${channelId}`);
    const record: InteractionRecord = {
      id: snowflake(),
      token: `itoken-${snowflake()}`,
      callbacks: [],
      messages: [],
      sentAt: Date.now(),
      ...(message ? { source: message } : {}),
    };
    this.interactions.set(record.id, record);
    this.interactions.set(record.token, record);
    this.interactionChannels.set(record.id, channel.id);
    const userPayload = { id: user.id, username: user.username, discriminator: '0', global_name: user.username, avatar: null };
    const permissions = (user.permissions ?? EVERYONE_PERMISSIONS).toString();
    const inGuild = !dm && channel.guildId !== undefined;
    this.gatewayState.dispatch('INTERACTION_CREATE', {
      id: record.id,
      application_id: this.applicationId,
      type,
      token: record.token,
      version: 1,
      data,
      channel_id: channel.id,
      channel: { ...this.channelPayload(channel), permissions },
      ...(inGuild
        ? {
            guild_id: channel.guildId,
            member: {
              user: userPayload,
              roles: [],
              permissions,
              joined_at: new Date(0).toISOString(),
              deaf: false,
              mute: false,
              flags: 0,
              nick: null,
              avatar: null,
            },
            guild_locale: 'en-US',
          }
        : { user: userPayload }),
      ...(message ? { message: this.messagePayload(message) } : {}),
      app_permissions: (EVERYONE_PERMISSIONS | Permission.ManageMessages).toString(),
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      context: inGuild ? 0 : 1,
    });
    return record;
  }

  private channelPayload(channel: EmulatedChannel): Record<string, unknown> {
    const base: Record<string, unknown> = { id: channel.id, type: channel.type, name: channel.name };
    if (channel.guildId) base.guild_id = channel.guildId;
    if (channel.parentId) {
      base.parent_id = channel.parentId;
      base.thread_metadata = { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: new Date(0).toISOString() };
      base.owner_id = this.botUser.id;
    }
    if (channel.type === 1) base.recipients = [];
    return base;
  }

  private messagePayload(m: EmulatedMessage): Record<string, unknown> {
    return {
      id: m.id,
      channel_id: m.channel_id,
      content: m.content,
      components: m.components,
      embeds: m.embeds,
      flags: m.flags,
      author: m.author,
      timestamp: m.timestamp,
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      type: 0,
      ...(m.message_reference ? { message_reference: m.message_reference } : {}),
      ...(m.message_snapshots ? { message_snapshots: m.message_snapshots } : {}),
    };
  }

  private createMessage(
    channelId: string,
    body: Record<string, unknown>,
    via: EmulatedMessage['via'],
    interactionToken?: string,
  ): EmulatedMessage {
    const message: EmulatedMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: typeof body.content === 'string' ? body.content : '',
      components: Array.isArray(body.components) ? body.components : [],
      embeds: Array.isArray(body.embeds) ? body.embeds : [],
      flags: typeof body.flags === 'number' ? body.flags : 0,
      author: this.botUser,
      timestamp: new Date().toISOString(),
      message_reference: body.message_reference,
      allowed_mentions: body.allowed_mentions,
      via,
      ...(interactionToken ? { interactionToken } : {}),
    };
    this.messages.push(message);
    return message;
  }

  /** Applies an edit (content, components, allowed_mentions) to a stored message in place. */
  private editMessage(msg: EmulatedMessage, patch: Record<string, unknown>): void {
    if (typeof patch.content === 'string') msg.content = patch.content;
    if (Array.isArray(patch.components)) msg.components = patch.components;
    if (patch.allowed_mentions !== undefined) msg.allowed_mentions = patch.allowed_mentions;
    msg.edits = (msg.edits ?? 0) + 1;
  }

  private gatewayHooks() {
    return {
      token: this.token,
      ready: () => ({
        user: this.botUser,
        guilds: [{ id: this.guildId, unavailable: true as const }],
        application: { id: this.applicationId, flags: 0 },
      }),
      guildCreates: () => {
        const all = [...this.channels.values()].filter((c) => c.guildId === this.guildId);
        return [
          {
            id: this.guildId,
            name: 'Emulated Guild',
            owner_id: snowflake(),
            unavailable: false,
            member_count: 2,
            large: false,
            features: [],
            roles: [
              {
                id: this.guildId,
                name: '@everyone',
                permissions: EVERYONE_PERMISSIONS.toString(),
                position: 0,
                color: 0,
                hoist: false,
                managed: false,
                mentionable: false,
                flags: 0,
              },
            ],
            channels: all.filter((c) => c.type !== 11).map((c) => this.channelPayload(c)),
            threads: all.filter((c) => c.type === 11).map((c) => this.channelPayload(c)),
            members: [],
            emojis: [],
            stickers: [],
            voice_states: [],
            presences: [],
            stage_instances: [],
            guild_scheduled_events: [],
            joined_at: new Date(0).toISOString(),
          },
        ];
      },
    };
  }

  private routes(): void {
    const app = this.applicationId;
    const r = this.rest;
    r.on('GET', /^\/gateway\/bot$/, () => ({
      status: 200,
      body: {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      },
    }));
    r.on('GET', /^\/gateway$/, () => ({ status: 200, body: { url: this.gatewayUrl } }));
    r.on('GET', /^\/users\/@me$/, () => ({ status: 200, body: this.botUser }));
    r.on('GET', /^\/applications\/@me$/, () => ({
      status: 200,
      body: { id: app, name: 'Chime', flags: 0, bot_public: true, description: '' },
    }));

    const withIds = (list: unknown[]): unknown[] =>
      list.map((c) => ({ id: snowflake(), application_id: app, version: snowflake(), ...(c as object) }));
    r.on('PUT', /^\/applications\/(\d+)\/commands$/, (_p, body) => {
      this.commands.global = withIds(body as unknown[]);
      return { status: 200, body: this.commands.global };
    });
    r.on('GET', /^\/applications\/(\d+)\/commands$/, () => ({ status: 200, body: this.commands.global }));
    r.on('PUT', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, ([, guild], body) => {
      const list = withIds(body as unknown[]);
      this.commands.guild.set(guild!, list);
      return { status: 200, body: list };
    });
    r.on('GET', /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, ([, guild]) => ({
      status: 200,
      body: this.commands.guild.get(guild!) ?? [],
    }));

    r.on('POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, ([id], body) => {
      const record = this.interactions.get(id!);
      if (!record) return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
      const cb = body as { type: number; data?: Record<string, unknown> };
      const invalid = invalidComponents(cb.data);
      if (invalid) return invalid;
      if (record.callbacks.some((c) => c.type !== 8) || (cb.type === 8 && record.callbacks.length > 0)) {
        return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
      }
      // Discord forgets an interaction not acknowledged within 3 seconds.
      if (Date.now() - record.sentAt > ACK_WINDOW_MS) return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
      record.callbacks.push(cb);
      record.ackedAt = Date.now();
      const channelId = this.interactionChannel(record);
      if (cb.type === 4 && cb.data) {
        record.original = this.createMessage(channelId, cb.data, 'interaction', record.token);
        record.messages.push(record.original);
      } else if (cb.type === 5) {
        // Deferred reply: a placeholder ("thinking…") whose flags (ephemeral) the edit keeps.
        record.original = this.createMessage(channelId, { content: '', flags: cb.data?.flags ?? 0 }, 'interaction', record.token);
      } else if ((cb.type === 6 || cb.type === 7) && record.source) {
        record.original = record.source;
        if (cb.type === 7 && cb.data) this.editMessage(record.source, cb.data);
        if (cb.type === 7) record.messages.push(record.source);
      }
      return { status: 204 };
    });
    const editOriginal = ([, token]: string[], body: unknown): { status: number; body?: unknown } => {
      const record = this.interactions.get(token!);
      if (!record) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      if (!record.original) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      const invalid = invalidComponents(body);
      if (invalid) return invalid;
      this.editMessage(record.original, body as Record<string, unknown>);
      if (!record.messages.includes(record.original)) record.messages.push(record.original);
      return { status: 200, body: this.messagePayload(record.original) };
    };
    const followUp = ([, token]: string[], body: unknown): { status: number; body?: unknown } => {
      const record = this.interactions.get(token!);
      if (!record) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      const invalid = invalidComponents(body);
      if (invalid) return invalid;
      const msg = this.createMessage(this.interactionChannel(record), body as Record<string, unknown>, 'interaction', record.token);
      record.messages.push(msg);
      return { status: 200, body: this.messagePayload(msg) };
    };
    r.on('PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, editOriginal);
    r.on('GET', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, ([, token]) => {
      const record = this.interactions.get(token!);
      const last = record?.messages.at(-1);
      return last ? { status: 200, body: this.messagePayload(last) } : { status: 404, body: { message: 'Unknown Message', code: 10008 } };
    });
    r.on('POST', /^\/webhooks\/(\d+)\/([^/]+)$/, followUp);
    r.on('PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)$/, ([app, token, messageId], body) => {
      const record = this.interactions.get(token!);
      const msg = record?.messages.find((m) => m.id === messageId);
      if (!record || !msg) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      const invalid = invalidComponents(body);
      if (invalid) return invalid;
      this.editMessage(msg, body as Record<string, unknown>);
      void app;
      return { status: 200, body: this.messagePayload(msg) };
    });

    r.on('GET', /^\/channels\/(\d+)$/, ([id]) => {
      const channel = this.channels.get(id!);
      return channel
        ? { status: 200, body: this.channelPayload(channel) }
        : { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    });
    r.on('POST', /^\/channels\/(\d+)\/messages$/, ([id], body) => {
      if (!this.channels.has(id!)) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
      const invalid = invalidComponents(body);
      if (invalid) return invalid;
      const limit = this.channelLimit(id!);
      if (limit && limit.remaining < 0) {
        this.rateLimited += 1;
        return {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: limit.resetAfter, global: false, code: 0 },
          headers: { ...limit.headers, 'retry-after': String(limit.resetAfter) },
        };
      }
      const msg = this.createMessage(id!, body as Record<string, unknown>, 'channel');
      return { status: 200, body: this.messagePayload(msg), ...(limit ? { headers: limit.headers } : {}) };
    });
    r.on('PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/, ([channelId, messageId], body) => {
      const msg = this.messages.find((m) => m.id === messageId && m.channel_id === channelId);
      if (!msg) return { status: 404, body: { message: 'Unknown Message', code: 10008 } };
      const invalid = invalidComponents(body);
      if (invalid) return invalid;
      this.editMessage(msg, body as Record<string, unknown>);
      return { status: 200, body: this.messagePayload(msg) };
    });
    r.on('POST', /^\/users\/@me\/channels$/, (_p, body) => {
      const recipient = (body as { recipient_id: string }).recipient_id;
      const existing = [...this.channels.values()].find((c) => c.type === 1 && c.name === `dm-${recipient}`);
      const channel = existing ?? this.addChannel({ id: snowflake(), name: `dm-${recipient}`, type: 1 });
      return {
        status: 200,
        body: { id: channel.id, type: 1, recipients: [{ id: recipient, username: `user-${recipient}`, discriminator: '0', avatar: null }] },
      };
    });
  }

  /**
   * Per-channel send limit, like Discord's per-channel message bucket: `limit` messages per
   * `windowMs`, announced in X-RateLimit-* headers so discord.js paces itself; a send over
   * the limit gets 429 (counted in `rateLimited`). Off unless set.
   */
  channelRateLimit: { limit: number; windowMs: number } | undefined;
  /** 429s answered because a channel's send limit was exceeded. */
  rateLimited = 0;
  private readonly windows = new Map<string, { start: number; count: number }>();

  private channelLimit(channelId: string): { remaining: number; resetAfter: number; headers: Record<string, string> } | undefined {
    const cfg = this.channelRateLimit;
    if (!cfg) return undefined;
    const now = Date.now();
    let w = this.windows.get(channelId);
    if (!w || now - w.start >= cfg.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(channelId, w);
    }
    w.count += 1;
    const remaining = cfg.limit - w.count;
    const resetAfter = Math.max(0, (w.start + cfg.windowMs - now) / 1000);
    return {
      remaining,
      resetAfter,
      headers: {
        'x-ratelimit-limit': String(cfg.limit),
        'x-ratelimit-remaining': String(Math.max(0, remaining)),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-reset': ((w.start + cfg.windowMs) / 1000).toFixed(3),
        'x-ratelimit-bucket': `channel-messages-${channelId}`,
      },
    };
  }

  private interactionChannel(record: InteractionRecord): string {
    // The INTERACTION_CREATE we dispatched carried the channel; find it from the gateway log.
    return this.interactionChannels.get(record.id) ?? this.generalChannel.id;
  }

  private readonly interactionChannels = new Map<string, string>();
}
