/**
 * Explicit schedule forms at the start of a request, shared with the core's spec parser:
 * `in:1h`, `at:2026-12-01T14:30:00`, `cron:30 2 * * *`, a bare 5-field cron, `every 30m`,
 * `every:30m`, `calendar:2w@2026-12-08T19:00:00` (as `chime parse` and the API print them), `@daily`. What follows the form is the reminder text.
 */

const NAME = '(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const CRON_FIELD = String.raw`(?:[\d*?][\d*,/\-#LW?]*|${NAME}(?:[-,]${NAME})*|L|\?)`;
/** Bounds the core's spec accepts after a trigger: `;from:…`, `;until:…`, `;count:5`. */
const BOUNDS = String.raw`(?:\s*;\s*(?:from|until|count):\S+)*`;
const EXPLICIT_RE = new RegExp(
  String.raw`^\s*(?:(?:remind|ping)\s+(?:me|us|@\S+|#\S+)\s+)?((?:` +
    // Every field-like word after `cron:` belongs to the pattern, so a 7th (a year) is refused
    // by the pattern check rather than read as the start of the reminder text.
    String.raw`in:\S+|at:\S+|every:\S+|calendar:\S+|cron:\s*${CRON_FIELD}(?:\s+${CRON_FIELD}){4,}|@(?:yearly|annually|monthly|weekly|daily|midnight|hourly)\b` +
    String.raw`|every\s+\d+(?:\.\d+)?\s*(?:ms|s|m|h|d|w)(?![a-z0-9])` +
    String.raw`|${CRON_FIELD}(?:\s+${CRON_FIELD}){4}` +
    String.raw`)${BOUNDS})(?=\s|$)`,
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
  if (!/^(in:|at:|cron:|calendar:|@|every)/i.test(spec)) {
    const fields = spec.replace(/\s*;.*$/, '').split(/\s+/);
    if (
      !fields.every(
        (f) => /[\d*?]/.test(f) || /^(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)([-,]\w{3})*$/i.test(f),
      )
    )
      return undefined;
    if (fields.filter((f) => /[\d*]/.test(f)).length < 3) return undefined;
  }
  if (/^cron:/i.test(spec)) spec = `cron:${spec.slice(5).trim()}`;
  const rest = text
    .slice(m.index + m[0].length)
    .replace(/^\s*(?:to|that|about|:|-)?\s*/i, '')
    .trim();
  return { spec, rest };
}

import type { Schedule, ScheduleBounds } from '../core/schedule.js';
import { isUserError } from '../core/errors.js';
import { parseScheduleSpec } from '../core/schedule-spec.js';

/** Schedule of an explicit spec via the core's spec parser, or the error it gives. */
export function explicitSchedule(
  spec: string,
  now: Date,
  zone: string,
): { schedule: Schedule; bounds: ScheduleBounds } | { error: string; example?: string } {
  try {
    return parseScheduleSpec(spec, { now, timeZone: zone });
  } catch (err) {
    if (isUserError(err)) return err.example ? { error: err.message, example: err.example } : { error: err.message };
    return { error: `I could not read "${spec}".`, example: 'in:1h' };
  }
}
