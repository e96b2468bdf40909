import { PassThrough } from 'node:stream';
import { textMessage } from '../../../src/core/outgoing-message.js';
import { describe, expect, it } from 'vitest';
import { BUTTON_HINT, INPUT_CLOSED, createConsoleAdapter } from '../../../adapters/console/console-adapter.js';
import { renderMessage } from '../../../adapters/console/render.js';
import { flushMicrotasks } from '../../../src/clock.js';
import { makeChat } from '../../chat/harness.js';

function setup(greet = false) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (d: Buffer) => (printed += d.toString()));
  const adapter = createConsoleAdapter({ input, output, userId: 'tester', keepAlive: false, greet });
  const t = makeChat();
  return { input, adapter, t, printed: () => printed };
}

async function type(s: ReturnType<typeof setup>, line: string): Promise<void> {
  s.input.write(`${line}\n`);
  await flushMicrotasks();
  await s.adapter.idle();
}

describe('console adapter', () => {
  it('renders buttons as [id] Label so they can be typed', () => {
    const text = renderMessage(
      textMessage('hi', {
        actions: [
          [
            { id: 's10:abc123', label: 'Snooze 10 min' },
            { id: 'done:abc123', label: 'Done' },
          ],
        ],
      }),
    );
    expect(text).toBe('hi\n  [s10:abc123] Snooze 10 min   [done:abc123] Done\n');
  });

  it('answers each piped line in order, as the stable console chat', async () => {
    const s = setup();
    await s.adapter.start(s.t.chat);
    await type(s, '/remind in 2 minutes stretch');
    await type(s, '/list');
    const out = s.printed();
    expect(out).toMatch(/Reminder set \[\w+\]: stretch/);
    expect(out.indexOf('Reminder set')).toBeLessThan(out.indexOf('Your reminders (1)'));
    const job = [...s.t.scheduler.jobs.values()][0]!;
    expect(job.origin).toMatchObject({ platform: 'console', chatId: 'console' });
    expect(job.owner.userId).toBe('tester');
    await s.adapter.stop();
  });

  it('typing a button’s number (or /do and its number, or its action id) presses it', async () => {
    const s = setup();
    await s.adapter.start(s.t.chat);
    await type(s, '/remind in 2 minutes stretch');
    const id = [...s.t.scheduler.jobs.keys()][0]!;
    const createUndo = /\[(\d+)\] Undo/.exec(s.printed())![1]!;
    await type(s, `/do s10:${id}`);
    expect(s.printed()).toContain('Snoozed until');
    // The snooze's own Undo puts the due time back.
    const snoozeUndo = [...s.printed().matchAll(/\[(\d+)\] Undo/g)].at(-1)![1]!;
    expect(snoozeUndo).not.toBe(createUndo);
    await type(s, snoozeUndo);
    expect(s.t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T10:02:00.000Z');
    await type(s, `/do ${createUndo}`);
    expect(s.t.scheduler.jobs.has(id)).toBe(false);
    await s.adapter.stop();
  });

  it('/list shows each rule in words and its next time; /list all also the cancelled ones', async () => {
    const s = setup();
    await s.adapter.start(s.t.chat);
    await type(s, '/remind every weekday at 9am standup');
    await type(s, '/remind in 1 hour tea');
    const tea = [...s.t.scheduler.jobs.keys()][1]!;
    await type(s, `/cancel ${tea}`);
    await type(s, '/list');
    expect(s.printed()).toMatch(/Mon 23 Nov 09:00 \(in 22 hours\) · standup · 🔁 every weekday at 09:00, Europe\/Berlin/);
    await type(s, '/list all');
    expect(s.printed()).toContain(`${tea} · cancelled Sun 22 Nov 11:00 · tea`);
    await s.adapter.stop();
  });

  it('greets once at start with the chat’s /start and says how to press a button', async () => {
    const s = setup(true);
    await s.adapter.start(s.t.chat);
    await flushMicrotasks();
    const out = s.printed();
    expect(out).toMatch(/^👋 Hi tester! I'm Chime/);
    expect(out).toContain('/help lists everything');
    expect(out).toContain(`${BUTTON_HINT}\n`);
    expect(out.split(BUTTON_HINT)).toHaveLength(2);
    await s.adapter.stop();
  });

  it('buttons are numbered; typing the number presses that button, even after newer messages', async () => {
    const s = setup();
    await s.adapter.start(s.t.chat);
    await type(s, '/remind in 2 minutes stretch');
    const id = [...s.t.scheduler.jobs.keys()][0]!;
    const confirmation = s.printed();
    // The confirmation's buttons: [1] Undo … (whatever the chat offers), numbered from 1.
    const undo = /\[(\d+)\] Undo/.exec(confirmation)?.[1];
    expect(undo).toBe('1');
    expect(confirmation).not.toContain(`undo:${id}`);
    // A delivered reminder prints later with the next numbers; [1] still means that Undo.
    await s.adapter.sender.send(
      { platform: 'console', chatId: 'console' },
      textMessage('⏰ other', { actions: [[{ id: 'done:zz', label: 'Done' }]] }),
    );
    const later = /\[(\d+)\] Done/.exec(s.printed())?.[1];
    expect(Number(later)).toBeGreaterThan(1);
    await type(s, '1');
    expect(s.t.scheduler.jobs.has(id)).toBe(false);
    await s.adapter.stop();
  });

  it('a number no button has is refused with the reason, and nothing is pressed', async () => {
    const s = setup();
    await s.adapter.start(s.t.chat);
    await type(s, '3');
    expect(s.printed()).toBe('(There is no button [3]: no buttons have been shown yet.)\n');
    await type(s, '/remind in 2 minutes stretch');
    const shown = [...s.printed().matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    const last = Math.max(...shown);
    await type(s, String(last + 5));
    expect(s.printed()).toContain(`(There is no button [${last + 5}]: the last one shown is [${last}].)`);
    expect(s.t.scheduler.jobs.size).toBe(1);
    await s.adapter.stop();
  });

  it('Ctrl-D in a terminal says that typing is no longer read (piped input ends silently)', async () => {
    const tty = setup();
    Object.assign(tty.input, { isTTY: true });
    await tty.adapter.start(tty.t.chat);
    tty.input.end();
    await flushMicrotasks();
    await new Promise((r) => setImmediate(r));
    expect(tty.printed()).toBe(`${INPUT_CLOSED}\n`);
    await tty.adapter.stop();
    const piped = setup();
    await piped.adapter.start(piped.t.chat);
    piped.input.end();
    await new Promise((r) => setImmediate(r));
    expect(piped.printed()).toBe('');
    await piped.adapter.stop();
  });

  it('the sender prints delivered reminders with their buttons', async () => {
    const s = setup();
    await s.adapter.start(s.t.chat);
    const ref = await s.adapter.sender.send(
      { platform: 'console', chatId: 'console' },
      textMessage('⏰ stretch', { actions: [[{ id: 'done:x1', label: 'Done' }]] }),
    );
    expect(ref.messageId).toMatch(/^c\d+$/);
    expect(s.printed()).toContain('⏰ stretch\n  [1] Done');
    await s.adapter.stop();
  });

  it('a bare night hour asks on the console too, and typing the shown button number switches it', async () => {
    const s = setup();
    await s.adapter.start(s.t.chat);
    await s.t.clock.advance(7 * 3_600_000); // 17:00 UTC, 18:00 in Berlin
    await type(s, 'remind me at 3 to pick up the kids');
    expect(s.printed()).toContain('Or did you mean 3 PM (15:00)?');
    const job = [...s.t.scheduler.jobs.values()][0]!;
    expect(job.nextRunAt!.toISOString()).toBe('2026-11-23T02:00:00.000Z'); // 03:00 Berlin
    const button = /\[(\d+)\] 3 PM instead/.exec(s.printed())![1]!;
    await type(s, button);
    expect(s.t.scheduler.jobs.get(job.id)!.nextRunAt!.toISOString()).toBe('2026-11-23T14:00:00.000Z'); // 15:00 Berlin
    await s.adapter.stop();
  });
});
