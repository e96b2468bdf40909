/**
 * A small glob matcher for housekeeping patterns (`*.log`, `report-??.csv`, `**\/*.tmp`,
 * `*.{log,txt}`, `[0-9]*`). Node 20 has no stable `fs.glob`/`path.matchesGlob`, and the
 * patterns we need are few, so this stays dependency-free.
 *
 * `*` and `?` never cross `/`; `**\/` matches any number of directories (including none).
 */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slash = pattern[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) {
        re += '\\[';
      } else {
        let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else {
      re += c.replace(/[.+^$()|\\/]/g, '\\$&');
    }
    i++;
  }
  if (braces > 0) throw new Error(`glob: unclosed "{" in pattern "${pattern}"`);
  return new RegExp(`^${re}$`);
}

/** True when `relativePath` (with `/` separators) matches `pattern`. */
export function matchesGlob(relativePath: string, pattern: string): boolean {
  return globToRegExp(pattern).test(relativePath);
}
