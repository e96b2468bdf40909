/** The same text at the same time in the same chat asks before it is added again. */
import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_GROUP, makeChat } from './harness.js';

describe('duplicate reminders', () => {
  it('asks before adding the same reminder again; "Add anyway" adds it, "Cancel" does not', async () => {
    const t = makeChat();
    const first = await t.create(ALICE_DM, '/remind tomorrow at 9 call mom');
    const [question] = await t.say(ALICE_DM, 'remind me tomorrow at 9am to Call  Mom');
    expect(question!.text).toContain(`You already have this reminder in this chat: [${first}] call mom at Mon 23 Nov 09:00`);
    expect(question!.actions!.flat().map((a) => a.label)).toEqual(['Add anyway', 'Cancel']);
    expect(t.scheduler.jobs.size).toBe(1);
    const dropped = await t.press(ALICE_DM, t.button(question, 'Cancel'));
    expect(dropped.edit!.text).toContain('Not added');
    expect(t.scheduler.jobs.size).toBe(1);
    // The answered question cannot add later.
    expect((await t.press(ALICE_DM, t.button(question, 'Add anyway'))).toast).toContain('expired');
    expect(t.scheduler.jobs.size).toBe(1);

    const [again] = await t.say(ALICE_DM, '/remind tomorrow at 9 call mom');
    const added = await t.press(ALICE_DM, t.button(again, 'Add anyway'));
    expect(added.edit!.text).toMatch(/Reminder set \[\w+\]: call mom/);
    expect(t.scheduler.jobs.size).toBe(2);
  });

  it('another time, another text, or another chat is not a duplicate', async () => {
    const t = makeChat();
    await t.create(ALICE_DM, '/remind tomorrow at 9 call mom');
    expect(await t.sayText(ALICE_DM, '/remind tomorrow at 10 call mom')).toContain('Reminder set');
    expect(await t.sayText(ALICE_DM, '/remind tomorrow at 9 call dad')).toContain('Reminder set');
    expect(await t.sayText(ALICE_GROUP, '/remind tomorrow at 9 call mom')).toContain('Reminder set');
  });

  it('in a group, only the one who asked may answer', async () => {
    const t = makeChat();
    await t.create(ALICE_GROUP, '/remind tomorrow at 9 team call');
    const [question] = await t.say(ALICE_GROUP, '/remind tomorrow at 9 team call');
    expect((await t.press(BOB_GROUP, t.button(question, 'Add anyway'))).toast).toContain('Only the person who asked');
    expect(t.scheduler.jobs.size).toBe(1);
  });

  it('a repeating reminder with the same rule and text is a duplicate, one with another rule is not', async () => {
    const t = makeChat();
    await t.create(ALICE_DM, '/remind every weekday at 9 standup');
    expect(await t.sayText(ALICE_DM, '/remind every weekday at 9 standup')).toContain('You already have this reminder');
    expect(await t.sayText(ALICE_DM, '/remind every monday at 9 standup')).toContain('Reminder set');
  });

  it('"Add anyway" checks the quota when pressed: questions asked under the limit cannot add past it', async () => {
    const t = makeChat({ quotas: { maxRemindersPerUser: 2 } });
    await t.create(ALICE_DM, '/remind in 1 hour stretch');
    // Each ask passed the quota (1 of 2 live); answering all of them would make four.
    const questions = [];
    for (let i = 0; i < 3; i++) questions.push((await t.say(ALICE_DM, '/remind in 1 hour stretch'))[0]);
    const answers = [];
    for (const q of questions) answers.push(await t.press(ALICE_DM, t.button(q, 'Add anyway')));
    expect(answers[0]!.toast).toBe('Added');
    expect(answers[1]!.toast).toMatch(/already have 2 active reminders/);
    expect(answers[2]!.toast).toMatch(/already have 2 active reminders/);
    expect([...t.scheduler.jobs.values()].filter((j) => j.status === 'active')).toHaveLength(2);
    // The refused question still stands: once one is cancelled, it can be added.
    await t.sayText(ALICE_DM, `/cancel ${[...t.scheduler.jobs.keys()][0]}`);
    expect((await t.press(ALICE_DM, t.button(questions[1], 'Add anyway'))).toast).toBe('Added');
  });
});
