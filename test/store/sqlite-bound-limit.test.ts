import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../src/store/sqlite');

describe('SQLite store: a bound LIMIT', () => {
  it('goes through CAST in every statement: a bare `LIMIT ?` is prepared again at each run', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const bare = files.flatMap((f) =>
      readFileSync(join(DIR, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${f}:${i + 1}`, line }))
        .filter(({ line }) => !/^\s*(\*|\/\/)/.test(line) && /LIMIT\s+[?@$:]/.test(line)),
    );
    expect(bare).toEqual([]);
  });
});
