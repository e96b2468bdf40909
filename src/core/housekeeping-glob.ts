import picomatch from 'picomatch';
import { UserError } from './errors.js';

/**
 * picomatch set to housekeeping's rules: `*` and `?` never cross `/`, `**\/` matches any number
 * of directories (none included), `{a,b}` and `[0-9]`/`[!0-9]` as in the shell. Dotfiles are
 * files like any other (`dot`). A cleanup pattern says what to delete, so nothing in it may
 * mean more than it reads: no extglobs (`+(…)`), and a leading `!` is a character, not
 * "everything but" (`nonegate`). An unbalanced bracket or brace is refused (`strictBrackets`)
 * and an invalid class throws (`debug`) instead of compiling to a regexp that never matches.
 */
const OPTIONS: picomatch.PicomatchOptions = { dot: true, posix: true, noextglob: true, nonegate: true, strictBrackets: true, debug: true };

/**
 * picomatch compiles `(…)` into a regexp group even with extglobs off, so a file named
 * `report (1).csv` would not match its own name: parentheses are escaped to stay literal.
 */
function literalParens(pattern: string): string {
  return pattern.replace(/(?<!\\)[()]/g, '\\$&');
}

/** The regexp a housekeeping pattern matches relative paths (`/` separators) with. */
export function globToRegExp(pattern: string): RegExp {
  try {
    return picomatch.makeRe(literalParens(pattern), OPTIONS);
  } catch (err) {
    throw new UserError('cleanup.pattern', `The cleanup pattern "${pattern}" is malformed: ${(err as Error).message}.`, '**/*.{log,tmp}');
  }
}
