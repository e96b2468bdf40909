import type { OutgoingMessage } from '../../src/delivery/sender.js';

/**
 * Plain-text rendering for a terminal. Buttons become `[id] Label` so a person can type the
 * id (or `/do id`) to press them.
 */
export function renderMessage(msg: OutgoingMessage, opts: { prefix?: string } = {}): string {
  const lines: string[] = [];
  if (msg.quote) {
    const quoted = msg.quote.text ?? msg.quote.link ?? `message ${msg.quote.messageId ?? ''}`.trim();
    lines.push(...quoted.split('\n').map((l) => `  │ ${l}`));
    if (msg.quote.link && msg.quote.text) lines.push(`  │ ${msg.quote.link}`);
  }
  const text = msg.text.split('\n');
  lines.push(...text.map((l, i) => (i === 0 && opts.prefix ? `${opts.prefix}${l}` : l)));
  for (const row of msg.actions ?? []) {
    if (row.length) lines.push(`  ${row.map((a) => `[${a.id}] ${a.label}`).join('   ')}`);
  }
  return `${lines.join('\n')}\n`;
}
