/**
 * Runs tasks one after another per key (chat) and concurrently across keys. grammY's built-in
 * polling awaits each update's middleware, so a slow handler (a throttled reply waiting for a
 * busy group's budget) would hold up every other chat; queueing per chat keeps one chat's
 * messages in order without that.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Queues `task` behind earlier tasks with the same key. Never rejects; errors go to onError. */
  push(key: string, task: () => Promise<void>): void {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(task).catch(this.onError);
    this.tails.set(key, run);
    this.pending.add(run);
    void run.finally(() => {
      this.pending.delete(run);
      if (this.tails.get(key) === run) this.tails.delete(key);
    });
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves when every queued task, including ones queued meanwhile, has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
