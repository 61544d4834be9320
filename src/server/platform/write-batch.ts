/**
 * Group commit in the process (decision 0023): writes that arrive while one is running go
 * together in the next call of `write`, one statement and one commit for all of them. A write that
 * finds none running goes at once, so nothing waits for company. Each caller's promise settles once
 * the statement holding its write has committed. When a joint write fails, its writes are made
 * again one by one (the failed statement wrote nothing), so a write fails only for its own fault.
 * `write` answers one result per item, in the order of the items.
 */
export function batchedWrites<Item, Result>(
  write: (items: Item[]) => Promise<Result[]>,
  maxBatch = 64,
): (item: Item) => Promise<Result> {
  type Waiting = {
    item: Item;
    resolve: (result: Result) => void;
    reject: (error: unknown) => void;
  };
  const waiting: Waiting[] = [];
  let running = false;

  async function settle(batch: Waiting[]) {
    const results = await write(batch.map((w) => w.item));
    if (results.length !== batch.length) throw new Error('a batched write lost a result');
    batch.forEach((w, i) => w.resolve(results[i] as Result));
  }

  async function drain() {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      try {
        await settle(batch);
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else
          for (const one of batch) {
            await settle([one]).catch(one.reject);
          }
      }
    }
    running = false;
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
