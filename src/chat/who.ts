import type { Owner, Origin } from '../core/job.js';
import type { ChatContext, IncomingMessage } from './message.js';

/** Session id prefixes per platform (`tg_10018049`, `dc_<channel>`); logs and ghost sessions name the chat by them. */
const SESSION_PREFIX: Record<string, string> = { telegram: 'tg', discord: 'dc', console: 'console' };

/** The human session a chat belongs to: `tg_<chatId>`, `dc_<chatId>`, `console_<chatId>`. */
export function sessionIdFor(who: Pick<ChatContext, 'platform' | 'chatId'>): string {
  return `${SESSION_PREFIX[who.platform] ?? who.platform}_${who.chatId}`;
}

export function ownerOf(msg: ChatContext): Owner {
  return { platform: msg.platform, userId: msg.userId, name: msg.userName };
}

export function originOf(msg: IncomingMessage | ChatContext): Origin {
  const messageId = 'messageId' in msg ? msg.messageId : undefined;
  return {
    platform: msg.platform,
    chatId: msg.chatId,
    chatType: msg.chatType,
    ...(msg.threadId !== undefined ? { threadId: msg.threadId } : {}),
    ...(messageId !== undefined ? { messageId } : {}),
  };
}
