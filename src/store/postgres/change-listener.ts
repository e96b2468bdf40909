import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The NOTIFY channel of one schema: stores on other schemas of the database stay out of it. */
export const changeChannel = (schema: string): string => `chime_changes_${schema}`;

/**
 * Tells listeners when another process (or another store on the same schema) committed a write:
 * a job added by `chime jobs create` must wake the scheduler's timer now, not at its 30 s re-arm.
 *
 * Every write transaction of the job store ends with `NOTIFY <channel>, '<token>'` (see
 * {@link notifySql}); this class LISTENs on one dedicated connection, opened with the first
 * subscriber, and drops notifications carrying its own token. Best effort: when the connection
 * drops nothing is thrown at the process; listeners are not called until {@link revive} (the
 * store calls it from its writes and `nextDueAt`, which the scheduler's periodic re-arm calls)
 * or the next subscribe opens a new one. No timers: time belongs to the Clock (rule 3).
 */
export class ChangeListener {
  /** Random per store instance: the payload of this store's own notifications. */
  readonly token = randomBytes(8).toString('hex');
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private callQueued = false;

  constructor(
    private readonly config: pg.ClientConfig,
    readonly channel: string,
  ) {}

  /** SQL that notifies the other stores on this schema, then commits (token and channel are hex/identifier only). */
  notifySql(): string {
    return `NOTIFY ${this.channel}, '${this.token}'; COMMIT`;
  }

  /** Calls `listener` after other stores' writes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    void this.ensureListening();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Listens again after a dropped connection, if anyone is subscribed; cheap no-op otherwise. */
  revive(): void {
    if (this.listeners.size > 0 && !this.client && !this.connecting) void this.ensureListening();
  }

  /** Resolves once the LISTEN is in place (tests wait for it before writing elsewhere); never rejects. */
  ready(): Promise<void> {
    return this.connecting ?? Promise.resolve();
  }

  private ensureListening(): Promise<void> {
    if (this.closed || this.client || this.connecting) return this.ready();
    const client = new pg.Client(this.config);
    const drop = () => {
      if (this.client === client) this.client = undefined;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
    };
    // A dropped connection must never crash the process: forget it, stop notifying.
    client.on('error', drop);
    client.on('end', () => {
      if (this.client === client) this.client = undefined;
    });
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload !== this.token) this.queueCall();
    });
    this.connecting = (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${this.channel}`);
        if (this.closed) await client.end();
        else this.client = client;
      } catch {
        drop();
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }

  /**
   * One call per event-loop turn however many notifications arrived in it: another process
   * settling a burst sends thousands, and each call makes the scheduler re-arm.
   */
  private queueCall(): void {
    if (this.callQueued) return;
    this.callQueued = true;
    setImmediate(() => {
      this.callQueued = false;
      if (this.closed) return;
      for (const l of [...this.listeners]) l();
    });
  }

  /** Ends the LISTEN connection; safe twice. */
  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }
}
