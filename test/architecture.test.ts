import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The project's lint rules (ARCHITECTURE.md), checked on every test run. */
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

describe('architecture rules', () => {
  it('rule 1: nothing under src/ imports a platform library (grammy, discord.js, @discordjs/*, @grammyjs/*)', () => {
    const offenders = srcFiles.filter((f) => /from\s+['"](grammy|discord\.js|@discordjs\/[\w-]+|@grammyjs\/[\w-]+)['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('rule 3: time comes only from the Clock (no Date.now(), new Date() or timers in src/ outside clock.ts)', () => {
    const offenders = srcFiles
      .filter((f) => !f.endsWith(join('src', 'clock.ts')))
      .filter((f) => /Date\.now\(\)|new Date\(\)|\bset(Timeout|Interval)\(/.test(withoutComments(readFileSync(f, 'utf8'))));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('rule 8: source files stay small (at most 600 lines)', () => {
    const files = [...srcFiles, ...tsFiles(join(root, 'adapters'))];
    const large = files.filter((f) => readFileSync(f, 'utf8').split('\n').length > 600);
    expect(large.map((f) => relative(root, f))).toEqual([]);
  });
});
