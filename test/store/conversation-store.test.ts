import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationKey, ConversationStore } from '../../src/core/ports/conversation-store.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { T0 } from './contract.js';
import { PG_URL, describePg, dropSchema, freshSchema } from './pg-harness.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';

const alice: ConversationKey = { sessionId: 'tg_1', platform: 'telegram', userId: 'alice' };
const bob: ConversationKey = { sessionId: 'tg_1', platform: 'telegram', userId: 'bob' };
const at = (min: number): Date => new Date(T0.getTime() + min * 60_000);
const DAY = 24 * 60;

/** The conversation store's contract, the same on SQLite and PostgreSQL. */
function contract(open: () => Promise<{ store: ConversationStore; close: () => Promise<void> | void }>): void {
  let close: (() => Promise<void> | void) | undefined;
  const opened = async (): Promise<ConversationStore> => {
    const o = await open();
    close = o.close;
    return o.store;
  };
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('keeps each person of a session apart and returns the newest N oldest first', async () => {
    const store = await opened();
    for (let i = 1; i <= 5; i++) {
      await store.append(
        alice,
        [
          { role: 'user', content: `q${i}`, entityType: 'HUMAN' },
          { role: 'assistant', content: `a${i}`, entityType: 'HUMAN' },
        ],
        at(i),
      );
    }
    await store.append(bob, [{ role: 'user', content: 'bob only', entityType: 'HUMAN' }], at(1));
    const last = await store.recent(alice, 3);
    expect(last.map((m) => m.content)).toEqual(['a4', 'q5', 'a5']);
    expect(last[2]).toMatchObject({ role: 'assistant', entityType: 'HUMAN', createdAt: at(5) });
    expect((await store.recent(bob, 10)).map((m) => m.content)).toEqual(['bob only']);
    expect(await store.recent({ ...alice, userId: 'nobody' }, 10)).toEqual([]);
  });

  it('prunes messages by age (a dry run only counts), and a conversation pruned empty starts afresh', async () => {
    const store = await opened();
    await store.append(alice, [{ role: 'user', content: 'old', entityType: 'HUMAN' }], at(0));
    await store.append(alice, [{ role: 'assistant', content: 'resumed', entityType: 'SCHEDULER' }], at(40 * DAY));
    await store.append(bob, [{ role: 'user', content: 'old bob', entityType: 'HUMAN' }], at(0));
    expect(await store.prune(at(30 * DAY), { dryRun: true })).toBe(2);
    expect((await store.recent(bob, 10)).length).toBe(1);
    expect(await store.prune(at(30 * DAY))).toBe(2);
    expect((await store.recent(alice, 10)).map((m) => [m.content, m.entityType])).toEqual([['resumed', 'SCHEDULER']]);
    expect(await store.recent(bob, 10)).toEqual([]);
    await store.append(bob, [{ role: 'user', content: 'new bob', entityType: 'HUMAN' }], at(41 * DAY));
    expect((await store.recent(bob, 10)).map((m) => m.content)).toEqual(['new bob']);
  });
}

describe('conversation store (SQLite)', () => {
  contract(async () => {
    const s = openSqliteStore(':memory:');
    return { store: s.conversations, close: () => s.close() };
  });
});

describePg('conversation store (PostgreSQL)', () => {
  contract(async () => {
    const schema = freshSchema();
    const s = await openPostgresStore(PG_URL, { schema, poolSize: 2 });
    return {
      store: s.conversations,
      close: async () => {
        await s.close();
        await dropSchema(schema);
      },
    };
  });
});
