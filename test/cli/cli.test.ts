import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chime-cli-'));
  env = { CHIME_DB: join(dir, 'data', 'chime.db'), LOG_LEVEL: 'silent', CHIME_TZ: 'Europe/Berlin' };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chime(...argv: string[]) {
  const io = captureIo(env);
  const code = await main(argv, io);
  return { code, out: io.out, err: io.err };
}

async function create(name: string, ...extra: string[]): Promise<string> {
  const r = await chime('jobs', 'create', '--name', name, ...extra, '--format', 'json');
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.out) as { id: string }).id;
}

async function listJson(...extra: string[]): Promise<Array<Record<string, unknown>>> {
  const r = await chime('jobs', 'list', '--format', 'json', ...extra);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Array<Record<string, unknown>>;
}

describe('chime CLI', () => {
  it('--help lists every command and exits 0; no arguments prints help and exits 1', async () => {
    const r = await chime('--help');
    expect(r.code).toBe(0);
    for (const c of [
      'start',
      'jobs list',
      'jobs create',
      'jobs update',
      'jobs delete',
      'jobs run',
      'jobs pause',
      'jobs resume',
      'jobs history',
      'jobs next',
      'jobs stats',
      'cleanup',
      'parse',
      'discord register',
    ]) {
      expect(r.out).toContain(`chime ${c}`);
    }
    expect((await chime()).code).toBe(1);
  });

  it('an unknown command or option goes to stderr with exit code 1', async () => {
    const a = await chime('jobs', 'frobnicate');
    expect(a.code).toBe(1);
    expect(a.err).toContain('Unknown command "chime jobs frobnicate"');
    const b = await chime('jobs', 'list', '--colour', 'red');
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/Unknown option '--colour'/);
    expect(b.err).toContain('Example: chime jobs list');
    expect(b.out).toBe('');
  });

  it('--version, -v and `version` print the package version and exit 0, from the sources and from bin/chime.js', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v', 'version']) {
      const r = await chime(flag);
      expect({ flag, code: r.code, out: r.out, err: r.err }).toEqual({ flag, code: 0, out: `chime ${version}\n`, err: '' });
    }
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/chime.js', '--version'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    expect(stdout).toBe(`chime ${version}\n`);
  });

  it("`chime help <command>` prints that command's usage, as `chime <command> --help` does; an unknown one is refused, exit 1", async () => {
    for (const words of [['jobs', 'list'], ['jobs', 'create'], ['parse'], ['events', 'tail'], ['start']]) {
      const viaHelp = await chime('help', ...words);
      const viaFlag = await chime(...words, '--help');
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.out).toBe(viaFlag.out);
      expect(viaHelp.out).toContain(`Usage: chime ${words.join(' ')}`);
    }
    const unknown = await chime('help', 'frobnicate');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
    expect(unknown.out).toBe('');
  });

  it('an unknown option names every valid option of that command', async () => {
    const r = await chime('jobs', 'list', '--colour', 'red');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Valid options: --status, --kind, --limit, --all, --format.');
    const p = await chime('parse', '--zone', 'Europe/Paris', 'tomorrow at 9am');
    expect(p.code).not.toBe(0);
    expect(p.err).toMatch(/Unknown option '--zone'/);
    expect(p.err).toContain('Valid options: --tz, --now, --json, --jsonl, --date-order, --help.');
    expect(p.out).toBe('');
  });

  it('chime parse refuses an option given twice instead of keeping the last one', async () => {
    const r = await chime('parse', '--tz', 'Europe/Paris', '--tz', 'Asia/Tokyo', 'tomorrow at 9am');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--tz is given twice ("Europe/Paris" and "Asia/Tokyo")');
    expect(r.out).toBe('');
  });

  it("--retries and --timeout take the API's bounds (0-100 retries, 1 s to 7 days): out of them is refused and nothing is stored", async () => {
    const before = (await listJson()).length;
    for (const [flag, value, message] of [
      ['--timeout', '99999999999999999999', '--timeout must be a whole number from 1000 to 604800000'],
      ['--timeout', '1', '--timeout must be a whole number from 1000 to 604800000'],
      ['--retries', '101', '--retries must be a whole number from 0 to 100'],
    ] as const) {
      const r = await chime('jobs', 'create', '--name', 'bounds', '--schedule', '@daily', '--text', 'x', flag, value);
      expect({ flag, value, code: r.code, err: r.err.split('\n')[0] }).toEqual({
        flag,
        value,
        code: 1,
        err: `Error: ${message} (got "${value}").`,
      });
    }
    expect((await listJson()).length).toBe(before);
    const id = await create('no retries', '--schedule', '@daily', '--text', 'x', '--retries', '0', '--timeout', '604800000');
    expect((await listJson()).find((j) => j.id === id)).toMatchObject({ retries: 0, timeoutMs: 604_800_000 });
    const update = await chime('jobs', 'update', '--id', id, '--timeout', '5');
    expect(update.code).toBe(1);
    expect((await listJson()).find((j) => j.id === id)).toMatchObject({ timeoutMs: 604_800_000 });
    expect((await chime('jobs', 'update', '--id', id, '--retries', '0', '--timeout', '1000')).code).toBe(0);
  });

  it('--tz EST or MST is refused naming the place to say (the runtime reads them as Panama and Phoenix, with no summer time), on create and update', async () => {
    const r = await chime('jobs', 'create', '--name', 'est', '--schedule', '@daily', '--text', 'x', '--tz', 'EST');
    expect(r.code).toBe(1);
    expect(r.err).toContain('America/New_York');
    const id = await create('zone kept', '--schedule', '@daily', '--text', 'x', '--tz', 'America/New_York');
    const u = await chime('jobs', 'update', '--id', id, '--tz', 'mst');
    expect(u.code).toBe(1);
    expect(u.err).toContain('America/Denver');
    expect((await listJson()).find((j) => j.id === id)).toMatchObject({ timeZone: 'America/New_York' });
  });

  it('a --text of only invisible characters is refused as a blank one is', async () => {
    for (const text of ['  ', '\u200b\u200b']) {
      const r = await chime('jobs', 'create', '--name', 'blank', '--schedule', '@daily', '--text', text);
      expect({ text, code: r.code }).toEqual({ text, code: 1 });
      expect(r.err).toContain('--text is empty');
    }
  });

  it('a bad configuration variable is named, exit code 1', async () => {
    const io = captureIo({ ...env, CHIME_MAX_CONCURRENT: 'abc' });
    expect(await main(['jobs', 'list'], io)).toBe(1);
    expect(io.err).toBe('Invalid configuration: CHIME_MAX_CONCURRENT must be a positive integer (got "abc")\n');
  });

  it('jobs create makes a reminder owned by the console user, in CHIME_TZ unless --tz', async () => {
    const id = await create('stretch', '--schedule', '5m', '--text', 'stand up and stretch', '--data', '{"level":2}');
    const job = (await listJson()).find((j) => j.id === id);
    expect(job).toMatchObject({
      name: 'stretch',
      kind: 'reminder',
      status: 'active',
      timeZone: 'Europe/Berlin',
      owner: { platform: 'console', userId: 'cli' },
      origin: { platform: 'console', chatId: 'console' },
      payload: { text: 'stand up and stretch', data: { level: 2 } },
    });
    expect(job?.nextRunAt).toBeTruthy();
    const cmd = await create('digest', '--schedule', '@daily', '--command', '/next', '--tz', 'America/New_York');
    expect((await listJson()).find((j) => j.id === cmd)).toMatchObject({ kind: 'command', timeZone: 'America/New_York' });
    const table = await chime('jobs', 'list');
    expect(table.out).toMatch(/^ID\s+NAME\s+KIND\s+STATUS/);
    expect(table.out).toContain(id);
  });

  it('jobs create rejects bad input with a friendly message and creates nothing', async () => {
    const before = (await listJson()).length;
    const bad = await chime('jobs', 'create', '--name', 'x', '--schedule', 'every blue moon', '--text', 'hi');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^Error: /);
    const both = await chime('jobs', 'create', '--name', 'x', '--schedule', '5m', '--text', 'a', '--command', '/b');
    expect(both.err).toContain('exactly one of --text');
    const json = await chime('jobs', 'create', '--name', 'x', '--schedule', '5m', '--text', 'a', '--data', '{oops');
    expect(json.err).toContain('--data is not valid JSON');
    const noName = await chime('jobs', 'create', '--schedule', '5m', '--text', 'a');
    expect(noName.err).toContain('--name is required');
    for (const blank of ['', '   ']) {
      const empty = await chime('jobs', 'create', '--name', 'x', '--schedule', 'in:30s', '--text', blank);
      expect(empty.code).toBe(1);
      expect(empty.err).toContain('text is empty');
    }
    expect((await listJson()).length).toBe(before);
  });

  it('jobs create --command refuses a command that could never run, with the reason, and creates nothing', async () => {
    const before = (await listJson()).length;
    const cases: Array<[string, string]> = [
      ['recall', '"recall" is not a command: a scheduled command starts with "/" (did you mean /recall?)'],
      ['/nosuchcommand', '/nosuchcommand is not a command I know. A scheduled job can run /list, /next'],
      ['/recall', "/recall can't be scheduled: scheduled runs never read your notes"],
    ];
    for (const [command, reason] of cases) {
      const r = await chime('jobs', 'create', '--name', 'x', '--schedule', '5m', '--command', command);
      expect(r.code, command).toBe(1);
      expect(r.err).toContain(reason);
      expect(r.out).toBe('');
    }
    expect((await listJson()).length).toBe(before);
  });

  it('jobs create and update hold --text and --command to CHIME_MAX_TEXT_LENGTH, the chat’s limit', async () => {
    const before = (await listJson()).length;
    const long = await chime('jobs', 'create', '--name', 'long', '--schedule', '5m', '--text', 'x'.repeat(1801));
    expect(long.code).toBe(1);
    expect(long.err).toBe(
      'Error: --text is too long (1801 characters, at most 1800).\nExample: --text "call the bank"   (or raise CHIME_MAX_TEXT_LENGTH)\n',
    );
    expect((await chime('jobs', 'create', '--name', 'c', '--schedule', '5m', '--command', `/remember ${'y'.repeat(1800)}`)).err).toContain(
      '--command is too long',
    );
    expect((await listJson()).length).toBe(before);
    const id = await create('fits', '--schedule', '5m', '--text', 'x'.repeat(1800));
    const upd = await chime('jobs', 'update', '--id', id, '--text', 'z'.repeat(1801));
    expect(upd.code).toBe(1);
    expect(upd.err).toContain('--text is too long (1801 characters, at most 1800)');
    expect((await listJson()).find((j) => j.id === id)?.payload).toMatchObject({ text: 'x'.repeat(1800) });
    const raised = captureIo({ ...env, CHIME_MAX_TEXT_LENGTH: '5000' });
    expect(await main(['jobs', 'update', '--id', id, '--text', 'z'.repeat(1801)], raised)).toBe(0);
  });

  it('jobs update changes the name and recomputes the next run from a new schedule', async () => {
    const id = await create('tea', '--schedule', '1h', '--text', 'tea');
    const before = (await listJson()).find((j) => j.id === id);
    const r = await chime('jobs', 'update', '--id', id, '--name', 'green tea', '--schedule', '2h');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Updated job ${id} "green tea"`);
    const after = (await listJson()).find((j) => j.id === id);
    expect(after?.name).toBe('green tea');
    expect(after?.nextRunAt).not.toBe(before?.nextRunAt);
    expect((await chime('jobs', 'update', '--id', 'nope0', '--name', 'x')).err).toContain('No job with id "nope0"');
  });

  it('jobs delete needs --confirm; a missing id is an error', async () => {
    const id = await create('temp', '--schedule', '10m', '--text', 'temp');
    const refused = await chime('jobs', 'delete', '--id', id);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('add --confirm');
    expect((await listJson()).some((j) => j.id === id)).toBe(true);
    expect((await chime('jobs', 'delete', '--id', id, '--confirm')).code).toBe(0);
    expect((await listJson()).some((j) => j.id === id)).toBe(false);
    expect((await chime('jobs', 'delete', '--id', id, '--confirm')).code).toBe(1);
  });

  it('jobs pause/resume one job, or all of them only with --all', async () => {
    const id = await create('walk', '--schedule', '30m', '--text', 'walk');
    expect((await chime('jobs', 'pause', '--id', id)).out).toContain(`Paused job ${id}`);
    expect((await listJson('--status', 'paused')).map((j) => j.id)).toContain(id);
    expect((await chime('jobs', 'resume', '--id', id)).code).toBe(0);
    // Without --id, nothing happens unless --all says so.
    const active = (await listJson('--status', 'active')).length;
    const bare = await chime('jobs', 'pause');
    expect(bare.code).toBe(1);
    expect(bare.err).toBe(
      'Error: Say which job to pause with --id, or add --all to pause every active job.\nExample: chime jobs pause --id k7m2qd   or   chime jobs pause --all\n',
    );
    expect((await listJson('--status', 'active')).length).toBe(active);
    expect((await chime('jobs', 'pause', '--id', id, '--all')).code).toBe(1);
    const all = await chime('jobs', 'pause', '--all');
    expect(all.out).toMatch(/^Paused \d+ jobs/);
    expect(await listJson('--status', 'active')).toEqual([]);
    expect((await chime('jobs', 'resume')).err).toContain('add --all to resume every paused job');
    expect((await listJson('--status', 'active')).length).toBe(0);
    await chime('jobs', 'resume', '--all');
    expect((await listJson('--status', 'paused')).length).toBe(0);
  });

  it('jobs run --wait runs now, records history and queues the message for delivery', async () => {
    const id = await create('ping', '--schedule', 'manual', '--text', 'ping!');
    const r = await chime('jobs', 'run', '--id', id, '--wait');
    expect(r.err).toBe('');
    expect(r.out).toMatch(new RegExp(`^Run \\S+ of job ${id}: success`));
    const hist = await chime('jobs', 'history', '--task', id, '--format', 'json');
    expect(JSON.parse(hist.out)).toMatchObject([{ jobId: id, status: 'success', trigger: 'manual' }]);
    const stats = JSON.parse((await chime('jobs', 'stats', '--format', 'json')).out) as { outboxPending: number };
    expect(stats.outboxPending).toBeGreaterThanOrEqual(1);
    expect((await chime('jobs', 'history', '--status', 'bogus')).code).toBe(1);
  });

  it('jobs next shows the coming fire times of a job', async () => {
    const id = await create('hourly', '--schedule', '@hourly', '--text', 'tick');
    const r = await chime('jobs', 'next', '--task', id, '--count', '3', '--format', 'json');
    const next = JSON.parse(r.out) as Array<{ jobId: string; at: string }>;
    expect(next).toHaveLength(3);
    expect(next.every((n) => n.jobId === id && new Date(n.at).getUTCMinutes() === 0)).toBe(true);
    expect((await chime('jobs', 'next')).out).toMatch(/^WHEN\s+JOB/);
  });

  it('jobs stats and cleanup --dry-run report without changing anything', async () => {
    const stats = await chime('jobs', 'stats');
    expect(stats.out).toMatch(/^Jobs: +active \d+/);
    const dry = await chime('cleanup', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Dry run: nothing was deleted. `chime cleanup` would remove:\n  0 runs of history finished before ');
    const real = await chime('cleanup', '--format', 'json');
    expect(JSON.parse(real.out)).toMatchObject({ dryRun: false, history: { runsDeleted: 0 } });
  });

  it('cleanup --dry-run counts the runs it would prune, and cleanup then prunes exactly those', async () => {
    const id = await create('twice', '--schedule', 'manual', '--text', 'twice');
    for (let i = 0; i < 3; i++) expect((await chime('jobs', 'run', '--id', id, '--wait')).code).toBe(0);
    const keepOne = { ...env, CHIME_HISTORY_KEEP_PER_JOB: '1' };
    const runsOf = async () => JSON.parse((await chime('jobs', 'history', '--task', id, '--format', 'json')).out) as unknown[];
    const beyond = async () => {
      const io = captureIo(keepOne);
      expect(await main(['cleanup', '--dry-run', '--format', 'json'], io)).toBe(0);
      return (JSON.parse(io.out) as { history: { runsDeleted: number } }).history.runsDeleted;
    };
    const wouldGo = await beyond();
    expect(wouldGo).toBeGreaterThanOrEqual(2); // this job's two older runs, and other jobs' beyond their newest
    expect(await runsOf()).toHaveLength(3);
    const dry = captureIo(keepOne);
    await main(['cleanup', '--dry-run'], dry);
    expect(dry.out).toContain(`  ${wouldGo} runs of history finished before `);
    expect(dry.out).toContain(', and beyond the newest 1 of each job');
    const real = captureIo(keepOne);
    await main(['cleanup'], real);
    expect(real.out).toContain(`Removed:\n  ${wouldGo} runs of history`);
    expect(await runsOf()).toHaveLength(1);
    expect(await beyond()).toBe(0);
  });

  it('cleanup cleans the directories of CHIME_CLEANUP_DIRS; --dry-run only reports', async () => {
    const exports = join(dir, 'exports');
    mkdirSync(exports, { recursive: true });
    writeFileSync(join(exports, 'old.csv'), 'a,b\n');
    writeFileSync(join(exports, 'new.csv'), 'a,b\n');
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    utimesSync(join(exports, 'old.csv'), tenDaysAgo, tenDaysAgo);
    const withDirs = { ...env, CHIME_CLEANUP_DIRS: JSON.stringify([{ directory: exports, pattern: '*.csv', maxAgeDays: 7 }]) };
    const dry = captureIo(withDirs);
    expect(await main(['cleanup', '--dry-run'], dry)).toBe(0);
    expect(dry.out).toContain(`  1 file, 4 bytes in ${exports} (*.csv, priority 100); 1 kept\n    old.csv\n`);
    expect(dry.out).toContain('Total: 0 runs, 0 messages, 1 file (4 bytes).');
    expect(existsSync(join(exports, 'old.csv'))).toBe(true);
    const real = captureIo(withDirs);
    expect(await main(['cleanup'], real)).toBe(0);
    expect(real.out).toMatch(/^Removed:\n/);
    expect(real.out).toContain(`  1 file, 4 bytes in ${exports} (*.csv, priority 100); 1 kept\n    old.csv\n`);
    expect(existsSync(join(exports, 'old.csv'))).toBe(false);
    expect(existsSync(join(exports, 'new.csv'))).toBe(true);
  });

  it('chime parse and chime discord register delegate to their modules', async () => {
    const p = await chime('parse', '--json', '--tz', 'UTC', '--now', '2026-11-22T10:00:00Z', 'in 2 hours stretch');
    expect(p.code).toBe(0);
    expect(JSON.parse(p.out)).toMatchObject({ ok: true, text: 'stretch' });
    const d = await chime('discord', 'register');
    expect(d.code).toBe(1);
    expect(d.err).toContain('DISCORD_TOKEN is not set');
  });

  it('every command reads the .env of Chime’s own directory, wherever it runs; relative CHIME_DB is relative to that directory', async () => {
    // An installed copy of Chime with its own .env, and commands run from elsewhere.
    const home = mkdtempSync(join(tmpdir(), 'chime-home-'));
    const install = join(home, 'chime');
    for (const part of ['bin', 'src', 'adapters', 'package.json']) cpSync(join(ROOT, part), join(install, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(install, 'node_modules'));
    writeFileSync(join(install, '.env'), 'CHIME_DB=./data/mine.db\nCHIME_TZ=Asia/Tokyo\n');
    const elsewhere = join(home, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, '.env'), 'CHIME_DB=./not-this.db\n'); // another project's .env
    const run = promisify(execFile);
    const bin = join(install, 'bin', 'chime.js');
    const base = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' };
    await run(process.execPath, [bin, 'jobs', 'create', '--name', 'dotenv', '--schedule', '@daily', '--text', 'x'], {
      cwd: elsewhere,
      env: base,
    });
    expect(existsSync(join(install, 'data', 'mine.db'))).toBe(true);
    expect(existsSync(join(elsewhere, 'not-this.db'))).toBe(false);
    expect(existsSync(join(elsewhere, 'data'))).toBe(false);
    // From a subdirectory of the install too (npx finds the bin from there).
    const { stdout } = await run(process.execPath, [bin, 'jobs', 'list', '--format', 'json'], { cwd: join(install, 'src'), env: base });
    expect(JSON.parse(stdout)).toMatchObject([{ name: 'dotenv', timeZone: 'Asia/Tokyo' }]);
    // The environment wins over the file; an empty answer names the database it looked in.
    const other = await run(process.execPath, [bin, 'jobs', 'list'], {
      cwd: elsewhere,
      env: { ...base, CHIME_DB: join(home, 'other.db') },
    });
    expect(other.stdout).toBe(`No jobs in ${join(home, 'other.db')}.\n`);
    rmSync(home, { recursive: true, force: true });
  }, 30_000);

  it('jobs list pages through many jobs in creation order: --limit stops (saying how many were left out), --all lists all', async () => {
    const big = join(dir, 'big', 'chime.db');
    const store = openSqliteStore(big);
    const made: string[] = [];
    store.db.transaction(() => {
      for (let i = 0; i < 1203; i++) {
        // Due times run backwards: the listing's order is creation, not due time.
        const at = new Date(Date.UTC(2030, 0, 1) - i * 60_000);
        made.push(
          store.jobs.createJob(
            {
              kind: 'reminder',
              name: `job ${i}`,
              payload: { text: `t${i}` },
              owner: { platform: 'console', userId: 'cli' },
              origin: { platform: 'console', chatId: 'console' },
              schedule: { kind: 'once', at },
              timeZone: 'UTC',
            },
            new Date(),
          ).id,
        );
      }
    })();
    store.close();
    const list = async (...extra: string[]) => {
      const io = captureIo({ ...env, CHIME_DB: big });
      const code = await main(['jobs', 'list', ...extra], io);
      return { code, out: io.out, err: io.err };
    };
    const all = await list('--all', '--format', 'json');
    expect(all.err).toBe('');
    expect((JSON.parse(all.out) as Array<{ id: string }>).map((j) => j.id)).toEqual(made);
    const some = await list('--limit', '501', '--format', 'json');
    expect((JSON.parse(some.out) as Array<{ id: string }>).map((j) => j.id)).toEqual(made.slice(0, 501));
    expect(some.err).toBe('Showed the first 501 of 1203 jobs (oldest first); --all lists every one, --limit N another number.\n');
    const table = await list();
    const lines = table.out.trimEnd().split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[1]).toMatch(new RegExp(`^${made[0]}\\s+job 0\\s`));
    expect(lines[1000]).toMatch(new RegExp(`^${made[999]}\\s+job 999\\s`));
    expect(table.err).toContain('Showed the first 1000 of 1203 jobs');
    const exact = await list('--limit', '1203', '--format', 'json');
    expect(exact.err).toBe('');
    const both = await list('--all', '--limit', '5');
    expect(both.code).toBe(1);
    expect(both.err).toContain('Give --limit or --all, not both.');
  }, 60_000);

  it('an empty list, history or schedule says which database it looked in', async () => {
    const io = captureIo({ ...env, CHIME_DB: join(dir, 'empty', 'chime.db') });
    expect(await main(['jobs', 'list', '--status', 'paused'], io)).toBe(0);
    expect(await main(['jobs', 'history'], io)).toBe(0);
    expect(await main(['jobs', 'next'], io)).toBe(0);
    const db = join(dir, 'empty', 'chime.db');
    expect(io.out).toBe(`No paused jobs in ${db}.\nNo runs in ${db}.\nNothing due in ${db}.\n`);
    // A relative CHIME_DB is relative to the project directory, and the message shows it resolved.
    const rel = captureIo({ ...env, CHIME_DB: 'empty/chime.db' }, dir);
    expect(await main(['jobs', 'list'], rel)).toBe(0);
    expect(rel.out).toBe(`No jobs in ${db}.\n`);
  });

  it('`node bin/chime.js` (what npx chime runs) works from a fresh process', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/chime.js', 'jobs', 'list', '--format', 'json'], {
      env: { ...process.env, ...env },
      cwd: join(import.meta.dirname, '..', '..'),
    });
    const jobs = JSON.parse(stdout) as Array<{ name: string }>;
    expect(jobs.map((j) => j.name)).toContain('stretch');
  });
});
