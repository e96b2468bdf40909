import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The architecture rules (ARCHITECTURE.md) that an import graph cannot express. Who may import
 * whom is .dependency-cruiser.cjs, run by `npm run lint:layers`; the last test here checks that
 * those rules do catch a bad import.
 */
const root = join(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

const srcFiles = tsFiles(join(root, 'src'));
const withoutComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

/** The two clocks: the real one (core/system-clock.ts) and the manual one tests move (clock.ts). */
const CLOCK_FILES = [join('src', 'clock.ts'), join('src', 'core', 'system-clock.ts')];
/**
 * Browser code: the dashboard runs in the user's browser, where the server's injectable clock
 * does not reach; its relative times and retry timers use the browser's own clock by design.
 */
const BROWSER_DIR = join('src', 'dashboard');

describe('architecture rules', () => {
  it('rule 3: time comes only from the Clock (no Date.now(), new Date() or timers in src/ outside the two clocks)', () => {
    const offenders = srcFiles
      .filter((f) => !CLOCK_FILES.some((c) => f.endsWith(c)))
      .filter((f) => !relative(root, f).startsWith(BROWSER_DIR))
      .filter((f) => /Date\.now\(\)|new Date\(\)|\bset(Timeout|Interval)\(/.test(withoutComments(readFileSync(f, 'utf8'))));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('rule 8: source files stay small (at most 600 lines)', () => {
    const files = [...srcFiles, ...tsFiles(join(root, 'adapters'))];
    const large = files.filter((f) => readFileSync(f, 'utf8').split('\n').length > 600);
    expect(large.map((f) => relative(root, f))).toEqual([]);
  });
});

describe('layer rules (npm run lint:layers)', () => {
  const copy = mkdtempSync(join(tmpdir(), 'chime-layers-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  /** Each bad import, the file it goes into, and the rule that must name it. */
  const bad = [
    {
      rule: 'core-imports-only-core',
      file: 'src/core/text-limit.ts',
      code: "import type { ChimeStore } from '../store/open-store.js';\nexport type Leak = ChimeStore;",
    },
    {
      rule: 'store-imports-only-core',
      file: 'src/store/pref-row.ts',
      code: "import type { ParseResult } from '../nl/types.js';\nexport type Leak = ParseResult;",
    },
    { rule: 'only-adapters-import-platform-libraries', file: 'src/chat/paging.ts', code: "import 'grammy';" },
    { rule: 'only-the-composition-root-wires-adapters', file: 'src/delivery/clip.ts', code: "import '../../adapters/console/index.js';" },
    { rule: 'only-the-composition-root-wires-concrete-stores', file: 'src/nl/text.ts', code: "import '../store/sqlite/index.js';" },
    { rule: 'chat-imports-core-and-nl', file: 'src/chat/help.ts', code: "import '../delivery/backoff.js';" },
    { rule: 'dashboard-is-browser-code', file: 'src/dashboard/time.ts', code: "import '../core/duration.js';" },
    { rule: 'shared-imports-nothing', file: 'src/shared/span-words.ts', code: "import 'node:os';\nimport '../core/duration.js';" },
    { rule: 'adapters-translate-only', file: 'adapters/console/render.ts', code: "import '../../src/store/open-store.js';" },
    {
      rule: 'no-circular',
      file: 'src/core/ports/clock.ts',
      code: "import type { SystemClock } from '../system-clock.js';\nexport type Real = SystemClock;",
    },
  ];

  it('a copy of the tree with bad imports fails, each named by its rule, and nothing else is reported', async () => {
    for (const name of ['src', 'adapters']) cpSync(join(root, name), join(copy, name), { recursive: true });
    for (const name of ['.dependency-cruiser.cjs', 'tsconfig.json', 'package.json']) cpSync(join(root, name), join(copy, name));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    for (const b of bad) appendFileSync(join(copy, b.file), `\n${b.code}\n`);

    const run = await promisify(execFile)('npm', ['run', '--silent', 'lint:layers'], { cwd: copy, timeout: 120_000 }).then(
      (r) => ({ failed: false, output: r.stdout + r.stderr }),
      (err: { stdout?: string; stderr?: string }) => ({ failed: true, output: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
    );

    expect(run.failed, run.output).toBe(true);
    const reported = [...run.output.matchAll(/error ([\w-]+): (\S+) →/g)].map((m) => ({ rule: m[1] ?? '', from: m[2] ?? '' }));
    for (const b of bad) expect(reported, run.output).toContainEqual({ rule: b.rule, from: b.file });
    // Every violation comes from a planted import: the real tree is clean.
    const planted = new Set(bad.map((b) => b.file).concat('src/core/system-clock.ts'));
    expect(
      reported.filter((r) => !planted.has(r.from)),
      run.output,
    ).toEqual([]);
  }, 180_000);
});
