import type { Platform } from '../core/job.js';
import type { Sender } from '../core/ports/sender.js';
import type { ChatService } from './message.js';

/**
 * A chat platform plugged into Chime. Adapters only translate: platform updates into
 * IncomingMessage/IncomingAction for the ChatService, and the chat's replies (as OutgoingMessage,
 * see replyMessage) into platform calls through `sender`, which the outbox dispatcher also uses
 * for due reminders.
 */
export interface Adapter {
  platform: Platform;
  sender: Sender;
  /** Connects and starts handing messages to `chat`. Resolves once the adapter is ready. */
  start(chat: ChatService): Promise<void>;
  /** Stops receiving; in-flight handlers finish. */
  stop(): Promise<void>;
  /**
   * Whether the platform connection is up now (readiness: `/readyz`). Optional: an adapter
   * without it counts as connected once start() has resolved, until stop().
   */
  connected?(): boolean;
}
