import { mentionPart, outgoing, plainText, textPart } from './outgoing-message.js';
import type { OutgoingMessage, Part, Quote } from './ports/sender.js';
import type { OutboxMessage } from './run.js';

/** The columns of an outbox row that hold its message. */
export type OutboxContent = Pick<OutboxMessage, 'text' | 'actions' | 'meta'>;

/**
 * How a message is stored in an outbox row: `text` is its plain rendering (what history and
 * the CLI show), `actions` its buttons, and `meta` the rest. The parts are kept in `meta.parts`
 * only when the body is more than text (a mention), so a plain row stays as small as before.
 */
export function toOutboxContent(msg: OutgoingMessage): OutboxContent {
  const meta: Record<string, unknown> = {};
  if (msg.parts.some((p) => p.type !== 'text')) meta.parts = msg.parts;
  if (msg.quote) meta.quote = msg.quote;
  if (msg.silent) meta.silent = true;
  if (msg.ephemeral !== undefined) meta.ephemeral = msg.ephemeral;
  const content: OutboxContent = { text: plainText(msg) };
  if (msg.actions?.length) content.actions = msg.actions;
  if (Object.keys(meta).length) content.meta = meta;
  return content;
}

/**
 * The message an outbox row stands for. Reads both shapes: rows with `meta.parts`, and rows
 * queued by earlier versions (text plus `meta.mentions`), which must still go out after an
 * upgrade with their mention.
 */
export function fromOutboxContent(row: OutboxContent): OutgoingMessage {
  const meta = row.meta ?? {};
  const parts = storedParts(meta.parts) ?? legacyParts(row.text, meta.mentions) ?? [textPart(row.text)];
  return outgoing(parts, {
    actions: row.actions,
    quote: storedQuote(meta.quote),
    silent: meta.silent === true,
    ephemeral: typeof meta.ephemeral === 'boolean' ? meta.ephemeral : undefined,
  });
}

function storedParts(raw: unknown): Part[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const parts: Part[] = [];
  for (const p of raw as unknown[]) {
    if (!p || typeof p !== 'object') return undefined;
    const o = p as Record<string, unknown>;
    if (o.type === 'text' && typeof o.text === 'string') parts.push(textPart(o.text));
    else if (o.type === 'mention' && typeof o.userId === 'string' && typeof o.name === 'string') parts.push(mentionPart(o.userId, o.name));
    else return undefined;
  }
  return parts;
}

function storedQuote(raw: unknown): Quote | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  const quote: Quote = {};
  for (const k of ['messageId', 'text', 'link'] as const) if (typeof o[k] === 'string') quote[k] = o[k];
  return Object.keys(quote).length ? quote : undefined;
}

/**
 * Earlier versions stored a group reminder as "⏰ Sam: stretch" plus `meta.mentions: [userId]`,
 * the name being everything before the first ": " of the first line after an optional
 * symbol. Only such stored rows are read this way; new rows carry their parts.
 */
function legacyParts(text: string, mentions: unknown): Part[] | undefined {
  const userId = Array.isArray(mentions) && mentions.length > 0 ? String(mentions[0]) : undefined;
  if (userId === undefined) return undefined;
  const m = /^(\S+ )?([^:\n]{1,64}): /u.exec(text);
  if (!m?.[2]) return undefined;
  const prefix = m[1] ?? '';
  return [textPart(prefix), mentionPart(userId, m[2]), textPart(text.slice(prefix.length + m[2].length))];
}
