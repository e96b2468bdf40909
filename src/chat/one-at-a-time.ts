/**
 * Tasks under the same key run one after another, in the order they came; tasks under other
 * keys run freely. A button press reads its job and then acts on what it read: two presses on
 * one job at once (a double tap, the owner and an admin together, the same button on two
 * messages) would both act on the state before either, and a series snoozed twice would come
 * back twice. Discord hands interactions over concurrently, so the chat layer keeps the order
 * itself. Typed commands that change a job take the same job's turn (job-turn.ts). In this
 * process only, like the rest of the chat's memory.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // A task that failed does not hold up the next one: each answers its own press.
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
