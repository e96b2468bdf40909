/**
 * Backlog claims kept in flight side by side on an asynchronous store (see DueLoop). One claim
 * at a time leaves the two halves of the work taking turns: the store's server runs one
 * transaction while the process waits for it, then the process runs the batch's runs while the
 * server waits. With a few claims in flight, one batch's runs overlap another's transaction.
 *
 * Each claimer claims the backlog only (jobs due at or before the horizon), batch after batch
 * while its claims come back full, so its claims never touch the on-time lane, which the loop
 * keeps claiming one claim at a time. The store keeps claims disjoint (PostgreSQL: FOR UPDATE
 * SKIP LOCKED, so each claim takes the oldest jobs no other one holds).
 *
 * Fewer claimers while `allowed()` says so (another process claims the same backlog: its claims
 * overlap ours already, and each claim of ours in flight makes every other one's select step past
 * the rows it holds, for CPU both processes share): a claimer beyond it stops after its claim,
 * and each claim then takes the slots of the claimers allowed, so one claimer claims full batches.
 */

export interface BacklogClaimsDeps {
  /** Claimers at once, at most. */
  count: number;
  /** Claimers allowed now (1 to count). */
  allowed: () => number;
  /**
   * Jobs per claim when `claimers` claim together: every claim in flight holds this many of the
   * pool's slots until it ends.
   */
  share: (claimers: number) => number;
  /** Slots of the pool's main part not taken by runs in progress. */
  freeSlots: () => number;
  /** Whether the loop still claims. */
  active: () => boolean;
  /** One claim of the backlog, at most `limit` jobs; resolves to how many it claimed. */
  claim: (limit: number) => Promise<number>;
  /** A claim threw: its claimer stops (the loop claims on, and starts claimers again). */
  failed: (err: unknown) => void;
  /** The last claimer stopped. */
  idle: () => void;
}

export class BacklogClaims {
  /** Claimers running. */
  private running = 0;
  /** Slots the claims in flight may fill with runs for the pool. */
  private held = 0;
  private readonly claimers = new Set<Promise<void>>();

  constructor(private readonly deps: BacklogClaimsDeps) {}

  /** Claimers run: the backlog is theirs, not the loop's. */
  get busy(): boolean {
    return this.running > 0;
  }

  /** Slots held by claims in flight (not yet runs in progress). */
  get heldSlots(): number {
    return this.held;
  }

  /** Claimers allowed now, from 1 to `count`. */
  private allowed(): number {
    return Math.max(1, Math.min(this.deps.count, this.deps.allowed()));
  }

  /** Starts claimers up to those allowed (one with no share of free slots stops at once). */
  start(): void {
    for (let n = this.allowed() - this.running; n > 0; n--) {
      this.running++;
      const claimer = this.claimer();
      this.claimers.add(claimer);
      void claimer.finally(() => this.claimers.delete(claimer));
    }
  }

  /** Resolves once every claimer has stopped (the loop stopped first). */
  async drained(): Promise<void> {
    while (this.claimers.size > 0) await Promise.all(this.claimers);
  }

  /**
   * Claims while the backlog lasts: stops at a claim that came back short (what is left is
   * held by other claims, or nothing is), when a whole share of slots is no longer free
   * (runs of the pool fill them; the loop claims again as they end), or when more claimers run
   * than are allowed now.
   */
  private async claimer(): Promise<void> {
    try {
      for (;;) {
        const allowed = this.allowed();
        if (!this.deps.active() || this.running > allowed) break;
        const share = this.deps.share(allowed);
        if (this.deps.freeSlots() - this.held < share) break;
        this.held += share;
        let got: number;
        try {
          got = await this.deps.claim(share);
        } finally {
          this.held -= share;
        }
        if (got < share) break;
        // A full claim: more is due, for as many claimers as are allowed now (again).
        this.start();
      }
    } catch (err) {
      this.deps.failed(err);
    } finally {
      if (--this.running === 0) this.deps.idle();
    }
  }
}
