import { createAgentRuntime } from './agent/agent-runtime.js';
import { createChatAgent } from './agent/conversation/chat-agent.js';
import type { ConversationDeps } from './agent/conversation/conversation-turn.js';
import { createConversationResumer } from './agent/conversation/resume.js';
import { promptToolCatalog } from './agent/tools/prompt-catalog.js';
import type { ChatAgent } from './chat/command.js';
import type { ConversationResumer } from './core/ports/conversation-resumer.js';
import { type PromptToolCatalog, ghostToolNames, promptExecutor } from './agent/prompt-executor.js';
import type { Adapter } from './chat/adapter.js';
import { type ChimeChat, createChatService } from './chat/chat-service.js';
import { undeliverableNotice } from './chat/undeliverable.js';
import type { AgentRuntime } from './core/ports/agent.js';
import type { Clock } from './core/ports/clock.js';
import { SystemClock } from './core/system-clock.js';
import type { Config } from './config.js';
import type { Executor } from './core/executor.js';
import { Housekeeper } from './core/housekeeping.js';
import { InstanceClaim } from './core/instance-claim.js';
import { type LeaseIdentity, leaseIdentity } from './core/lease-owner.js';
import { recoverPredecessorLeases } from './core/lease-recovery.js';
import { Scheduler } from './core/scheduler.js';
import { createExecutors } from './core/executors/index.js';
import { guardedFetch } from './core/executors/guarded-fetch.js';
import { deadLetterHandler } from './delivery/dead-letter.js';
import { OutboxDispatcher } from './delivery/outbox-dispatcher.js';
import { textMessage } from './core/outgoing-message.js';
import type { Sender } from './core/ports/sender.js';
import { type Logger, createLogger } from './log.js';
import { parse } from './nl/parse.js';
import { type ChimeStore, type StoreMaintenance, openSqliteChimeStore } from './store/open-store.js';

export interface AppOptions {
  config: Config;
  /** Default SystemClock; tests pass a ManualClock. */
  clock?: Clock;
  /** Default a logger at `config.logLevel`. */
  logger?: Logger;
  /** Chat platforms to start; each adapter's sender is registered with the dispatcher. */
  adapters?: Adapter[];
  /** Extra senders without an adapter (tests, a sender-only process). */
  senders?: Sender[];
  /** Executors added to, or replacing (same kind), the built-in ones (tests, extensions). */
  executors?: Executor[];
  /** An opened store (see openStore: PostgreSQL or SQLite). Default the SQLite file of `config.db`. */
  store?: ChimeStore;
  /** Tools prompt jobs may use (tests; default the scheduling tools, acting as the job's ghost). */
  promptTools?: PromptToolCatalog;
}

/** Chime wired together. Nothing runs until `start()`. */
export interface App {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: ChimeStore;
  scheduler: Scheduler;
  dispatcher: OutboxDispatcher;
  housekeeper: Housekeeper;
  chat: ChimeChat;
  adapters: Adapter[];
  /** The agent (CHIME_LLM_*): `enabled` false while no model is configured. */
  agent: AgentRuntime;
  /** Starts the scheduler loop, the dispatcher, housekeeping, then the adapters. */
  start(): Promise<void>;
  /**
   * Readiness checks for `/readyz`, one per adapter (`adapter_telegram`, …): true once the
   * adapter started and while its platform connection is up (Adapter.connected), false before
   * start, after stop, or when the connection dropped. The API gets them as plain functions,
   * so it never imports platform code.
   */
  readiness(): Record<string, () => Promise<boolean>>;
  /**
   * Graceful shutdown: adapters stop receiving, the scheduler stops claiming and lets running
   * jobs finish (or releases their leases), the dispatcher finishes sends in flight, then
   * the store closes. Safe to call twice, and before `start()`.
   */
  stop(): Promise<void>;
}

/** The parts the lifecycle starts and stops, wired by createApp. */
interface AppParts {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: ChimeStore;
  identity: LeaseIdentity;
  /** This process's hold on its instance id: taken at start, renewed on the lease heartbeat, given up at stop. */
  instance: InstanceClaim;
  scheduler: Scheduler;
  dispatcher: OutboxDispatcher;
  housekeeper: Housekeeper;
  chat: ChimeChat;
  adapters: Adapter[];
}

/** The chat layer as the command executor reaches it: bound once the chat layer exists. */
interface LateChat {
  current: ChimeChat | undefined;
}

function readyChat(late: LateChat): ChimeChat {
  if (!late.current) throw new Error('chat layer not ready');
  return late.current;
}

/** The built-in executors, with `extra` added or replacing a built-in of the same kind. */
function composeExecutors(config: Config, late: LateChat, extra: Executor[], prompt: Executor): Executor[] {
  const builtIn = createExecutors({
    commandHandler: async (text, job) => readyChat(late).commandHandler(text, job),
    checkCommand: (text) => readyChat(late).checkScheduledCommand(text),
    fetch: guardedFetch({ allowPrivate: config.watch.allowPrivate }),
  });
  return [...[...builtIn, prompt].filter((e) => !extra.some((x) => x.kind === e.kind)), ...extra];
}

/** Job kind `prompt`: the agent, the job's token budget and its previous answer. */
function createPromptExecutor(deps: { agent: AgentRuntime; store: ChimeStore; tools: PromptToolCatalog | undefined }): Executor {
  const { store } = deps;
  return promptExecutor({
    agent: deps.agent,
    usage: store.agentUsage,
    previousOutput: async (jobId) => {
      const runs = await store.jobs.listRuns({ jobId, status: 'success', limit: 5 });
      return runs.find((r) => r.result !== null && r.agent?.outcome === 'answered')?.result ?? null;
    },
    ...(deps.tools ? { tools: deps.tools } : {}),
  }) as Executor;
}

function createSchedulerFor(
  config: Config,
  deps: {
    store: ChimeStore;
    clock: Clock;
    logger: Logger;
    identity: LeaseIdentity;
    instance: InstanceClaim;
    executors: Executor[];
    late: LateChat;
    resumer: ConversationResumer;
  },
): Scheduler {
  const { late } = deps;
  return new Scheduler({
    instanceId: deps.identity.owner,
    presence: deps.instance,
    resumer: deps.resumer,
    store: deps.store.jobs,
    clock: deps.clock,
    logger: deps.logger,
    executors: deps.executors,
    deliveryFormatter: (job, outcome) => (late.current ? late.current.formatDelivery(job, outcome) : textMessage(outcome.text)),
    options: {
      maxConcurrent: config.scheduler.maxConcurrent,
      leaseMs: config.scheduler.leaseMs,
      misfireGraceMs: config.scheduler.misfireGraceMs,
      defaultRetries: config.scheduler.defaultRetries,
      retryDelayMs: config.scheduler.retryDelayMs,
      taskTimeoutMs: config.scheduler.taskTimeoutMs,
    },
  });
}

function createDispatcherFor(
  config: Config,
  deps: { store: ChimeStore; clock: Clock; logger: Logger; identity: LeaseIdentity; scheduler: Scheduler; senders: Sender[] },
): OutboxDispatcher {
  const { store, clock, logger, scheduler } = deps;
  const dispatcher: OutboxDispatcher = new OutboxDispatcher({
    store: store.jobs,
    clock,
    logger,
    senders: deps.senders,
    // Same lease as runs: after a crash, unacknowledged sends are retried this soon.
    options: { leaseMs: config.scheduler.leaseMs, owner: deps.identity.owner },
    onDead: deadLetterHandler({
      scheduler,
      store: store.jobs,
      clock,
      logger,
      notice: undeliverableNotice,
      onQueued: () => dispatcher.wake(),
    }),
  });
  // Runs write outbox rows; send them now rather than at the dispatcher's next timer.
  scheduler.on('task-event', () => dispatcher.wake());
  return dispatcher;
}

function createChatFor(
  config: Config,
  deps: { store: ChimeStore; clock: Clock; logger: Logger; scheduler: Scheduler; agent: ChatAgent },
): ChimeChat {
  return createChatService(
    {
      scheduler: deps.scheduler,
      notes: deps.store.notes,
      prefs: deps.store.prefs,
      clock: deps.clock,
      parse,
      config: {
        defaultTimeZone: config.defaultTimeZone,
        watchAllowPrivate: config.watch.allowPrivate,
        quotas: {
          maxRemindersPerUser: config.quotas.maxRemindersPerUser,
          minGroupIntervalMs: config.quotas.minGroupIntervalMs,
          maxTextLength: config.quotas.maxTextLength,
          maxRemindersPerChat: config.quotas.maxRemindersPerChat,
        },
      },
      logger: deps.logger.child({ component: 'chat' }),
    },
    deps.agent,
  );
}

/** History pruning and the configured cleanup directories. */
function createHousekeeperFor(config: Config, deps: { store: ChimeStore; clock: Clock; logger: Logger }): Housekeeper {
  const { historyRetentionDays, historyKeepPerJob } = config.housekeeping;
  const housekeeper = new Housekeeper({
    store: deps.store.jobs,
    clock: deps.clock,
    logger: deps.logger,
    history: { retentionDays: historyRetentionDays, ...(historyKeepPerJob !== undefined ? { keepPerJob: historyKeepPerJob } : {}) },
    conversations: { store: deps.store.conversations, retentionDays: config.housekeeping.conversationRetentionDays },
    events: { log: deps.store.events, retentionDays: config.housekeeping.eventRetentionDays },
  });
  for (const dir of config.housekeeping.directories) housekeeper.register({ ...dir, moduleId: 'config' });
  return housekeeper;
}

/**
 * The composition root used by `chime start` and by end-to-end tests: store -> executors ->
 * scheduler -> outbox dispatcher (one sender per adapter) -> chat service -> adapters.
 */
export function createApp(opts: AppOptions): App {
  const { config } = opts;
  const clock = opts.clock ?? new SystemClock();
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const adapters = opts.adapters ?? [];
  const store = opts.store ?? openSqliteChimeStore(config);
  const agent = createAgentRuntime({ config: config.agent, clock });
  // The chat layer needs the scheduler and the scheduler's command executor needs the chat
  // layer: the executor reaches the chat through this late binding.
  const late: LateChat = { current: undefined };
  // Prompt jobs' tools are the scheduling tools, acting as the job's ghost through the chat layer.
  const promptTools = opts.promptTools ?? promptToolCatalog((job) => readyChat(late).ghostContext(job));
  const prompt = createPromptExecutor({ agent, store, tools: promptTools });
  const executors = composeExecutors(config, late, opts.executors ?? [], prompt);
  // One lease owner for runs and messages, so a restart recognises both as its own.
  const identity = leaseIdentity({ instanceId: config.instanceId });
  const instance = new InstanceClaim({ registry: store.instances, identity, clock, leaseMs: config.scheduler.leaseMs, logger });
  const housekeeper = createHousekeeperFor(config, { store, clock, logger });
  // The agent's conversations: /ask in the chat, and resumed ones when a resume_conversation job ends.
  const conversation: ConversationDeps = {
    runtime: agent,
    conversations: store.conversations,
    clock,
    logger: logger.child({ component: 'agent' }),
    admins: config.admins,
    cleanup: housekeeper,
  };
  const resumer = createConversationResumer(
    conversation,
    (job) => readyChat(late).ghostContext(job),
    (job) => ghostToolNames(job, promptTools),
  );
  const scheduler = createSchedulerFor(config, { store, clock, logger, identity, instance, executors, late, resumer });
  const senders = [...adapters.map((a) => a.sender), ...(opts.senders ?? [])];
  const dispatcher = createDispatcherFor(config, { store, clock, logger, identity, scheduler, senders });
  const chat = createChatFor(config, { store, clock, logger, scheduler, agent: createChatAgent(conversation) });
  late.current = chat;
  const parts: AppParts = { config, clock, logger, store, identity, instance, scheduler, dispatcher, housekeeper, chat, adapters };
  return { config, clock, logger, store, scheduler, dispatcher, housekeeper, chat, adapters, agent, ...appLifecycle(parts) };
}

/** start() and stop() over the wired parts; stop() is safe twice and before start(). */
function appLifecycle(parts: AppParts): Pick<App, 'start' | 'stop' | 'readiness'> {
  let state: 'new' | 'running' | 'stopped' = 'new';
  let started: Adapter[] = [];
  let stopWatching: (() => void) | undefined;
  let maintenance: StoreMaintenance | undefined;
  const { config, clock, logger, store, instance, scheduler, dispatcher, housekeeper } = parts;
  return {
    readiness: () =>
      Object.fromEntries(
        parts.adapters.map((adapter) => [
          `adapter_${adapter.platform}`,
          async () => state === 'running' && started.includes(adapter) && (adapter.connected?.() ?? true),
        ]),
      ),
    async start() {
      if (state !== 'new') throw new Error(`app already ${state}`);
      state = 'running';
      try {
        // First: another live process under this instance id refuses the start (InstanceInUseError)
        // before anything is claimed, recovered or sent.
        const previous = await instance.claim();
        if (previous)
          logger.info(
            { instanceId: instance.id, previous: { pid: previous.pid, host: previous.host, seenAt: previous.seenAt } },
            'took over the instance id of a process that is gone',
          );
      } catch (err) {
        state = 'new';
        throw err;
      }
      maintenance = store.startMaintenance(clock, (error) => logger.warn({ error }, 'store maintenance failed'));
      await takeOverPredecessor(parts);
      await scheduler.start();
      dispatcher.start();
      // Messages written by another process (`chime jobs run` from the CLI) go out now too.
      stopWatching = store.jobs.onExternalChange?.(() => dispatcher.wake());
      housekeeper.start(config.housekeeping.cleanupIntervalMs);
      for (const adapter of parts.adapters) {
        await adapter.start(parts.chat);
        started.push(adapter);
        logger.info({ platform: adapter.platform }, 'adapter started');
      }
      logger.info(
        { store: store.kind, ...(store.kind === 'sqlite' ? { db: config.db } : {}), adapters: parts.adapters.map((a) => a.platform) },
        'chime ready',
      );
    },
    async stop() {
      if (state === 'stopped') return;
      const wasRunning = state === 'running';
      state = 'stopped';
      await stopAdapters(started.reverse(), logger);
      started = [];
      stopWatching?.();
      await scheduler.stop();
      logger.debug('scheduler stopped');
      if (wasRunning) {
        await dispatcher.stop();
        logger.debug('dispatcher stopped');
        await housekeeper.stop();
        // Last, once nothing of this process runs: the next start under this id need not wait.
        await instance.release().catch((err: unknown) => logger.warn({ err }, 'instance id not released'));
      }
      await maintenance?.stop();
      await store.close();
      logger.info('chime stopped');
    },
  };
}

/**
 * What this instance's previous process held when it died is taken over now, in order, not
 * after its lease: newer messages to those chats would otherwise wait behind it.
 */
async function takeOverPredecessor({ store, identity, instance, clock, logger }: AppParts): Promise<void> {
  const running = await instance.runningOwners();
  const recovered = await recoverPredecessorLeases(store.jobs, identity, clock.now(), { running });
  if (recovered.owners.length > 0)
    logger.info({ owners: recovered.owners, leases: recovered.leases }, 'took over the claims of a previous process of this instance');
}

/** Stops each adapter in turn; one failing to stop does not keep the others running. */
async function stopAdapters(adapters: Adapter[], logger: Logger): Promise<void> {
  for (const adapter of adapters) {
    try {
      await adapter.stop();
    } catch (err) {
      logger.error({ err, platform: adapter.platform }, 'adapter stop failed');
    }
  }
  logger.debug('adapters stopped');
}
