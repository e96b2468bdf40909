import type { Action, MentionPart, OutgoingMessage, Part, Quote, TextPart } from './ports/sender.js';

/** A run of plain text. */
export function textPart(text: string): TextPart {
  return { type: 'text', text };
}

/** A mention of `userId`, shown as `name`. */
export function mentionPart(userId: string, name: string): MentionPart {
  return { type: 'mention', userId, name };
}

/** Options of a message besides its body; unset (or undefined) ones are left out. */
export interface MessageExtras {
  actions?: Action[][] | undefined;
  quote?: Quote | undefined;
  silent?: boolean | undefined;
  ephemeral?: boolean | undefined;
}

/** A message of parts, with only the extras that are set (exactOptionalPropertyTypes). */
export function outgoing(parts: Part[], extras: MessageExtras = {}): OutgoingMessage {
  const msg: OutgoingMessage = { parts: joinText(parts) };
  if (extras.actions?.length) msg.actions = extras.actions;
  if (extras.quote) msg.quote = extras.quote;
  if (extras.silent) msg.silent = true;
  if (extras.ephemeral !== undefined) msg.ephemeral = extras.ephemeral;
  return msg;
}

/** A message whose body is plain text. */
export function textMessage(text: string, extras: MessageExtras = {}): OutgoingMessage {
  return outgoing([textPart(text)], extras);
}

/** Neighbouring text runs merged and empty ones dropped, so equal messages have equal parts. */
function joinText(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.type === 'text' && part.text === '') continue;
    if (part.type === 'text' && last?.type === 'text') out[out.length - 1] = textPart(last.text + part.text);
    else out.push(part);
  }
  return out;
}

/**
 * The body as plain text, a mention shown as its name: what a terminal prints, what logs and
 * the outbox's text column (read by history and the CLI) hold. The one text rendering.
 */
export function plainText(msg: Pick<OutgoingMessage, 'parts'>): string {
  return msg.parts.map((p) => (p.type === 'text' ? p.text : p.name)).join('');
}

/** The users a message mentions, in order, each once. */
export function mentionedUsers(msg: Pick<OutgoingMessage, 'parts'>): string[] {
  return [...new Set(msg.parts.flatMap((p) => (p.type === 'mention' ? [p.userId] : [])))];
}
