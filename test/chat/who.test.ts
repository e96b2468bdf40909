import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/core/job.js';
import { parentSessionId } from '../../src/core/occurrence.js';
import { sessionIdFor } from '../../src/chat/who.js';

describe('session ids: a scheduled run names the same human session its chat runs in', () => {
  it.each([
    ['telegram', '10018049', 'tg_10018049'],
    ['discord', '42', 'dc_42'],
    ['console', 'local', 'console_local'],
  ])('%s chat %s is %s for the chat layer and for the run it scheduled', (platform, chatId, id) => {
    expect(sessionIdFor({ platform, chatId })).toBe(id);
    expect(parentSessionId({ origin: { platform, chatId } } as Job)).toBe(id);
  });
});
