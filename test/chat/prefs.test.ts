import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, BOB_GROUP, CAROL_ADMIN, makeChat } from './harness.js';

describe('/tz and /dateorder', () => {
  it('/tz sets the user zone and confirmations then show times in it', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/tz america/new_york')).toContain('America/New_York');
    expect(await t.sayText(ALICE_DM, '/remind in 2 hours x')).toContain('Sun 22 Nov 07:00 (in 2 hours)');
  });

  it('/tz passes the zone to the parser', async () => {
    const t = makeChat();
    await t.say(ALICE_DM, '/tz Asia/Tokyo');
    await t.create(ALICE_DM, '/remind in 2 hours x');
    expect([...t.scheduler.jobs.values()][0]!.timeZone).toBe('Asia/Tokyo');
  });

  it('an unknown zone is refused with an example', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/tz Mars/Olympus');
    expect(text).toContain('not a time zone');
    expect(text).toContain('Example: /tz Berlin');
    expect(await t.sayText(ALICE_DM, '/tz +02:00')).toContain('not a time zone');
  });

  it('/tz chat sets the chat default, admins only in groups; a member’s own zone still wins', async () => {
    const t = makeChat();
    expect(await t.sayText(BOB_GROUP, '/tz chat Asia/Tokyo')).toContain('Only a chat admin');
    expect(await t.sayText(CAROL_ADMIN, '/tz chat Asia/Tokyo')).toContain("This chat's default time zone is now Asia/Tokyo");
    expect(await t.sayText(BOB_GROUP, '/tz')).toContain('Asia/Tokyo');
    await t.say(ALICE_GROUP, '/tz Europe/London');
    expect(await t.sayText(ALICE_GROUP, '/tz')).toContain('Europe/London');
  });

  it('/dateorder accepts dmy|mdy and refuses anything else', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/dateorder mdy')).toContain('month first');
    expect(await t.sayText(ALICE_DM, '/dateorder')).toContain('mdy');
    expect(await t.sayText(ALICE_DM, '/dateorder ymd')).toContain('Example: /dateorder dmy');
    expect(await t.sayText(BOB_GROUP, '/dateorder chat mdy')).toContain('Only a chat admin');
  });
});
