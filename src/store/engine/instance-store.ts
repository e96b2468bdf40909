import type { InstanceClaimOutcome, InstanceRecord } from '../../core/ports/instance-registry.js';
import { type Kind, type Out, type Runner, type Work, requests } from './work.js';

/** A row of `instances` (times in epoch ms). */
export interface InstanceRow {
  instance_id: string;
  boot: string;
  host: string;
  pid: number;
  started_at: number;
  seen_at: number;
  lease_ms: number;
}

/** The queries of the instance registry (see JobStoreQueries for the form). */
export interface InstanceQueries {
  /** Serialises claims of one id where the database does not already (PostgreSQL: an advisory lock). */
  lockInstance(id: string): void;
  getInstance(id: string): InstanceRow | undefined;
  /** Writes the row, replacing any holder of its id. */
  putInstance(row: InstanceRow): void;
  /** Rows whose holder was silent for its lease at `now`, dropped; how many. */
  pruneInstances(now: number): number;
  /** `seen_at` of the id's row while `boot` holds it; rows changed. */
  renewInstance(id: string, boot: string, seenAt: number): number;
  /** The id's row, while `boot` holds it; rows deleted. */
  deleteInstance(id: string, boot: string): number;
  /** Rows whose holder was seen less than its lease before `now`. */
  liveInstances(now: number): InstanceRow[];
}

const q = requests<InstanceQueries>();

const toRow = (r: InstanceRecord): InstanceRow => ({
  instance_id: r.id,
  boot: r.boot,
  host: r.host,
  pid: r.pid,
  started_at: r.startedAt.getTime(),
  seen_at: r.seenAt.getTime(),
  lease_ms: r.leaseMs,
});

const fromRow = (r: InstanceRow): InstanceRecord => ({
  id: r.instance_id,
  boot: r.boot,
  host: r.host,
  pid: r.pid,
  startedAt: new Date(r.started_at),
  seenAt: new Date(r.seen_at),
  leaseMs: r.lease_ms,
});

/** Reads the holder and writes `me` in its place only when allowed, under the id's lock. */
function* claimWork(me: InstanceRecord, mayTakeOver: (holder: InstanceRecord) => boolean): Work<InstanceClaimOutcome> {
  yield* q.lockInstance(me.id);
  const row = yield* q.getInstance(me.id);
  const previous = row && fromRow(row);
  if (previous && previous.boot !== me.boot && !mayTakeOver(previous)) return { claimed: false, holder: previous };
  yield* q.putInstance(toRow(me));
  // Crashed processes without a configured id leave a row each; this keeps the table small.
  yield* q.pruneInstances(me.seenAt.getTime());
  return { claimed: true, previous };
}

/**
 * The InstanceRegistry over a dialect's runner. Its writes wake no other process (`quiet`):
 * who holds an id changes nothing another process's loops act on.
 */
export class EngineInstanceStore<F extends Kind> {
  constructor(private readonly run: Runner<F>) {}

  claim(me: InstanceRecord, mayTakeOver: (holder: InstanceRecord) => boolean): Out<F, InstanceClaimOutcome> {
    return this.run.write(claimWork(me, mayTakeOver), () => true);
  }

  renew(id: string, boot: string, seenAt: Date): Out<F, boolean> {
    return this.run.single(mapped(q.renewInstance(id, boot, seenAt.getTime()), (n) => n > 0));
  }

  release(id: string, boot: string): Out<F, boolean> {
    return this.run.single(mapped(q.deleteInstance(id, boot), (n) => n > 0));
  }

  live(now: Date): Out<F, InstanceRecord[]> {
    return this.run.single(mapped(q.liveInstances(now.getTime()), (rows) => rows.map(fromRow)));
  }
}

function* mapped<A, B>(work: Work<A>, f: (a: A) => B): Work<B> {
  return f(yield* work);
}
