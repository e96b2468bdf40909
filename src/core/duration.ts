/**
 * Compact durations as people type them in specs and the CLI (`30s`, `5m`, `1h30m`, `1d`, `2w`)
 * and their display forms. Natural-language durations ("an hour and a half") live in src/nl.
 *
 * Decision: a bare number (`90`) is rejected: seconds or minutes is a guess we would get wrong
 * half the time, and the error names both spellings.
 */
import { UserError } from './errors.js';

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PART_RE = /(\d+(?:\.\d+)?)\s*(ms|secs?|s|mins?|m|hrs?|h|d|w)(?![a-z])/y;

/**
 * Parses a compact duration (`30s`, `5m`, `2h`, `1d`, `1w`, `1h30m`, `1h 30m`, `1.5h`, `500ms`;
 * case-insensitive) into milliseconds. Returns undefined when the text is not a duration, so
 * callers can try other forms; see {@link parseDuration} for the throwing variant.
 */
export function tryParseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (s.length === 0 || s.length > 64) return undefined;
  let pos = 0;
  let total = 0;
  let parts = 0;
  while (pos < s.length) {
    while (s[pos] === ' ') pos++;
    if (pos >= s.length) break;
    PART_RE.lastIndex = pos;
    const m = PART_RE.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2]!] ?? NaN);
    pos = PART_RE.lastIndex;
    parts++;
  }
  if (parts === 0 || !Number.isFinite(total)) return undefined;
  return Math.round(total);
}

/**
 * Like {@link tryParseDuration} but throws UserError `duration.invalid` for anything that is not
 * a positive compact duration (including bare numbers such as `90`).
 */
export function parseDuration(text: string): number {
  const ms = tryParseDuration(text);
  if (ms === undefined) {
    const bare = /^\s*\d+(\.\d+)?\s*$/.test(text);
    throw new UserError(
      'duration.invalid',
      bare
        ? `"${text.trim()}" has no unit: write ${text.trim()}s for seconds or ${text.trim()}m for minutes.`
        : `"${text}" is not a duration I understand. Use a number with s, m, h, d or w.`,
      '30s, 5m, 1h30m, 2h, 1d, 1w',
    );
  }
  if (ms <= 0) throw new UserError('duration.invalid', `A duration must be longer than zero ("${text}").`, '30s, 5m, 1h');
  return ms;
}

const DISPLAY_UNITS: Array<[number, string]> = [
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/**
 * A duration for people in chat: `2 h 30 min`, `1 d 3 h`, `45 s`, `250 ms`. Shows at most
 * `maxUnits` (default 2) of the largest non-zero units, truncating the rest
 * (1 h 2 min 3 s -> `1 h 2 min`). Negative durations get a leading `-`.
 */
export function formatDuration(ms: number, maxUnits = 2): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms, maxUnits)}`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  let rest = Math.floor(ms);
  const out: string[] = [];
  for (const [size, name] of DISPLAY_UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    // Zero units are skipped, so 1 d 0 h 5 min reads `1 d 5 min`.
    if (n > 0 && out.length < maxUnits) out.push(`${n} ${name}`);
  }
  return out.length > 0 ? out.join(' ') : '0 s';
}

const COMPACT_UNITS: Array<[number, string]> = [
  [604_800_000, 'w'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
  [1000, 's'],
  [1, 'ms'],
];

/**
 * The canonical compact spelling (`1h30m`, `2w`, `90s` -> `1m30s`, `1500ms` -> `1s500ms`), exact
 * for any whole number of milliseconds: `tryParseDuration(formatCompactDuration(x)) === x`.
 */
export function formatCompactDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest === 0) return '0s';
  let out = '';
  for (const [size, name] of COMPACT_UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) out += `${n}${name}`;
  }
  return out;
}
