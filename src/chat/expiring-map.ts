/**
 * A small map whose entries expire after `ttlMs` and which keeps at most `capacity` entries
 * (the oldest go first). Holds what a button needs and cannot carry in its 64 bytes: the
 * definition an edit replaced, a reminder waiting for "Add anyway". It lives in this process:
 * after a restart the buttons answer that they expired, and nothing changes.
 */
export class ExpiringMap<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlMs: number,
    private readonly capacity = 1000,
  ) {}

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now().getTime() });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now().getTime() - e.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
