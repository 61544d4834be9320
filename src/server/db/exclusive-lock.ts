/**
 * A first-come first-served lock: PGlite is one connection, so a transaction must have it alone.
 *
 * PGlite runs each statement synchronously and settles its promise at once, so a lock handed
 * straight to the next waiter would run every queued statement in one chain of microtasks, and
 * the event loop would not read a socket until the queue was empty. Under load the server then
 * read a few connections at a time while the others' requests sat unread in the kernel, up to
 * 5 s (decision 0023). The lock is therefore handed over in the next turn of the event loop,
 * after it has read what arrived: a request waits in the queue in the order it came.
 */
export class ExclusiveLock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves when the lock is held; call the returned function exactly once to release it. */
  async acquire(): Promise<() => void> {
    let handOver!: () => void;
    const released = new Promise<void>((resolve) => (handOver = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => released);
    await previous;
    return () => setImmediate(handOver);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
