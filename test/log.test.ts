import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('log', () => {
  it('one JSON object per line per event, with level, time and fields', () => {
    const { lines, stream } = sink();
    const log = createLogger({ level: 'info', stream });
    log.info({ job_id: 'k7m2qd', entity_type: 'SCHEDULER' }, 'run finished');
    log.debug('not at info');
    log.child({ component: 'outbox' }).warn({ outbox_id: 3 }, 'given up');
    expect(lines).toHaveLength(2);
    const [a, b] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toMatchObject({ level: 30, job_id: 'k7m2qd', entity_type: 'SCHEDULER', msg: 'run finished' });
    expect(typeof a?.time).toBe('string');
    expect(b).toMatchObject({ level: 40, component: 'outbox', outbox_id: 3 });
  });

  it('pretty output is human text, not JSON', () => {
    const { lines, stream } = sink();
    const log = createLogger({ level: 'info', pretty: true, stream });
    log.warn({ job_id: 'k7m2qd' }, 'pretty please');
    expect(lines[0]).toMatch(/WARN.*pretty please/);
    expect(() => JSON.parse(lines[0] ?? '')).toThrow();
    expect(lines.join('\n')).toContain('job_id: "k7m2qd"');
  });
});
