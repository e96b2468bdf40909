import { describe, expect, it } from 'vitest';
import { recentWindow } from '../../src/agent/conversation/memory-window.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

const key = { sessionId: 'tg_1', platform: 'telegram', userId: 'u' };

function storeWith(turns: number, size = 10) {
  const s = openSqliteStore(':memory:');
  for (let i = 1; i <= turns; i++) {
    s.conversations.append(
      key,
      [
        { role: 'user', content: `q${i}`.padEnd(size, '.'), entityType: 'HUMAN' },
        { role: 'assistant', content: `a${i}`.padEnd(size, '.'), entityType: 'HUMAN' },
      ],
      new Date(Date.UTC(2026, 10, 22, 10, i)),
    );
  }
  return s;
}

describe('the memory a turn sees', () => {
  it('is the last messages, oldest first, starting at a question', async () => {
    const s = storeWith(10);
    const w = await recentWindow(s.conversations, key, { maxMessages: 5, maxChars: 10_000 });
    // The last 5 messages start with an answer (a8): it lost its question and is dropped.
    expect(w.map((m) => m.content.replace(/\.+$/, ''))).toEqual(['q9', 'a9', 'q10', 'a10']);
    expect(w[0]!.role).toBe('user');
  });

  it('is bounded by characters too: old turns go first', async () => {
    const s = storeWith(10, 100);
    const w = await recentWindow(s.conversations, key, { maxMessages: 20, maxChars: 450 });
    expect(w.map((m) => m.content.slice(0, 3).replace(/\./g, ''))).toEqual(['q9', 'a9', 'q10', 'a10']);
  });

  it('is empty for a new conversation', async () => {
    expect(await recentWindow(storeWith(0).conversations, key, { maxMessages: 12, maxChars: 8000 })).toEqual([]);
  });
});
