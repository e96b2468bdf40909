import { describe, expect, it } from 'vitest';
import { stateVersion } from '../../src/core/job-version.js';
import { parseZoneActionId, zoneActionId } from '../../src/chat/zone-action-ids.js';
import { UserError } from '../../src/core/errors.js';
import { ALICE_DM, ALICE_GROUP, BOB_DM, CAROL_ADMIN, makeChat } from './harness.js';

// Sun 22 Nov 2026 10:00 UTC. New York is UTC-5 (EST), Tokyo UTC+9, Berlin UTC+1 in November.
const NEW_USER = { config: { defaultTimeZone: 'UTC' } };

function buttonIds(msgs: Array<{ actions?: Array<Array<{ id: string; label: string }>> }>): string[] {
  return msgs.flatMap((m) => (m.actions ?? []).flat().map((a) => a.id));
}
function buttonLabels(msgs: Array<{ actions?: Array<Array<{ id: string; label: string }>> }>): string[] {
  return msgs.flatMap((m) => (m.actions ?? []).flat().map((a) => a.label));
}
const tzButton = (zone: string) => zoneActionId({ verb: 'tz', zone })!;

describe('a new user is asked for their zone (first contact, private chat)', () => {
  it('/start asks, with buttons of common zones and "type a city"', async () => {
    const t = makeChat(NEW_USER);
    const out = await t.say(ALICE_DM, '/start');
    expect(out[0]!.text).toContain("I don't know your time zone yet, so I use UTC");
    expect(buttonLabels(out)).toEqual(expect.arrayContaining(['New York', 'London', 'India', 'Other: type a city']));
    expect(buttonIds(out)).toContain(tzButton('America/New_York'));
  });

  it('the first reminder is not held up: scheduled in the default zone, said so, zone buttons offered', async () => {
    const t = makeChat(NEW_USER);
    const out = await t.say(ALICE_DM, 'remind me tomorrow at 9 to call the bank');
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.nextRunAt).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(out[0]!.text).toContain('Mon 23 Nov 09:00');
    expect(out[0]!.text).toContain('so I use UTC');
    expect(out[0]!.actions![0]!.map((a) => a.label)).toEqual(['Undo', 'Edit']);
    expect(buttonIds(out)).toContain(tzButton('Europe/Berlin'));
    expect(out[0]!.actions!.length).toBeLessThanOrEqual(5); // Discord's limit of button rows
  });

  it('later confirmations do not ask again but name the default zone until one is chosen', async () => {
    const t = makeChat(NEW_USER);
    await t.say(ALICE_DM, '/remind in 1 hour tea');
    const second = await t.say(ALICE_DM, '/remind in 2 hours coffee');
    expect(second[0]!.text).toContain('Times in UTC, my default');
    expect(second[0]!.text).not.toContain("I don't know your time zone yet");
    expect(buttonIds(second)).not.toContain(tzButton('Europe/Berlin'));
    await t.say(ALICE_DM, '/tz London');
    const third = await t.sayText(ALICE_DM, '/remind in 3 hours cake');
    expect(third).not.toContain('🌍');
  });

  it('pressing a zone button sets it; "type a city" says how', async () => {
    const t = makeChat(NEW_USER);
    const answer = await t.press(ALICE_DM, tzButton('America/New_York'));
    expect(answer.replies?.[0]?.text).toContain('Your time zone is now America/New_York (it is Sun 22 Nov 05:00 there)');
    expect(await t.sayText(ALICE_DM, '/remind tomorrow at 9 standup')).toContain('Mon 23 Nov 09:00');
    expect([...t.scheduler.jobs.values()][0]!.nextRunAt).toEqual(new Date('2026-11-23T14:00:00Z'));
    const city = await t.press(ALICE_DM, zoneActionId({ verb: 'tzcity' })!);
    expect(city.replies?.[0]?.text).toContain('/tz Lisbon');
  });

  it('a city typed alone answers the question for a user without a zone', async () => {
    const t = makeChat(NEW_USER);
    expect(await t.sayText(ALICE_DM, 'Lisbon')).toContain('Your time zone is now Europe/Lisbon');
    expect(await t.sayText(ALICE_DM, 'Tokyo')).toContain('send /tz Tokyo');
    expect(await t.sayText(ALICE_DM, '/tz')).toContain('Europe/Lisbon');
    expect(await t.sayText(BOB_DM, 'Casey')).toContain("I didn't catch that"); // Antarctica/Casey only by /tz
  });
});

describe('/tz reads cities, ids and the shared abbreviation table', () => {
  it.each([
    ['berlin', 'Europe/Berlin'],
    ['new york', 'America/New_York'],
    ['sao paulo', 'America/Sao_Paulo'],
    ['São Paulo', 'America/Sao_Paulo'],
    ['san francisco', 'America/Los_Angeles'],
    ['mumbai', 'Asia/Kolkata'],
    ['delhi', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['europe/berlin', 'Europe/Berlin'],
    // The API's and CLI's rule (one canonical spelling); the chat wrote 'Us/Eastern' and 'Etc/Gmt+5' before.
    ['us/eastern', 'America/New_York'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    ['asia/calcutta', 'Asia/Kolkata'],
  ])('/tz %s is %s', async (input, zone) => {
    const t = makeChat(NEW_USER);
    expect(await t.sayText(BOB_DM, `/tz ${input}`)).toContain(`Your time zone is now ${zone}`);
  });

  it('/tz EST is New York with its summer time (as "9am EST" in a reminder), not a fixed-offset zone', async () => {
    const t = makeChat(NEW_USER);
    const text = await t.sayText(ALICE_DM, '/tz EST');
    expect(text).toContain('Your time zone is now America/New_York');
    expect(text).toContain('US Eastern time');
    await t.say(BOB_DM, '/tz London');
    await t.create(BOB_DM, '/remind tomorrow 9am EST standup');
    expect([...t.scheduler.jobs.values()][0]!.timeZone).toBe('America/New_York');
  });

  it.each([
    ['IST', ['Asia/Kolkata', 'Asia/Jerusalem', 'Europe/Dublin']],
    ['CST', ['America/Chicago', 'Asia/Shanghai', 'America/Havana']],
    ['BST', ['Europe/London', 'Asia/Dhaka']],
    ['portland', ['America/Los_Angeles', 'America/New_York']],
  ])('/tz %s is ambiguous: explained, one button per meaning, nothing set', async (name, zones) => {
    const t = makeChat(NEW_USER);
    const out = await t.say(ALICE_DM, `/tz ${name}`);
    expect(out[0]!.text).toContain('can mean several time zones');
    for (const zone of zones) expect(out[0]!.text).toContain(zone);
    expect(buttonIds(out)).toEqual(zones.map(tzButton));
    expect(await t.sayText(ALICE_DM, '/tz')).toContain("I don't know your time zone yet");
    const picked = await t.press(ALICE_DM, tzButton(zones[1]!));
    expect(picked.replies?.[0]?.text).toContain(`Your time zone is now ${zones[1]}`);
  });

  it('"9am IST" in a reminder is read as India, said so, with the other meanings as buttons', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/tz Berlin');
    const out = await t.say(ALICE_DM, '/remind tomorrow 9am IST call Priya');
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.timeZone).toBe('Asia/Kolkata');
    expect(out[0]!.text).toContain('IST read as India Standard Time');
    const toIsrael = zoneActionId({ verb: 'zjob', jobId: job.id, zone: 'Asia/Jerusalem', version: stateVersion(job) })!;
    expect(buttonIds(out)).toContain(toIsrael);
    await t.press(ALICE_DM, toIsrael);
    const moved = t.scheduler.jobs.get(job.id)!;
    expect(moved.timeZone).toBe('Asia/Jerusalem');
    expect(moved.nextRunAt).toEqual(new Date('2026-11-23T07:00:00Z')); // 09:00 in Israel (UTC+2)
  });

  it('the other meaning of the abbreviation, pressed after the reminder was snoozed, refuses and keeps the snooze', async () => {
    const t = makeChat(NEW_USER);
    const out = await t.say(ALICE_DM, '/remind tomorrow 9am IST standup');
    const job = [...t.scheduler.jobs.values()][0]!;
    const toIsrael = buttonIds(out).find((id) => id.startsWith('zjob:'))!;
    await t.say(ALICE_DM, `/snooze ${job.id} 2h`);
    const snoozed = t.scheduler.jobs.get(job.id)!;
    // 09:00 IST (03:30Z) two hours later: 05:30Z.
    expect(snoozed.nextRunAt).toEqual(new Date('2026-11-23T05:30:00Z'));
    const answer = await t.press(ALICE_DM, toIsrael);
    expect(answer.toast).toMatch(/changed after this message; nothing was done/);
    expect(t.scheduler.jobs.get(job.id)).toEqual(snoozed);
  });

  it('unknown names are refused with examples and change nothing', async () => {
    const t = makeChat(NEW_USER);
    const text = await t.sayText(ALICE_DM, '/tz Atlantis');
    expect(text).toContain('not a time zone or city I know');
    expect(text).toContain('Example: /tz Berlin');
  });
});

describe('confirmations name the zone when it is not the obvious one', () => {
  it('in a group without a chat zone the reader’s zone is named; with the chat’s own zone it is not', async () => {
    const t = makeChat();
    await t.say(ALICE_GROUP, '/tz Berlin');
    expect(await t.sayText(ALICE_GROUP, '/remind in 1 hour tea')).toContain('🌍 Times in Europe/Berlin.');
    await t.say(CAROL_ADMIN, '/tz chat Berlin');
    expect(await t.sayText(ALICE_GROUP, '/remind in 2 hours tea')).not.toContain('🌍');
  });
});

describe('a zone change offers to keep the reminders’ clock times', () => {
  async function standupThenMove(to = 'America/New_York') {
    const t = makeChat(NEW_USER);
    const id = await t.create(ALICE_DM, 'every weekday at 9 standup');
    expect(t.scheduler.jobs.get(id)!.nextRunAt).toEqual(new Date('2026-11-23T09:00:00Z'));
    const out = await t.say(ALICE_DM, `/tz ${to}`);
    return { t, id, out };
  }

  it('/tz America/New_York lists the 09:00 standup that would read 04:00, with both choices', async () => {
    const { t, id, out } = await standupThenMove();
    expect(out).toHaveLength(2);
    expect(out[1]!.text).toContain(`[${id}] standup: Mon 23 Nov 09:00 in UTC is Mon 23 Nov 04:00 in America/New_York`);
    expect(buttonLabels(out)).toEqual(['Keep clock times', 'Keep the moments']);
    expect(t.scheduler.jobs.get(id)!.timeZone).toBe('UTC'); // nothing changes before a choice
  });

  it('"Keep clock times" moves the schedule to the new zone: 09:00 New York, next run recomputed', async () => {
    const { t, id, out } = await standupThenMove();
    const answer = await t.press(ALICE_DM, out[1]!.actions![0]![0]!.id);
    expect(answer.edit?.text).toContain('Kept their clock times');
    const job = t.scheduler.jobs.get(id)!;
    expect(job.timeZone).toBe('America/New_York');
    expect(job.nextRunAt).toEqual(new Date('2026-11-23T14:00:00Z'));
  });

  it('a job running right now is named and left; the others move, and a second press moves it once it has finished', async () => {
    const t = makeChat(NEW_USER);
    const standup = await t.create(ALICE_DM, 'every weekday at 9 standup');
    const report = await t.create(ALICE_DM, 'every weekday at 10 report');
    const out = await t.say(ALICE_DM, '/tz America/New_York');
    // The scheduler refuses a schedule change under a run (JobOperations.updateJob): the report is running.
    const update = t.scheduler.updateJob.bind(t.scheduler);
    let running = true;
    t.scheduler.updateJob = async (id, patch) => {
      if (id === report && running) throw new UserError('job.busy', `Job ${id} is running right now.`);
      return update(id, patch);
    };
    const answer = await t.press(ALICE_DM, out[1]!.actions![0]![0]!.id);
    expect(t.scheduler.jobs.get(standup)!.timeZone).toBe('America/New_York');
    expect(t.scheduler.jobs.get(report)!.timeZone).toBe('UTC');
    expect(answer.edit?.text).toContain('Running right now, so not moved yet');
    expect(answer.edit?.text).toContain(`[${report}] report`);
    const again = answer.edit?.actions?.[0]?.[0];
    expect(again?.label).toBe('Keep clock times');
    running = false;
    const second = await t.press(ALICE_DM, again!.id);
    expect(t.scheduler.jobs.get(report)!.timeZone).toBe('America/New_York');
    expect(t.scheduler.jobs.get(report)!.nextRunAt).toEqual(new Date('2026-11-23T15:00:00Z')); // 10:00 New York
    expect(second.edit?.text).not.toContain('Running right now');
  });

  it('"Keep clock times" leaves a reminder set in the old zone on purpose after the offer', async () => {
    const { t, id, out } = await standupThenMove();
    await t.clock.advance(60_000);
    const later = await t.create(ALICE_DM, '/remind tomorrow at 9am UTC server check');
    const set = t.scheduler.jobs.get(later)!;
    expect(set).toMatchObject({ timeZone: 'UTC', nextRunAt: new Date('2026-11-23T09:00:00Z') });
    await t.press(ALICE_DM, t.button(out[1], 'Keep clock times'));
    expect(t.scheduler.jobs.get(id)!.timeZone).toBe('America/New_York');
    expect(t.scheduler.jobs.get(later)).toEqual(set);
  });

  it('"Keep the moments" changes nothing', async () => {
    const { t, id, out } = await standupThenMove();
    const before = structuredClone(t.scheduler.jobs.get(id));
    await t.press(ALICE_DM, out[1]!.actions![0]![1]!.id);
    expect(t.scheduler.jobs.get(id)).toEqual(before);
  });

  it('only the person who changed zone may choose', async () => {
    const { t, id, out } = await standupThenMove();
    const answer = await t.press(BOB_DM, out[1]!.actions![0]![0]!.id);
    expect(answer.toast).toContain('Only the person');
    expect(t.scheduler.jobs.get(id)!.timeZone).toBe('UTC');
  });

  it('a one-off keeps its clock time, unless that time has already passed in the new zone', async () => {
    const t = makeChat(NEW_USER);
    const dentist = await t.create(ALICE_DM, 'tomorrow at 9am dentist');
    const call = await t.create(ALICE_DM, 'today at 3pm call Bo');
    const out = await t.say(ALICE_DM, '/tz Tokyo');
    const answer = await t.press(ALICE_DM, out[1]!.actions![0]![0]!.id);
    expect(t.scheduler.jobs.get(dentist)!.nextRunAt).toEqual(new Date('2026-11-23T00:00:00Z')); // 09:00 Tokyo
    // 15:00 in Tokyo today was 06:00 UTC: already past, so it stays at 15:00 UTC.
    expect(t.scheduler.jobs.get(call)!.nextRunAt).toEqual(new Date('2026-11-22T15:00:00Z'));
    expect(answer.edit?.text).toContain('Already past in Asia/Tokyo');
  });

  it('a snoozed reminder keeps the moment it was snoozed to', async () => {
    const t = makeChat(NEW_USER);
    const id = await t.create(ALICE_DM, 'tomorrow at 9am dentist');
    await t.scheduler.snoozeJob(id, new Date('2026-11-23T09:30:00Z'));
    const out = await t.say(ALICE_DM, '/tz Tokyo');
    await t.press(ALICE_DM, out[1]!.actions![0]![0]!.id);
    const job = t.scheduler.jobs.get(id)!;
    expect(job.timeZone).toBe('Asia/Tokyo');
    expect(job.nextRunAt).toEqual(new Date('2026-11-23T09:30:00Z'));
  });

  it('no offer when no clock time moves (Berlin to Paris share their rules)', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/tz Berlin');
    await t.create(ALICE_DM, 'every weekday at 9 standup');
    expect(await t.say(ALICE_DM, '/tz Paris')).toHaveLength(1);
  });
});

describe('zone button ids', () => {
  it('round-trip zones and user ids with any characters, within Telegram’s 64 bytes', () => {
    for (const a of [
      { verb: 'tz', zone: 'America/Argentina/Rio_Gallegos' },
      { verb: 'zwall', userId: '123456789012345678', fromZone: 'America/North_Dakota/New_Salem' },
      { verb: 'zwall', userId: '123456789', fromZone: 'Europe/Berlin', offeredAt: 'mipb3k00' },
      { verb: 'zkeep', userId: 'jo.doe@host', fromZone: 'Etc/GMT+5' },
    ] as const) {
      const id = zoneActionId(a)!;
      expect(id).toMatch(/^[a-z]+:[A-Za-z0-9_-]+$/);
      expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
      expect(parseZoneActionId(id)).toEqual(a);
    }
    expect(parseZoneActionId('undo:abc123')).toBeUndefined();
  });
});
