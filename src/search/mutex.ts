/**
 * A FIFO async mutex. hnswlib-node reads and writes index files on a worker thread while the
 * JavaScript thread stays free, so without this a search or an insert could touch the graph in the
 * middle of a write. Every index operation runs through one instance.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  /** Runs `fn` once every earlier call has settled; its result or error is passed through. */
  runExclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    this.waiting++;
    const run = this.tail.then(fn).finally(() => this.waiting--);
    // The chain must survive a failed operation, or one error would block the index forever.
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Operations queued or running; 0 means idle. */
  get pending(): number {
    return this.waiting;
  }
}
