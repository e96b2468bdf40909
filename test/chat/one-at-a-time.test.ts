import { describe, expect, it } from 'vitest';
import { OneAtATime } from '../../src/chat/one-at-a-time.js';

describe('OneAtATime', () => {
  it('runs tasks of one key in order; a failed one does not hold up the next; other keys do not wait', async () => {
    const q = new OneAtATime();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = q.run('a', async () => {
      await gate;
      log.push('a1');
      throw new Error('boom');
    });
    const second = q.run('a', async () => void log.push('a2'));
    await q.run('b', async () => void log.push('b1'));
    expect(log).toEqual(['b1']);
    release();
    await expect(first).rejects.toThrow('boom');
    await second;
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });
});
