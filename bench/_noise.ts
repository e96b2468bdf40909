/**
 * The machine's noise, for reading the figures of one `npm run bench`: a fixed amount of CPU
 * work (integer arithmetic, no allocation, no I/O) timed five times at the start of the run and
 * five times at the end. On an idle machine every sample takes the same time; neighbours
 * sharing the cores show up as slow samples and as a difference between start and end.
 */
const SAMPLES = 5;

/** One sample: ms for 30 million multiply-adds. */
function sample(): number {
  const t0 = performance.now();
  let x = 1;
  for (let i = 0; i < 30_000_000; i++) x = (Math.imul(x, 1_103_515_245) + 12_345) | 0;
  const ms = performance.now() - t0;
  if (x === 0.5) console.log('unreachable'); // keeps the loop from being optimised away
  return ms;
}

export function calibrate(): number[] {
  sample(); // warm-up: the first run compiles the loop
  return Array.from({ length: SAMPLES }, sample);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Prints the calibration figures of the run's start and end samples. */
export function printNoise(start: number[], end: number[]): void {
  const all = [...start, ...end];
  const fastest = Math.min(...all);
  console.log(`machine_calibration_start: ${median(start).toFixed(1)} ms`);
  console.log(`machine_calibration_end: ${median(end).toFixed(1)} ms`);
  // Slowest sample over fastest: what neighbours did to the same work during this run.
  console.log(`machine_noise: ${Math.round((100 * (Math.max(...all) - fastest)) / fastest)} %`);
}
