/**
 * Fire-time computation throughput: how many next-fire computations per second each schedule
 * kind allows (the scheduler does one per recurring run). Prints `name: value unit` lines.
 * Usage: node --import tsx bench/next-fire.ts
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { nextFire, type Schedule } from '../src/core/schedule.js';
import { parseScheduleSpec } from '../src/core/schedule-spec.js';
import { fromWallTime, toWallTime } from '../src/core/time/zoned.js';

const BUDGET_MS = 400;
const START = Date.UTC(2027, 0, 1);

/** Runs `fn(i)` for about BUDGET_MS after a warm-up and returns operations per second. */
function opsPerSecond(fn: (i: number) => unknown): number {
  for (let i = 0; i < 2000; i++) fn(i);
  let n = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < BUDGET_MS) {
    for (let k = 0; k < 500; k++) fn(n++);
    elapsed = performance.now() - t0;
  }
  return Math.round((n / elapsed) * 1000);
}

// Instants spread over a year (7919 s apart), so DST days and month ends are included.
const at = (i: number): Date => new Date(START + (i % 4000) * 7_919_000);

const cases: Array<[string, Schedule, string]> = [
  ['next_fire_cron', { kind: 'cron', pattern: '0 9 * * 1-5' }, 'Europe/Berlin'],
  ['next_fire_cron_step', { kind: 'cron', pattern: '*/5 * * * *' }, 'America/New_York'],
  ['next_fire_cron_utc', { kind: 'cron', pattern: '0 9 * * *' }, 'UTC'],
  ['next_fire_interval', { kind: 'interval', everyMs: 1_800_000, anchor: new Date(START) }, 'Europe/Berlin'],
  ['next_fire_calendar', { kind: 'calendar', unit: 'month', step: 1, anchor: '2026-01-31T09:00:00' }, 'Europe/Berlin'],
];

for (const [name, schedule, tz] of cases) {
  console.log(`${name}: ${opsPerSecond((i) => nextFire(schedule, tz, at(i)))} ops/s`);
}

// Around a DST change: the scan looks back by the offset change, so this is the slow path.
const dstStart = Date.UTC(2027, 2, 13, 12);
console.log(
  `next_fire_cron_dst_day: ${opsPerSecond((i) => nextFire({ kind: 'cron', pattern: '30 2 * * *' }, 'America/New_York', new Date(dstStart + (i % 500) * 60_000)))} ops/s`,
);

console.log(`to_wall_time: ${opsPerSecond((i) => toWallTime(at(i), 'Europe/Berlin'))} ops/s`);
console.log(
  `from_wall_time: ${opsPerSecond((i) => fromWallTime({ year: 2027, month: 1 + (i % 12), day: 1 + (i % 28), hour: i % 24, minute: 30, second: 0 }, 'Europe/Berlin'))} ops/s`,
);

// The same two conversions through temporal-polyfill, the reference the DST property tests
// use: why the hot path stays on our Intl offset cache.
const { Temporal } = await import('temporal-polyfill');
console.log(
  `to_wall_time_temporal_polyfill: ${opsPerSecond((i) => Temporal.Instant.fromEpochMilliseconds(at(i).getTime()).toZonedDateTimeISO('Europe/Berlin').hour)} ops/s`,
);
console.log(
  `from_wall_time_temporal_polyfill: ${opsPerSecond((i) => new Temporal.PlainDateTime(2027, 1 + (i % 12), 1 + (i % 28), i % 24, 30).toZonedDateTime('Europe/Berlin', { disambiguation: 'compatible' }).epochMilliseconds)} ops/s`,
);

const specs = ['every 30m', 'cron:0 9 * * 1-5', '@daily', 'in:1h', 'calendar:2w@2026-11-24T09:00:00 ;count:5'];
const now = new Date(START);
console.log(
  `parse_schedule_spec: ${opsPerSecond((i) => parseScheduleSpec(specs[i % specs.length]!, { now, timeZone: 'Europe/Berlin' }))} ops/s`,
);

// Memory per cached cron pattern (croner's year table dropped), measured on 2,000 patterns.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;
if (gc) {
  const { cronMatcher } = await import('../src/core/cron-cache.js');
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 2000; i++) cronMatcher(`${i % 60} ${Math.floor(i / 60) % 24} ${1 + Math.floor(i / 1440)} * *`);
  gc();
  console.log(`cron_cache_bytes_per_pattern: ${Math.round((process.memoryUsage().heapUsed - before) / 2000)} bytes`);
}
