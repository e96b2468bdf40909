import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_DM, BOB_GROUP, makeChat } from './harness.js';

describe('/list', () => {
  it('in a private chat lists only the user’s own reminders, soonest first', async () => {
    const t = makeChat();
    await t.create(ALICE_DM, '/remind in 3 hours later thing');
    await t.create(ALICE_DM, '/remind in 1 hour sooner thing');
    await t.create(BOB_DM, '/remind in 2 hours bobs secret');
    const text = await t.sayText(ALICE_DM, '/list');
    expect(text).toContain('Your reminders (2)');
    expect(text.indexOf('sooner thing')).toBeLessThan(text.indexOf('later thing'));
    expect(text).not.toContain('bobs secret');
  });

  it('in a group lists that chat’s reminders, never anyone’s private ones', async () => {
    const t = makeChat();
    await t.create(ALICE_GROUP, '/remind in 1 hour group standup');
    await t.create(BOB_GROUP, '/remind in 2 hours bob group thing');
    await t.create(ALICE_DM, '/remind in 3 hours alice private');
    const text = await t.sayText(BOB_GROUP, '/list');
    expect(text).toContain('group standup');
    expect(text).toContain('bob group thing');
    expect(text).not.toContain('alice private');
  });

  it('an empty list says how to start', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/list')).toContain('/remind in 10 minutes');
  });

  it('shows paused reminders as paused', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour tea');
    await t.say(ALICE_DM, `/pause ${id}`);
    expect(await t.sayText(ALICE_DM, '/list')).toMatch(new RegExp(`${id} .*tea.*paused`));
  });
});

describe('/list shows rules and, with "all", the last 30 days', () => {
  it('each repeating reminder has its rule in words and its next time', async () => {
    const t = makeChat(); // Sunday 22 Nov 2026, 11:00 Berlin
    await t.create(ALICE_DM, '/remind every weekday at 9 standup');
    await t.create(ALICE_DM, '/remind every 2 weeks on tuesday at 8 payroll');
    await t.create(ALICE_DM, '/remind in 2 hours tea');
    const text = await t.sayText(ALICE_DM, '/list');
    expect(text).toMatch(/Mon 23 Nov 09:00 \(in 22 hours\) · standup · 🔁 every weekday at 09:00, Europe\/Berlin/);
    expect(text).toMatch(/Tue 24 Nov 08:00 .* · payroll · 🔁 every 2 weeks on Tuesday at 08:00, Europe\/Berlin/);
    expect(text).toMatch(/Sun 22 Nov 13:00 \(in 2 hours\) · tea$/m);
  });

  it('"every 2 hours at :15" is listed with its minute (was "every 2 hours")', async () => {
    const t = makeChat(); // Sunday 22 Nov 2026, 11:00 Berlin: the next :15 is 11:15, then 13:15
    await t.create(ALICE_DM, '/remind every 2 hours at :15 ping');
    const text = await t.sayText(ALICE_DM, '/list');
    expect(text).toMatch(/Sun 22 Nov 11:15 .* · ping · 🔁 every 2 hours at :15$/m);
  });

  it('repeats over a range of hours are listed in words, never as a cron pattern', async () => {
    const t = makeChat(); // Sunday 22 Nov 2026, 11:00 Berlin
    // 09:00, 10:00, … 17:00: 11:00 is now, so the first is 12:00 (the scheduler's first fire is strictly after now).
    await t.create(ALICE_DM, '/remind every hour between 9 and 5 stretch');
    await t.create(ALICE_DM, '/remind every 30 minutes between 9 and 5 on weekdays water'); // Mon 09:00 first
    await t.create(ALICE_DM, '/remind every 2 hours between 8 and 20 drink'); // 08:00, 10:00, … 20:00: next today 12:00
    const text = await t.sayText(ALICE_DM, '/list');
    expect(text).toMatch(/Sun 22 Nov 12:00 .* · stretch · 🔁 every hour from 09:00 to 17:00, Europe\/Berlin/);
    expect(text).toMatch(/Mon 23 Nov 09:00 .* · water · 🔁 every weekday, every 30 minutes from 09:00 to 17:00, Europe\/Berlin/);
    expect(text).toMatch(/Sun 22 Nov 12:00 .* · drink · 🔁 every 2 hours from 08:00 to 20:00, Europe\/Berlin/);
    expect(text).not.toContain('cron');
  });

  it('/list all adds what finished or was cancelled in the last 30 days, not older', async () => {
    const t = makeChat();
    const old = await t.create(ALICE_DM, '/remind in 1 hour old thing');
    await t.say(ALICE_DM, `/cancel ${old}`);
    await t.clock.advance(31 * 24 * 3600_000);
    const fired = await t.create(ALICE_DM, '/remind in 5 minutes stretch');
    await t.fire(fired);
    const gone = await t.create(ALICE_DM, '/remind every day at 9am vitamins');
    await t.say(ALICE_DM, `/cancel ${gone}`);
    await t.create(ALICE_DM, '/remind tomorrow at 10 dentist');
    const plain = await t.sayText(ALICE_DM, '/list');
    expect(plain).not.toContain('stretch');
    const all = await t.sayText(ALICE_DM, '/list all');
    expect(all).toContain('Your reminders (1)');
    expect(all).toContain('dentist');
    expect(all).toContain('Finished or cancelled in the last 30 days (2)');
    expect(all).toMatch(new RegExp(`${fired} · done Wed 23 Dec 11:05 · stretch`));
    expect(all).toMatch(new RegExp(`${gone} · cancelled Wed 23 Dec 11:05 · vitamins · 🔁 every day at 09:00, Europe/Berlin`));
    expect(all).not.toContain('old thing');
    expect(await t.sayText(ALICE_DM, '/list everything')).toContain('Example: /list all');
  });
});
