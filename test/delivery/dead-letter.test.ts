import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { Job } from '../../src/core/job.js';
import type { OutboxMessage, OutboxRow } from '../../src/core/run.js';
import { deadLetterHandler } from '../../src/delivery/dead-letter.js';
import type { JobPatch } from '../../src/core/ports/job-store.js';
import { silentLogger } from '../../src/log.js';

function row(over: Partial<OutboxRow> = {}): OutboxRow {
  const now = new Date('2026-11-22T10:00:00Z');
  return {
    id: 1,
    key: 'j1:2026-11-22T10:00:00.000Z',
    jobId: 'j1',
    to: { platform: 'telegram', chatId: '-100' },
    text: 'hi',
    status: 'dead',
    attempts: 1,
    availableAt: now,
    createdAt: now,
    sentAt: null,
    lastError: null,
    sentRef: null,
    ...over,
  };
}

function setup(status: Job['status'] = 'active') {
  const job = {
    id: 'j1',
    name: 'stretch',
    status,
    owner: { platform: 'telegram', userId: '42' },
    origin: { platform: 'telegram', chatId: '-100', chatType: 'group' },
  } as unknown as Job;
  const patches: JobPatch[] = [];
  const queued: OutboxMessage[] = [];
  let woken = 0;
  const handler = deadLetterHandler({
    scheduler: {
      getJob: async (id) => (id === 'j1' ? job : undefined),
      updateJob: async (_id, patch) => {
        patches.push(patch);
        return { ...job, ...patch } as Job;
      },
    },
    store: { enqueueOutbox: (m) => void queued.push(...m) },
    clock: new ManualClock(),
    logger: silentLogger(),
    notice: (j, e, chat) => ({
      key: `undeliverable:${j.id}:${chat}`,
      jobId: j.id,
      to: { platform: 'telegram', chatId: '42' },
      text: e.message,
    }),
    onQueued: () => void woken++,
  });
  return { handler, patches, queued, woken: () => woken };
}

describe('dead letters', () => {
  it('an undeliverable message marks its active job failed and queues a notice for the creator', async () => {
    const t = setup();
    await t.handler(row(), new Error('bot was kicked'));
    expect(t.patches).toEqual([{ status: 'failed', lastError: 'Delivery to telegram chat -100 failed: bot was kicked', nextRunAt: null }]);
    expect(t.queued.map((m) => [m.key, m.to.chatId])).toEqual([['undeliverable:j1:-100', '42']]);
    expect(t.woken()).toBe(1);
  });

  it('a completed one-off whose message never arrived is failed too', async () => {
    const t = setup('completed');
    await t.handler(row(), new Error('chat not found'));
    expect(t.patches[0]).toMatchObject({ status: 'failed' });
  });

  it('a cancelled job keeps its status but records the error', async () => {
    const t = setup('cancelled');
    await t.handler(row(), new Error('chat not found'));
    expect(t.patches).toEqual([{ lastError: 'Delivery to telegram chat -100 failed: chat not found' }]);
  });

  it('a notice that cannot be delivered makes no further notice', async () => {
    const t = setup();
    await t.handler(row({ key: 'undeliverable:j1:-100', to: { platform: 'telegram', chatId: '42' } }), new Error('blocked'));
    expect(t.queued).toEqual([]);
  });

  it('rows without a job, or for a deleted job, are only logged', async () => {
    const t = setup();
    await t.handler(row({ jobId: null }), new Error('x'));
    await t.handler(row({ jobId: 'gone' }), new Error('x'));
    expect(t.patches).toEqual([]);
    expect(t.queued).toEqual([]);
  });
});
