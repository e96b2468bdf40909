import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, CAROL_ADMIN, makeChat } from './harness.js';

describe('/watch: the server makes the requests, so it is guarded', () => {
  it('in a group only an admin may start a watch', async () => {
    const t = makeChat();
    const refused = await t.sayText(ALICE_GROUP, '/watch https://example.com/health every 1m');
    expect(refused).toContain('only chat admins can use /watch');
    expect(t.scheduler.jobs.size).toBe(0);
    expect(await t.sayText(CAROL_ADMIN, '/watch https://example.com/health every 1m')).toContain('Watching');
    expect([...t.scheduler.jobs.values()].map((j) => j.kind)).toEqual(['poll_url']);
  });

  it('anyone may watch from a private chat', async () => {
    const t = makeChat();
    expect(await t.sayText(ALICE_DM, '/watch https://example.com/health')).toContain('Watching');
  });

  it.each([
    ['http://127.0.0.1:8080/admin', 'loopback'],
    ['http://localhost:9000/', 'this machine'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:10.0.0.5]/', 'private network'],
    ['http://192.168.1.1/', 'private network'],
  ])('refuses %s when created, with the reason, and creates nothing', async (url, why) => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, `/watch ${url}`);
    expect(text).toContain('I only watch public addresses');
    expect(text).toContain(why);
    expect(text).toContain('Example: /watch https://example.com');
    expect(t.scheduler.jobs.size).toBe(0);
  });

  it('an operator who allows private addresses can watch their own network', async () => {
    const t = makeChat({ config: { watchAllowPrivate: true } });
    expect(await t.sayText(ALICE_DM, '/watch http://127.0.0.1:8080/health')).toContain('Watching');
    expect(t.scheduler.jobs.size).toBe(1);
  });
});
