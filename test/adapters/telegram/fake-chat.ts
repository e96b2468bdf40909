import type { ActionAnswer, ChatService, IncomingAction, IncomingMessage, Reply } from '../../../src/chat/message.js';

/**
 * A ChatService that records what the adapter hands it and answers with scripted replies:
 * by default an echo with two buttons, so tests can see replies and keyboards.
 */
export class FakeChat implements ChatService {
  readonly messages: IncomingMessage[] = [];
  readonly actions: IncomingAction[] = [];
  /** Like the real chat service's list: the adapter registers it as the Telegram command menu. */
  commands: Array<{ name: string; description: string; usage: string }> | undefined = [
    { name: 'remind', description: 'Set a reminder', usage: '/remind <when> <what>' },
    { name: 'list', description: 'Your reminders', usage: '/list' },
    { name: 'snooze', description: 'Snooze a reminder', usage: '/snooze <id> <span>' },
    { name: 'help', description: 'How to use Chime', usage: '/help' },
  ];
  reply: (msg: IncomingMessage) => Reply[] = (msg) => [
    {
      text: `echo: ${msg.text}`,
      actions: [
        [
          { id: 'snooze:10m', label: 'Snooze 10 min' },
          { id: 'done', label: 'Done' },
        ],
      ],
    },
  ];
  answer: (action: IncomingAction) => ActionAnswer = (action) => ({
    toast: `did ${action.actionId}`,
    edit: { text: `pressed ${action.actionId}` },
  });

  async handleMessage(msg: IncomingMessage): Promise<Reply[]> {
    this.messages.push(msg);
    return this.reply(msg);
  }

  async handleAction(action: IncomingAction): Promise<ActionAnswer> {
    this.actions.push(action);
    return this.answer(action);
  }
}

/** Holds the messages `which` selects until the returned release() is called (a slow chat layer). */
export function holdMessages(chat: FakeChat, which: (msg: IncomingMessage) => boolean = () => true): () => void {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const handle = chat.handleMessage.bind(chat);
  chat.handleMessage = async (msg) => {
    if (which(msg)) await gate;
    return handle(msg);
  };
  return release;
}

/** Polls `check` every 10 ms until it returns true (real time: the adapter does real HTTP). */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A logger that keeps entries, to assert on warnings. */
export function recordingLogger(): {
  entries: Array<{ level: string; obj: object; msg: string | undefined }>;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
} {
  const entries: Array<{ level: string; obj: object; msg: string | undefined }> = [];
  const at = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
