import type { Owner, Origin } from '../core/job.js';
import { humanSessionId } from '../core/occurrence.js';
import type { ChatContext, IncomingMessage } from './message.js';

/** The human session a chat belongs to: `tg_<chatId>`, `dc_<chatId>`, `console_<chatId>`. */
export function sessionIdFor(who: Pick<ChatContext, 'platform' | 'chatId'>): string {
  return humanSessionId(who.platform, who.chatId);
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
