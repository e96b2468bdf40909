// `npm run bench -- --peers`: the ratios are taken from the figures the run printed, against
// graphile-worker's best burst configuration (never a drain rate), and a ratio whose figure is
// missing is reported, not printed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Figures, parseFigure, peersDir, printRatios } from '../../bench/_peers.js';

const RUN = `
# graphile-worker 0.18.0
graphile.burst.c10: 1443 jobs/s
graphile.burst.c10.drain: 99999 jobs/s
graphile.burst.c50.lq: 20000 jobs/s
graphile.burst.c50.lq.first_start: 31.6 ms
graphile.pending.100k.rss: 60.0 MB
graphile.pending.100k.boot: 500 ms
cli_start_ready_1m: 750 ms
scheduler_burst: 15000 jobs/s
scheduler_burst_postgres: 5000 jobs/s
scheduler_burst_postgres_two: 6000 jobs/s
store_rss_1m_with_checkpointer: 63.0 MB
cli_start_rss_idle_1m: 90.0 MB
`;

function printed(figures: Figures): { out: string[]; err: string } {
  const out: string[] = [];
  let err = '';
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  const missing = printRatios(figures);
  vi.restoreAllMocks();
  return { out: [...out, `missing ${missing}`], err };
}

afterEach(() => vi.restoreAllMocks());

describe('bench --peers ratios', () => {
  it('divides by graphile-worker best configuration and prints the graphile RSS beside', () => {
    const f: Figures = new Map();
    for (const line of RUN.split('\n')) parseFigure(line, f);
    const { out } = printed(f);
    expect(out).toContain('scheduler_burst_vs_graphile: 0.75 x');
    expect(out).toContain('scheduler_burst_postgres_vs_graphile: 0.25 x');
    expect(out).toContain('scheduler_burst_postgres_two_vs_one: 1.20 x');
    expect(out).toContain('store_rss_1m_vs_graphile_idle: 1.05 x');
    expect(out[out.indexOf('store_rss_1m_vs_graphile_idle: 1.05 x') + 1]).toBe('graphile_idle_rss: 60 MB');
    expect(out).toContain('cli_start_ready_1m_vs_graphile_boot: 1.50 x');
    expect(out).toContain('missing 0');
  });

  it('names each ratio it cannot compute and counts it', () => {
    const f: Figures = new Map();
    parseFigure('scheduler_burst: 15000 jobs/s', f);
    const { out, err } = printed(f);
    expect(out.filter((l) => / x$/.test(l))).toEqual([]);
    expect(err).toContain('scheduler_burst_vs_graphile not computed: no graphile.burst figure');
    expect(out).toContain('missing 6');
  });

  it('says where it looked when the harness is absent', () => {
    expect(() => peersDir('/work/repo', { CHIME_PEERS_DIR: '/nowhere/peers' })).toThrow(/no run\.sh in \/nowhere\/peers.*CHIME_PEERS_DIR/);
    expect(() => peersDir('/nowhere/repo', {})).toThrow(/no run\.sh in \/nowhere\/shared\/peers/);
  });
});
