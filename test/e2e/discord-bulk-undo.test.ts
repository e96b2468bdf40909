import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { DiscordEmulator, type EmulatedMessage, type EmulatedUser } from '../emulators/discord/emulator.js';
import { startDiscordApp } from './fixtures/discord-app.js';

/**
 * /cancel takes up to 20 ids and offers an Undo for each, laid out 3 to a row (7 rows). Discord
 * takes 5 rows of 5 buttons and refuses a sixth row (400 Invalid Form Body, which the emulator
 * answers too): the sender cut the rows to 5, so the Undo of every id after the 15th was gone
 * without a word. The buttons now flow 5 to a row on Discord: 20 Undos in 4 rows.
 */

const sam: EmulatedUser = { id: '3001', username: 'sam' };
const str = (name: string, value: string) => ({ name, type: 3, value });
const sub = (name: string, options: unknown[] = []) => ({ name, type: 1, options });
type Row = { components: Array<{ custom_id: string; label: string }> };

describe('Discord: the Undos of a bulk /cancel', () => {
  let emu: DiscordEmulator;
  let app: App;
  let stopApp: () => Promise<void>;

  beforeEach(async () => {
    emu = await new DiscordEmulator().start();
    ({ app, stop: stopApp } = await startDiscordApp(emu, { dirPrefix: 'chime-dc-bulk-' }));
  });

  afterEach(() => stopApp());

  async function ask(name: string, options: unknown[]): Promise<EmulatedMessage> {
    const rec = emu.slashCommand({ user: sam, channelId: emu.generalChannel.id, name, options });
    await emu.waitForAnswer(rec, (r) => r.messages.some((m) => m.content !== ''), 8000);
    return rec.messages.find((m) => m.content !== '')!;
  }

  it('cancelling 20 reminders offers all 20 Undos within 5 rows, and the last one works', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const confirmation = await ask('remind', [str('when', `in ${i} hours`), str('what', `task ${i}`)]);
      ids.push(/\[([A-Za-z0-9_-]+)\]/.exec(confirmation.content)![1]!);
    }
    const answer = await ask('reminders', [sub('cancel', [str('id', ids.join(' '))])]);
    expect(answer.content).toContain('Cancelled 20 of 20');
    const rows = answer.components as Row[];
    expect(rows.length).toBeLessThanOrEqual(5);
    expect(rows.every((r) => r.components.length <= 5)).toBe(true);
    const labels = rows.flatMap((r) => r.components.map((b) => b.label));
    expect(labels).toEqual(ids.map((id) => `Undo ${id}`));

    const last = ids.at(-1)!;
    const undo = rows.flatMap((r) => r.components).find((b) => b.label === `Undo ${last}`)!;
    const rec = emu.pressButton({ user: sam, message: answer, customId: undo.custom_id });
    await emu.waitForAnswer(rec, (r) => r.callbacks.length > 0 && r.messages.some((m) => m.content.includes('Undone')), 8000);
    expect((await app.store.jobs.getJob(last))?.status).toBe('active');
    expect((await app.store.jobs.getJob(ids[0]!))?.status).toBe('cancelled');
  });

  it('the emulator refuses a sixth row of buttons, as Discord does', async () => {
    const res = await fetch(`${emu.apiUrl}/channels/${emu.generalChannel.id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${emu.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        content: 'x',
        components: Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [{ type: 2, style: 2, label: 'b', custom_id: `b${i}` }] })),
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: number }).code).toBe(50035);
  });
});
