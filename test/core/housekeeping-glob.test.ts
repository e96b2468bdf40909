import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../src/core/housekeeping-glob.js';

/**
 * The patterns housekeeping documents (`*.log`, `report-??.csv`, `**\/*.tmp`, `*.{log,txt}`,
 * `[0-9]*`) and the edges a cleanup rule must not get wrong: a pattern that matches more than
 * it says deletes files nobody meant to delete.
 */
const table: Array<[pattern: string, path: string, matches: boolean]> = [
  ['*.log', 'a.log', true],
  ['*.log', 'd/a.log', false], // * stays within a directory
  ['*.log', 'a.log.gz', false],
  ['*.log', '.hidden.log', true], // dotfiles are files like any other
  ['*', 'a', true],
  ['*', 'd/a', false],
  ['report-??.csv', 'report-07.csv', true],
  ['report-??.csv', 'report-7.csv', false],
  ['report-??.csv', 'report-007.csv', false],
  ['r?.csv', 'r7.csv', true],
  ['r?.csv', 'r/.csv', false], // ? never crosses /
  ['**/*.tmp', 'x.tmp', true], // **/ matches no directory too
  ['**/*.tmp', 'd/e/x.tmp', true],
  ['**/*.tmp', 'd/x.log', false],
  ['d/**/*.log', 'd/a.log', true],
  ['d/**/*.log', 'd/e/f/a.log', true],
  ['d/**/*.log', 'e/a.log', false],
  ['d/*.log', 'd/a.log', true],
  ['d/*.log', 'd/e/a.log', false],
  ['*.{log,txt}', 'a.txt', true],
  ['*.{log,txt}', 'a.log', true],
  ['*.{log,txt}', 'a.csv', false],
  ['**/*.{tmp,log}', 'd/a.tmp', true],
  ['[0-9]*', '7-days.csv', true],
  ['[0-9]*', 'a7.csv', false],
  ['r[0-5].csv', 'r7.csv', false],
  ['[!0-9]*', 'a7.csv', true], // [!…] negates the class
  ['[!0-9]*', '7.csv', false],
  // Characters that are plain in a file name stay plain:
  ['report (1).csv', 'report (1).csv', true],
  ['report (1).csv', 'report 1.csv', false],
  ['!keep.log', '!keep.log', true], // a leading ! is not "everything but"
  ['!keep.log', 'other.log', false],
  ['a+b.log', 'a+b.log', true],
  ['a+b.log', 'aab.log', false],
  ['a.log', 'abl og', false],
  ['a.log', 'axlog', false], // . is a dot, not any character
  ['$x^.log', '$x^.log', true],
];

describe('housekeeping glob patterns', () => {
  it.each(table)('%s against %s → %s', (pattern, path, matches) => {
    expect(globToRegExp(pattern).test(path)).toBe(matches);
  });

  it('a malformed pattern is refused when compiled, not matched as something else', () => {
    expect(() => globToRegExp('*.{log')).toThrow(/\{/);
    expect(() => globToRegExp('r[z-a].csv')).toThrow();
  });
});
