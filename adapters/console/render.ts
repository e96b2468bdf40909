import { plainText } from '../../src/core/outgoing-message.js';
import type { OutgoingMessage } from '../../src/core/ports/sender.js';

/**
 * Plain-text rendering for a terminal: the body as plainText (a mention shows as the name). Buttons become `[key] Label`, the key being what a person
 * types to press it: its number (from ButtonNumbers) when given, else its action id.
 */
export function renderMessage(msg: OutgoingMessage, opts: { prefix?: string; keys?: number[][] } = {}): string {
  const lines: string[] = [];
  if (msg.quote) {
    const quoted = msg.quote.text ?? msg.quote.link ?? `message ${msg.quote.messageId ?? ''}`.trim();
    lines.push(...quoted.split('\n').map((l) => `  │ ${l}`));
    if (msg.quote.link && msg.quote.text) lines.push(`  │ ${msg.quote.link}`);
  }
  const text = plainText(msg).split('\n');
  lines.push(...text.map((l, i) => (i === 0 && opts.prefix ? `${opts.prefix}${l}` : l)));
  (msg.actions ?? []).forEach((row, r) => {
    if (row.length) lines.push(`  ${row.map((a, c) => `[${opts.keys?.[r]?.[c] ?? a.id}] ${a.label}`).join('   ')}`);
  });
  return `${lines.join('\n')}\n`;
}
