import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Forks keep native modules (better-sqlite3) in plain Node processes.
    pool: 'forks',
    // Both cores. Vitest's default on a 2-core machine is one worker (cores - 1), which ran the
    // whole suite one file at a time, and much of a file's time is waiting (child processes,
    // Chromium, PostgreSQL, HTTP round trips), not computing: 624 s -> 393 s wall, same load.
    maxWorkers: 2,
    // A worker process runs file after file without being restarted, so the sources and npm
    // packages are imported once per worker instead of once per file (import phase 116 s -> 21 s
    // summed over files). Nothing in src/ keeps module state but memo caches (architecture rule
    // 2: no module-level registries or singletons), and test/isolation-guard.ts fails a file that
    // leaves process.env changed for the files after it.
    isolate: false,
    setupFiles: ['test/isolation-guard.ts'],
    testTimeout: 20_000,
    // expect.poll waits for a state to appear (the dashboard's browser tests poll the page); its
    // default of 1 s failed a preview that came later with two files sharing a loaded machine
    // ("Matcher did not succeed in time"). A longer wait passes nothing that never arrives.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 30_000,
  },
});
