/**
 * Explicit schedule forms at the start of a request, shared with the core's spec parser:
 * `in:1h`, `at:2026-12-01T14:30:00`, `cron:30 2 * * *`, a bare 5-field cron, `every 30m`,
 * `@daily`. What follows the form is the reminder text.
 */

const CRON_FIELD = String.raw`(?:[\d*?][\d*,/\-#LW?]*|[a-z]{3}(?:[-,][a-z]{3})*|L|\?)`;
const EXPLICIT_RE = new RegExp(
  String.raw`^\s*(?:(?:remind|ping)\s+(?:me|us|@\S+|#\S+)\s+)?(` +
    String.raw`in:\S+|at:\S+|cron:\s*(?:\S+\s+){4,5}?\S+(?=\s|$)|@(?:yearly|annually|monthly|weekly|daily|midnight|hourly)\b` +
    String.raw`|every\s+\d+(?:\.\d+)?\s*(?:ms|s|m|h|d|w)(?![a-z0-9])` +
    String.raw`|${CRON_FIELD}(?:\s+${CRON_FIELD}){4}(?=\s|$)` +
    String.raw`)`,
  'i',
);

/** An explicit form found at the start: the spec and the text after it. */
export interface ExplicitMatch {
  spec: string;
  rest: string;
}

/** The explicit form at the start of `text`, if any. */
export function findExplicit(text: string): ExplicitMatch | undefined {
  const m = EXPLICIT_RE.exec(text);
  if (!m) return undefined;
  let spec = m[1]!.trim();
  // A bare 5-field "cron" needs at least one digit or star, so five words never count.
  if (!/^(in:|at:|cron:|@|every)/i.test(spec)) {
    const fields = spec.split(/\s+/);
    if (!fields.every((f) => /[\d*?]/.test(f) || /^(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)([-,]\w{3})*$/i.test(f))) return undefined;
    if (fields.filter((f) => /[\d*]/.test(f)).length < 3) return undefined;
  }
  if (/^cron:/i.test(spec)) spec = `cron:${spec.slice(5).trim()}`;
  const rest = text.slice(m.index + m[0].length).replace(/^\s*(?:to|that|about|:|-)?\s*/i, '').trim();
  return { spec, rest };
}

import { Cron } from 'croner';
import type { Schedule } from '../core/schedule.js';
import { tryParseDuration } from '../core/duration.js';
import { parseWallTime, fromWallTime } from '../core/zoned-time.js';

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

/** Schedule of an explicit spec, or an error message (local until schedule-spec.ts lands). */
export function explicitSchedule(spec: string, now: Date, zone: string): Schedule | { error: string; example: string } {
  const lower = spec.toLowerCase();
  if (lower.startsWith('in:')) {
    const ms = tryParseDuration(spec.slice(3));
    if (ms === undefined || ms <= 0) return { error: `"${spec}" is not a duration.`, example: 'in:1h30m' };
    return { kind: 'once', at: new Date(now.getTime() + ms) };
  }
  if (lower.startsWith('at:')) {
    const body = spec.slice(3);
    const wall = parseWallTime(body);
    if (wall) return { kind: 'once', at: fromWallTime(wall, zone) };
    const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/i.test(body) ? new Date(body) : undefined;
    if (withOffset && !Number.isNaN(withOffset.getTime())) return { kind: 'once', at: withOffset };
    return { error: `"${body}" is not a date and time.`, example: 'at:2026-12-01T14:30:00' };
  }
  if (lower.startsWith('every')) {
    const ms = tryParseDuration(spec.slice(5).trim());
    if (ms === undefined) return { error: `"${spec}" is not an interval.`, example: 'every 30m' };
    if (ms < 60_000) return { error: 'Reminders can repeat at most once a minute.', example: 'every 5m' };
    return { kind: 'interval', everyMs: ms, anchor: now };
  }
  const pattern = NICKNAMES[lower] ?? (lower.startsWith('cron:') ? spec.slice(5).trim() : spec);
  try {
    new Cron(pattern, { timezone: zone, paused: true });
  } catch (err) {
    return { error: `"${pattern}" is not a valid cron pattern: ${(err as Error).message}`, example: 'cron:30 2 * * *' };
  }
  return { kind: 'cron', pattern: lower.startsWith('@') ? lower : pattern };
}
