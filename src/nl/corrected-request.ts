/**
 * A refusal's example as the person's own request, corrected: their words with only the time
 * phrase replaced by one that reads exactly ("remind me to pay rent tomorrow at midnight" ->
 * "remind me to pay rent on dec 5 at 00:00"), so it can be copied back as it is. The task text
 * is never lost from the example.
 */
import { GLUE } from './text.js';
import { originalSpan, type Normalized } from './shorthand.js';

/**
 * `input` with the time words at `spans` (normalised coordinates) replaced by `when`: the first
 * run of time words (runs joined by glue only are one) takes `when`, later runs are cut.
 */
export function correctedRequest(input: string, norm: Normalized, spans: Array<[number, number]>, when: string): string {
  const runs: Array<[number, number]> = [];
  for (const [s, e] of [...spans].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0])) {
    const [from, to] = originalSpan(norm, s, e);
    const last = runs[runs.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else if (last && GLUE.test(input.slice(last[1], from).replace(/@/g, ' at '))) last[1] = to;
    else runs.push([from, to]);
  }
  if (runs.length === 0) return when;
  let out = '';
  let at = 0;
  runs.forEach(([from, to], i) => {
    // "on" or "at" left right before the cut words would be said twice ("on on dec 5")
    const head = input.slice(at, from).replace(/\b(?:on|at|@)\s*$/i, '');
    out += `${head.trimEnd()} ${i === 0 ? when : ''} `;
    at = to;
  });
  out += input.slice(at);
  return out
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([,.!?;:])/g, '$1')
    .trim();
}

/**
 * The request with its "midnight" written as the clock time it reads as, 00:00 ("every 1st at
 * 00:00"); "10 past midnight" as 00:10.
 */
export function midnightAsClock(input: string): string {
  const MINUTES: Record<string, number> = { quarter: 15, half: 30, five: 5, ten: 10, twenty: 20, 'twenty-five': 25, 'twenty five': 25 };
  return input.replace(
    /(\b(?:at|@)\s*)?(?:(?:a\s+)?\b(quarter|half|\d{1,2}|five|ten|twenty(?:[\s-]five)?)\s+(?:past|after)\s+)?(?:\b12\s*)?\bmidnight\b/i,
    (_, at: string | undefined, amount: string | undefined) => {
      const mi = amount === undefined ? 0 : (MINUTES[amount.toLowerCase()] ?? Number(amount));
      return `${at ?? 'at '}00:${String(mi).padStart(2, '0')}`;
    },
  );
}
