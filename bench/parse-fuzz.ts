/**
 * The parser over 100,000 generated inputs (test/nl/fuzz-inputs.ts: phrases with text, junk,
 * unicode, long strings, numbers; ten reference instants across DST changes, month and year
 * ends and the year 9999; ten zones). Each input is parsed once and timed.
 *
 * Prints `parse_fuzz_p99: X ms` and `parse_fuzz_max: Y ms` as CPU time of the process during
 * each parse (the parser's own cost: on a shared machine a neighbour taking the CPU stretches
 * wall time, not CPU time), the same as wall time (`parse_fuzz_wall_p99`, `parse_fuzz_wall_max`),
 * `parse_fuzz_accepted: N` and `parse_fuzz_throws: N` (must be 0: parse never throws). The
 * slowest inputs go to stderr. Target: no parse over 10 ms.
 */
import { performance } from 'node:perf_hooks';
import { parse } from '../src/nl/parse.js';
import { FUZZ_NOWS, FUZZ_ZONES, fuzzInput, rng } from '../test/nl/fuzz-inputs.js';

const COUNT = Number(process.env.PARSE_FUZZ_COUNT ?? 100_000);
const r = rng(Number(process.env.PARSE_FUZZ_SEED ?? 20261202));
const inputs = Array.from({ length: COUNT }, () => ({
  text: fuzzInput(r),
  now: FUZZ_NOWS[Math.floor(r() * FUZZ_NOWS.length)]!,
  timeZone: FUZZ_ZONES[Math.floor(r() * FUZZ_ZONES.length)]!,
}));

// Warm-up on other inputs: JIT, recogniser caches, Intl formatters.
const warm = rng(1);
for (let i = 0; i < 2000; i++) parse(fuzzInput(warm), { now: FUZZ_NOWS[0]!, timeZone: FUZZ_ZONES[i % FUZZ_ZONES.length]! });

const cpu = new Float64Array(COUNT);
const wall = new Float64Array(COUNT);
let accepted = 0;
let throws = 0;
for (let i = 0; i < COUNT; i++) {
  const input = inputs[i]!;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    if (parse(input.text, { now: input.now, timeZone: input.timeZone }).ok) accepted++;
  } catch {
    throws++;
  }
  wall[i] = performance.now() - t0;
  const c = process.cpuUsage(c0);
  cpu[i] = (c.user + c.system) / 1000;
}

const order = [...cpu.keys()].sort((a, b) => cpu[b]! - cpu[a]!);
const p99 = (xs: Float64Array): number => [...xs].sort((a, b) => a - b)[Math.floor(COUNT * 0.99)]!;
console.log(`parse_fuzz_p99: ${p99(cpu).toFixed(3)} ms`);
console.log(`parse_fuzz_max: ${cpu[order[0]!]!.toFixed(3)} ms`);
console.log(`parse_fuzz_wall_p99: ${p99(wall).toFixed(3)} ms`);
console.log(`parse_fuzz_wall_max: ${Math.max(...wall).toFixed(3)} ms`);
console.log(`parse_fuzz_accepted: ${accepted}`);
console.log(`parse_fuzz_throws: ${throws}`);
for (const i of order.slice(0, Number(process.env.PARSE_FUZZ_SHOW ?? 5))) {
  const input = inputs[i]!;
  process.stderr.write(
    `slow: ${cpu[i]!.toFixed(1)} ms cpu, ${input.text.length} chars, ${input.now.toISOString()} ${input.timeZone}: ${JSON.stringify(input.text.slice(0, 120))}\n`,
  );
}
if (throws > 0) process.exitCode = 1;
