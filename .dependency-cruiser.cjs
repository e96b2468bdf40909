/**
 * The layer rules of Chime (ARCHITECTURE.md), checked by `npm run lint:layers`.
 *
 *   core      jobs, the schedule engine, scheduler, runner, executors and the PORTS
 *   nl        text -> Schedule                                 imports core
 *   store     implements core's store ports (sqlite/, postgres/) imports core
 *   delivery  outbox dispatcher                                imports core
 *   chat      commands, formatting                             imports core, nl
 *   agent     model client (openai), the tool loop             imports core, nl; only it imports openai
 *   agent/tools, agent/conversation  scheduling tools, /ask and resumed turns   imports core, nl, chat, agent
 *   api       HTTP routes, auth                                imports core, nl
 *   cli       command line                                     imports core, nl, and the store and
 *                                                              adapters only through the composition root
 *   adapters/ telegram, discord, console: translate only
 *   shared    wording rules the server and the browser share    imports nothing; anyone may import it
 *   src/app.ts, src/main.ts (and bin/): the composition root, the only place that wires concrete parts
 *
 * Each rule is named after the rule it keeps; a violation prints that name and the import.
 * npm and node: libraries are allowed anywhere except the platform libraries (grammy,
 * discord.js), which only adapters/ may import.
 */

/**
 * Any module of the repository outside `layers` (node_modules and node: builtins are not modules
 * here). src/shared/ is inside every layer: it is the few wording rules that the server and the
 * browser's dashboard both need, and it imports nothing (rule shared-imports-nothing).
 */
const outside = (...layers) => `^(?!(${[...layers, 'src/shared/'].join('|')}))(src|adapters|bin)/`;

/** A rule that modules under `from` import nothing of ours outside `allowed` (regexes). */
const importsOnly = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: outside(...allowed) },
});

/** The composition root: the only modules that may wire adapters and concrete stores. */
const COMPOSITION_ROOT = '^(src/app\\.ts|src/main\\.ts|bin/)';

/** Platform libraries: only adapters/ speak a platform's protocol. */
const PLATFORM_LIBRARIES = 'node_modules/(grammy|discord\\.js|@grammyjs/[^/]+|@discordjs/[^/]+)/';

module.exports = {
  forbidden: [
    importsOnly(
      'core-imports-only-core',
      '^src/core/',
      ['src/core/'],
      'core owns the contracts (src/core/ports) and depends on nothing of ours outside itself: every other layer implements or uses core, never the reverse.',
    ),
    importsOnly(
      'nl-imports-only-core',
      '^src/nl/',
      ['src/core/', 'src/nl/'],
      'The parser turns text into core Schedules; it knows nothing of chat, storage or delivery.',
    ),
    importsOnly(
      'store-imports-only-core',
      '^src/store/',
      ['src/core/', 'src/store/'],
      'The stores implement the ports in src/core/ports; they never reach into nl, chat, delivery or the application.',
    ),
    importsOnly(
      'delivery-imports-only-core',
      '^src/delivery/',
      ['src/core/', 'src/delivery/'],
      'The outbox dispatcher works on core ports (store, clock, logger, sender).',
    ),
    importsOnly(
      'chat-imports-core-and-nl',
      '^src/chat/',
      ['src/core/', 'src/nl/', 'src/chat/'],
      'The chat layer uses core and the parser; storage and delivery come in as core ports, never as the modules implementing them.',
    ),
    importsOnly(
      'agent-imports-core-and-nl',
      '^src/agent/(?!tools/|conversation/)',
      ['src/core/', 'src/nl/', 'src/agent/(?!tools/|conversation/)'],
      "The agent implements core's agent port (src/core/ports/agent.ts) with a model client and the tool loop; it acts through core, never through chat, store or delivery.",
    ),
    importsOnly(
      'agent-tools-act-through-the-chat-rules',
      '^src/agent/(tools|conversation)/',
      ['src/core/', 'src/nl/', 'src/chat/', 'src/agent/'],
      "The scheduling tools and conversations act for a person in a chat: they reuse the chat layer's job creation and permission rules (one implementation of each) and reach the model through core's agent port. Nothing below them imports them: the chat layer sees the agent as its ChatAgent port, core as its ConversationResumer port.",
    ),
    importsOnly(
      'api-imports-core-and-nl',
      '^src/api/',
      ['src/core/', 'src/nl/', 'src/api/'],
      'HTTP routes call the scheduler API and the parser; they are wired to a store by the composition root.',
    ),
    importsOnly(
      'dashboard-is-browser-code',
      '^src/dashboard/',
      ['src/dashboard/'],
      'The web dashboard runs in a browser: it talks to Chime only over HTTP (the API), never by importing server modules, which would drag Node code into its bundle. The one exception is src/shared/, which imports nothing.',
    ),
    {
      name: 'shared-imports-nothing',
      comment:
        "src/shared/ holds rules that both the server and the dashboard's browser bundle use (how a span of time is worded): it imports nothing outside itself, no Node builtin and no package, so it runs in either place and drags nothing into the bundle.",
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: '^src/shared/' },
    },
    importsOnly(
      'cli-reaches-store-and-adapters-through-the-composition-root',
      '^src/cli/',
      [
        'src/core/',
        'src/nl/',
        'src/cli/',
        'src/store/open-store\\.ts$',
        'src/app\\.ts$',
        'src/main\\.ts$',
        'src/config\\.ts$',
        'src/log\\.ts$',
        'src/clock\\.ts$',
      ],
      'The command line uses core and nl; it opens a store with store/open-store.ts (which picks SQLite or PostgreSQL) and reaches the app and platforms through src/app.ts and src/main.ts.',
    ),
    importsOnly(
      'adapters-translate-only',
      '^adapters/([^/]+)/',
      ['src/core/', 'src/chat/', 'src/log\\.ts$', 'adapters/$1/'],
      'An adapter translates between a platform and the chat layer (src/chat/adapter.ts, message.ts) and implements the sender port; it never touches storage, delivery internals or another adapter.',
    ),
    {
      name: 'only-adapters-import-platform-libraries',
      comment: 'grammy, discord.js and their plugins are spoken only in adapters/: the rest of Chime is platform-free.',
      severity: 'error',
      from: { pathNot: '^adapters/' },
      to: { path: PLATFORM_LIBRARIES },
    },
    {
      name: 'only-the-agent-speaks-to-the-model',
      comment:
        'The openai client is spoken only in src/agent/: core, chat and the rest use the agent port (src/core/ports/agent.ts), so the model and its client can change in one place.',
      severity: 'error',
      from: { pathNot: '^src/agent/' },
      to: { path: 'node_modules/openai/' },
    },
    {
      name: 'only-the-composition-root-wires-adapters',
      comment: 'Nothing below src/app.ts, src/main.ts and bin/ imports adapters/: platforms are handed in.',
      severity: 'error',
      from: { path: '^src/', pathNot: COMPOSITION_ROOT },
      to: { path: '^adapters/' },
    },
    {
      name: 'only-the-composition-root-wires-concrete-stores',
      comment:
        'Nothing outside the store layer and the composition root imports src/store/sqlite or src/store/postgres: everyone else uses the ports.',
      severity: 'error',
      from: { path: '^(src|adapters)/', pathNot: `${COMPOSITION_ROOT}|^src/store/` },
      to: { path: '^src/store/(sqlite|postgres)/' },
    },
    {
      name: 'no-circular',
      comment: 'An import cycle makes load order matter and layers meaningless; split the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (entry points excepted).',
      severity: 'error',
      // src/dashboard/main.ts is the browser's entry point, bundled by src/api/dashboard-bundle.ts by path.
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '^src/main\\.ts$', '^src/cli/main\\.ts$', '^src/dashboard/main\\.ts$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a port is mostly types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
