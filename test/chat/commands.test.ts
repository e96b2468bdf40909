import { describe, expect, it } from 'vitest';
import { ALICE_DM, ALICE_GROUP, makeChat } from './harness.js';

describe('management commands', () => {
  it('/cancel cancels and says what', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour tea');
    expect(await t.sayText(ALICE_DM, `/cancel ${id}`)).toBe(`🗑 Cancelled [${id}]: tea`);
    expect(t.scheduler.jobs.get(id)!.status).toBe('cancelled');
    expect(await t.sayText(ALICE_DM, `/cancel ${id}`)).toContain('already cancelled');
  });

  it('/pause then /resume', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind every 1 hours tea');
    await t.say(ALICE_DM, `/pause ${id}`);
    expect(await t.sayText(ALICE_DM, `/pause ${id}`)).toContain('not active');
    expect(await t.sayText(ALICE_DM, `/resume ${id}`)).toContain('Resumed');
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
    expect(await t.sayText(ALICE_DM, `/resume ${id}`)).toContain('not paused');
  });

  it('/snooze <id> <duration> moves the next run that much after its due time', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour tea'); // due 12:00 Berlin
    expect(await t.sayText(ALICE_DM, `/snooze ${id} 30m`)).toContain('until Sun 22 Nov 12:30 (in 1 hour 30 minutes)');
    expect(t.scheduler.jobs.get(id)!.nextRunAt!.toISOString()).toBe('2026-11-22T11:30:00.000Z');
  });

  it('/edit with a time reschedules, with words changes the text', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour tea');
    expect(await t.sayText(ALICE_DM, `/edit ${id} in 3 hours`)).toContain('Sun 22 Nov 14:00 (in 3 hours)');
    expect(await t.sayText(ALICE_DM, `/edit ${id} green tea`)).toContain('green tea');
    const job = t.scheduler.jobs.get(id)!;
    expect(job.payload).toEqual({ text: 'green tea' });
    expect(job.nextRunAt!.toISOString()).toBe('2026-11-22T13:00:00.000Z');
  });

  it('/edit with an unreadable time shows the parser message instead of replacing the text', async () => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour tea');
    expect(await t.sayText(ALICE_DM, `/edit ${id} at 25:99`)).toContain('text: …');
    expect(t.scheduler.jobs.get(id)!.payload).toEqual({ text: 'tea' });
  });

  it('/next shows what fires next; /list in a group with nothing is friendly', async () => {
    const t = makeChat();
    await t.create(ALICE_DM, '/remind in 3 hours b');
    await t.create(ALICE_DM, '/remind in 1 hour a');
    const text = await t.sayText(ALICE_DM, '/next');
    expect(text.indexOf(' a')).toBeLessThan(text.indexOf(' b'));
    expect(await t.sayText(ALICE_GROUP, '/list')).toContain('No reminders in this chat');
  });

  it('/watch creates a poll_url job with url, method, expected status and interval', async () => {
    const t = makeChat();
    const text = await t.sayText(ALICE_DM, '/watch https://example.com/health every 30s');
    expect(text).toContain('every 30 seconds');
    const job = [...t.scheduler.jobs.values()][0]!;
    expect(job.kind).toBe('poll_url');
    expect(job.payload).toEqual({ url: 'https://example.com/health', method: 'GET', expected_status: 200, interval_seconds: 30 });
  });
});

describe('bad input never crashes and changes nothing', () => {
  const BAD: string[] = [
    '/cancel',
    '/cancel ../../etc',
    `/cancel ${'x'.repeat(500)}`,
    '/pause',
    '/resume nope',
    '/snooze',
    '/snooze ID',
    '/run',
    '/edit',
    '/history nope',
    '/tz Not/AZone',
    '/dateorder yes',
    '/forget -1',
    '/forget 99999999999999999999',
    '/remember',
    '/watch',
    '/watch notaurl',
    '/watch ftp://x.org',
    '/watch https://x.org every fortnight',
    '/watch https://x.org every 1s',
    '/remind',
    '/remind \u0000\u0001',
    '/remind in 99999999999999999999 days x',
    `/${'a'.repeat(40)}`,
    `/remind ${'🙂'.repeat(5000)}`,
  ];
  it.each(BAD)('%s gets a friendly answer', async (text) => {
    const t = makeChat();
    const id = await t.create(ALICE_DM, '/remind in 1 hour keep me');
    const before = JSON.stringify([...t.scheduler.jobs.values()]);
    const out = await t.say(ALICE_DM, text);
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]!.text).not.toContain('Something went wrong');
    expect(JSON.stringify([...t.scheduler.jobs.values()])).toBe(before);
    expect(t.scheduler.jobs.get(id)!.status).toBe('active');
    expect(t.errors).toEqual([]);
  });

  it('an unexpected failure is logged and the user told nothing changed', async () => {
    const t = makeChat();
    t.scheduler.listJobs = async () => {
      throw new Error('database is locked');
    };
    expect(await t.sayText(ALICE_DM, '/list')).toBe('⚠️ Something went wrong, nothing was changed. Please try again.');
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ chatId: '100', userId: '100' });
  });
});
