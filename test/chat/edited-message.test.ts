/**
 * Editing a message Chime acted on changes nothing: the answer says so, names what the
 * message set and the /edit that changes it. Before, the edit was ignored in silence and the
 * person believed "/remind at 5pm" edited to 6pm had moved the reminder.
 */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_GROUP, makeChat } from './harness.js';

describe('an edited message', () => {
  it('that set a reminder: nothing changes, and the answer names the reminder as it stays and the /edit', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/remind tomorrow at 17 call mom', { messageId: 'm1' });
    const [job] = [...t.scheduler.jobs.values()];
    const before = structuredClone(job);
    const replies = await t.chat.handleEditedMessage!({ ...ALICE_DM, messageId: 'm1', text: '/remind tomorrow at 18 call mom' });
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('Editing your message does not change what I set from it');
    expect(text).toContain(`[${job!.id}] call mom: next Mon 23 Nov 17:00`);
    expect(text).toContain(`/edit ${job!.id} <new time or text>`);
    expect(t.scheduler.jobs.get(job!.id)).toEqual(before);
    expect([...t.scheduler.jobs.values()]).toHaveLength(1);
  });

  it('a command that set nothing is told to send it again; plain text that set nothing gets no answer; another member is not told about Alice’s', async () => {
    const t = makeChat();
    await t.say(ALICE_GROUP, '/remind tomorrow at 17 standup', { messageId: 'g1' });
    const edit = (who: typeof ALICE_DM, messageId: string, text: string) => t.chat.handleEditedMessage!({ ...who, messageId, text });
    expect((await edit(ALICE_GROUP, 'g2', '/cancel j9'))[0]!.text).toContain('that edit changed nothing. Send it again as a new message');
    expect(await edit(ALICE_DM, 'd1', 'thanks!')).toEqual([]);
    const bob = (await edit(BOB_GROUP, 'g1', '/remind tomorrow at 18 standup')).map((r) => r.text).join('\n');
    expect(bob).not.toContain('standup');
  });
});
