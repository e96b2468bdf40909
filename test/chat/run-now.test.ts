/**
 * /run delivers a reminder now as an extra: a one-off set for later still comes at its time.
 * Wired to the real scheduler, since the rule of what a manual run settles lives in core.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createChatService } from '../../src/chat/chat-service.js';
import { parse } from '../../src/nl/parse.js';
import { makeHarness } from '../core/scheduler-harness.js';
import { ALICE_DM } from './harness.js';

const harnesses: Array<ReturnType<typeof makeHarness>> = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

function makeRealChat() {
  const h = makeHarness({ start: '2026-12-02T22:02:10.474Z' }); // Wednesday 23:02 in Berlin
  harnesses.push(h);
  const chat = createChatService({
    scheduler: h.scheduler,
    notes: h.store.notes,
    prefs: h.store.prefs,
    clock: h.clock,
    parse,
    config: { defaultTimeZone: 'Europe/Berlin' },
    logger: { info() {}, warn() {}, error() {} },
  });
  let seq = 0;
  const say = async (text: string) =>
    (await chat.handleMessage({ ...ALICE_DM, messageId: String(++seq), text })).map((m) => m.text).join('\n');
  return { h, say };
}

describe('/run', () => {
  it('on a one-off due tomorrow at 10 delivers now and keeps tomorrow 10:00', async () => {
    const { h, say } = makeRealChat();
    await h.scheduler.start();
    const id = /\[([a-z0-9]+)\]/.exec(await say('/remind tomorrow at 10 passport'))![1]!;
    const due = new Date('2026-12-03T09:00:00.000Z'); // Thursday 10:00 Berlin
    expect((await h.scheduler.getJob(id))?.nextRunAt).toEqual(due);
    const reply = await say(`/run ${id}`);
    expect(reply).toContain('now');
    expect(reply).toContain('still comes Thu 3 Dec 10:00');
    await h.settle();
    expect(await h.scheduler.getJob(id)).toMatchObject({ status: 'active', nextRunAt: due });
    expect(await say('/list')).toContain(id);
    expect((await h.store.jobs.listOutbox()).map((o) => o.text)).toHaveLength(1);
  });
});
