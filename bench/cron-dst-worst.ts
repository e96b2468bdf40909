/**
 * Worst-case cost of reading a cron schedule near DST changes: for every pattern × zone ×
 * instant around the 2027 offset changes, times `parse("cron:<pattern> x")` (what chat and
 * `chime parse` do: spec parse, validation, the preview's four fires) and, for the operator's
 * sub-minute patterns, the scheduler's four next fires. Each case runs three times and counts
 * its fastest run, so a busy machine's pauses do not pass for the code's cost.
 * Prints `name: value unit` lines. Usage: node --import tsx bench/cron-dst-worst.ts
 */
import { nextFires } from '../src/core/schedule.js';
import { parse } from '../src/nl/parse.js';

const USER_PATTERNS = [
  '* * * * *',
  '*/5 * * * *',
  '30 2 * * *',
  '* 2 * * *',
  '0-59 2 * * *',
  '0-59 0-23 * * *',
  '0 */15 * * * *',
  '@hourly',
  '59 23 31 12 *',
  '0 0-59 2 * * *',
  '* 1-3 * * 0',
  '0,30 * * * *',
  '*/59 1,2 * * *',
  '0 0 0 29 2 *',
];
const OPERATOR_PATTERNS = ['* * * * * *', '*/1 * * * * *', '0-59 * 2 * * *', '* * 2 * * *', '*/7 * 1-3 * * *', '0-59 0-59 0-23 * * *'];
const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Apia',
  'Asia/Tehran',
  'UTC',
  'America/Sao_Paulo',
  'America/Havana',
  'Africa/Casablanca',
];
const CHANGES = [
  '2027-03-14T07:00:00Z',
  '2027-11-07T06:00:00Z',
  '2027-03-28T01:00:00Z',
  '2027-10-31T01:00:00Z',
  '2027-04-03T15:30:00Z',
  '2027-10-02T15:30:00Z',
  '2027-09-04T03:00:00Z',
  '2027-04-04T03:00:00Z',
  '2027-03-13T05:00:00Z',
  '2027-11-07T05:00:00Z',
  '2027-03-21T20:30:00Z',
  '2027-09-21T19:30:00Z',
];
const OFFSETS_S = [-3600, -1800, -61, -1, 0, 1, 1800, 3600, 5400];
const NOWS = CHANGES.flatMap((c) => OFFSETS_S.map((s) => new Date(Date.parse(c) + s * 1000)));

function fastest(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

interface Case {
  label: string;
  run: () => unknown;
}

function report(name: string, cases: Case[]): void {
  // Warm-up: compile the code paths and fill the per-zone caches once.
  for (const c of cases.slice(0, 50)) c.run();
  const timed = cases.map((c) => ({ label: c.label, ms: fastest(c.run) })).sort((a, b) => a.ms - b.ms);
  const p99 = timed[Math.floor(timed.length * 0.99)]?.ms ?? 0;
  const worst = timed[timed.length - 1];
  console.log(`${name}_cases: ${timed.length} cases`);
  console.log(`${name}_p99: ${p99.toFixed(2)} ms`);
  console.log(`${name}_max: ${(worst?.ms ?? 0).toFixed(2)} ms (${worst?.label ?? ''})`);
}

const parses: Case[] = [];
for (const p of USER_PATTERNS)
  for (const timeZone of ZONES)
    for (const now of NOWS)
      parses.push({ label: `${p} ${timeZone} ${now.toISOString()}`, run: () => parse(`cron:${p} x`, { now, timeZone }) });
report('cron_parse_near_dst', parses);

const fires: Case[] = [];
for (const pattern of OPERATOR_PATTERNS)
  for (const tz of ZONES)
    for (const now of NOWS)
      fires.push({ label: `${pattern} ${tz} ${now.toISOString()}`, run: () => nextFires({ kind: 'cron', pattern }, tz, now, 4) });
report('cron_operator_next4_near_dst', fires);
