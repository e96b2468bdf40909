/**
 * A/B of the burst's CPU and WAL per job between two trees (argv: A B [rounds] [modes]),
 * alternating A and B round by round, each round a fresh process (bench/_burst-cpu-round.mts).
 * Prints each round and the medians. CPU, not wall time: a shared machine moves wall time ±25%.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [a, b, roundsArg = '6', modesArg = 'cpu,wal'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: _burst-cpu-ab.mts TREE_A TREE_B [rounds] [cpu,wal,aged-cpu,aged-wal]');
const rounds = Number(roundsArg);
const script = fileURLToPath(new URL('./_burst-cpu-round.mts', import.meta.url));
type R = Record<string, number | string | boolean | null>;
const results = new Map<string, R[]>();
for (let i = 0; i < rounds; i++) {
  for (const mode of modesArg.split(',')) {
    const order = i % 2 === 0 ? [a, b] : [b, a];
    for (const tree of order) {
      const [m, aged] = mode.startsWith('aged-') ? [mode.slice(5), 'aged'] : [mode, ''];
      // A side may carry environment settings: `/path/to/tree:NAME=value,NAME=value`.
      const [dir, envs = ''] = tree.split(':');
      const env = {
        ...process.env,
        ...Object.fromEntries(
          envs
            .split(',')
            .filter(Boolean)
            .map((kv) => kv.split('=')),
        ),
      };
      const out = execFileSync(process.execPath, ['--import', 'tsx', script, dir!, m!, aged!, aged ? '0' : '1'], {
        cwd: dir,
        encoding: 'utf8',
        env,
      });
      const r = JSON.parse(out.trim().split('\n').at(-1)!) as R;
      console.log(`${mode} ${tree === a ? 'A' : 'B'} ${out.trim().split('\n').at(-1)}`);
      const key = `${mode} ${tree === a ? 'A' : 'B'}`;
      results.set(key, [...(results.get(key) ?? []), r]);
    }
  }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
console.log(`A=${a} B=${b}, ${rounds} rounds, medians:`);
for (const [key, rs] of results) {
  const f = (k: string): string => {
    const xs = rs.map((r) => r[k]).filter((x): x is number => typeof x === 'number');
    return xs.length ? median(xs).toFixed(k.startsWith('wal') && k.includes('Frames') ? 2 : 1) : '-';
  };
  console.log(
    `${key}: cpu ${f('cpuUsPerJob')} µs/job (main thread ${f('mainUsPerJob')}, in claims ${f('claimUsPerJob')}; user ${f('userUsPerJob')}, sys ${f('sysUsPerJob')}), ${f('jobsPerSec')} jobs/s wall, WAL ${f('walBytesPerJob')} B/job (${f('walFramesPerJob')} frames)`,
  );
}
