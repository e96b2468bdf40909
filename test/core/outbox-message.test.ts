import { describe, expect, it } from 'vitest';
import { fromOutboxContent, toOutboxContent } from '../../src/core/outbox-message.js';
import { mentionPart, outgoing, plainText, textMessage, textPart } from '../../src/core/outgoing-message.js';

const done = [[{ id: 'done:k7', label: 'Done' }]];

describe('outbox rows hold a structured message', () => {
  it('a mention survives the row: parts in meta, the plain rendering in text', () => {
    const msg = outgoing([textPart('⏰ '), mentionPart('501', 'Dr: *Who* 🦊'), textPart(': stretch')], {
      actions: done,
      quote: { messageId: '7', text: 'the plan' },
      silent: true,
    });
    const row = toOutboxContent(msg);
    expect(row.text).toBe('⏰ Dr: *Who* 🦊: stretch');
    expect(fromOutboxContent(JSON.parse(JSON.stringify(row)))).toEqual(msg);
  });

  it('a plain message is stored as text alone, as before', () => {
    expect(toOutboxContent(textMessage('hello'))).toEqual({ text: 'hello' });
    expect(fromOutboxContent({ text: 'hello' })).toEqual(textMessage('hello'));
  });

  it('a row of an earlier version (text + meta.mentions) is read with its mention over the addressee', () => {
    const msg = fromOutboxContent({
      text: '⏰ Sam Lee: stretch\n(2 hours late)',
      actions: done,
      meta: { mentions: ['501'], quote: { messageId: '7' }, ephemeral: true },
    });
    expect(msg).toEqual({
      parts: [textPart('⏰ '), mentionPart('501', 'Sam Lee'), textPart(': stretch\n(2 hours late)')],
      actions: done,
      quote: { messageId: '7' },
      ephemeral: true,
    });
    expect(plainText(msg)).toBe('⏰ Sam Lee: stretch\n(2 hours late)');
  });

  it('an earlier row whose text has no addressee is sent as its text, pinging nobody', () => {
    expect(fromOutboxContent({ text: 'no addressee here', meta: { mentions: ['501'] } })).toEqual(textMessage('no addressee here'));
  });

  it('unreadable stored parts fall back to the row text, which holds the same words', () => {
    expect(fromOutboxContent({ text: '⏰ Sam: x', meta: { parts: [{ type: 'bogus' }] } })).toEqual(textMessage('⏰ Sam: x'));
  });
});
