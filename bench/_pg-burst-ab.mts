/**
 * A/B of the PostgreSQL burst between two trees (argv: A B [rounds] [instances, e.g. 1,2]),
 * alternating A and B round by round, each a fresh process (bench/_pg-burst-round.mts). A tree
 * may carry environment settings: `/path/to/tree:NAME=value,NAME=value`. Prints each round
 * and the medians.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [a, b, roundsArg = '3', instancesArg = '1,2'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: _pg-burst-ab.mts TREE_A TREE_B [rounds] [instances]');
const script = fileURLToPath(new URL('./_pg-burst-round.mts', import.meta.url));
const results = new Map<string, Array<Record<string, number>>>();
for (let i = 0; i < Number(roundsArg); i++) {
  for (const instances of instancesArg.split(',')) {
    for (const tree of i % 2 === 0 ? [a, b] : [b, a]) {
      const at = tree.indexOf(':');
      const [dir, envs] = at < 0 ? [tree, ''] : [tree.slice(0, at), tree.slice(at + 1)];
      const env = {
        ...process.env,
        ...Object.fromEntries(
          envs
            .split(',')
            .filter(Boolean)
            .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
        ),
      };
      const out = execFileSync(process.execPath, ['--import', 'tsx', script, dir!, instances], { cwd: dir, encoding: 'utf8', env });
      const line = out.trim().split('\n').at(-1)!;
      const key = `x${instances} ${tree === a ? 'A' : 'B'}`;
      console.log(`${key} ${line}`);
      results.set(key, [...(results.get(key) ?? []), JSON.parse(line)]);
    }
  }
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
console.log(`A=${a} B=${b}, ${roundsArg} rounds, medians:`);
for (const [key, rs] of [...results].sort()) {
  const f = (k: string) => median(rs.map((r) => r[k]!)).toFixed(1);
  console.log(
    `${key}: ${f('jobsPerSec')} jobs/s, node ${f('nodeUsPerJob')} µs/job, pg ${f('pgUsPerJob')} µs/job, ${f('claims')} claims of ${f('claimedPerClaim')}`,
  );
}
