/** A first-come first-served lock: PGlite is one connection, so a transaction must have it alone. */
export class ExclusiveLock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves when the lock is held; call the returned function exactly once to release it. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => released);
    await previous;
    return release;
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
