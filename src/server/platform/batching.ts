import { isDatabaseUnavailable } from '../db/unavailable.ts';

/**
 * Calls that arrive while one is running go together in the next call of `run` (decision 0023):
 * for writes, a group commit in the process, one statement and one commit for all of them; for
 * reads by key, one statement for all the keys. A call that finds none running goes in the next
 * turn of the event loop, with the calls of the requests read in the same turn: at low load it
 * waits for nothing but that turn. Each caller's promise settles with its own result once `run`
 * is done (for a write, once the statement holding it has committed). When a joint run fails, its
 * items are run again one by one (a failed statement wrote nothing), so a call fails only for its
 * own fault; but when the database cannot answer now, every call of the run gets that error at
 * once (a 503), rather than each waiting its turn to fail again. `run` answers one result per
 * item, in the order of the items.
 */
export function batched<Item, Result>(
  run: (items: Item[]) => Promise<Result[]>,
  { maxBatch = 64, overlapping = false }: BatchOptions = {},
): (item: Item) => Promise<Result> {
  type Waiting = {
    item: Item;
    resolve: (result: Result) => void;
    reject: (error: unknown) => void;
  };
  const waiting: Waiting[] = [];
  let due = false;
  let running = 0;
  let lastSize = 0;

  async function settle(batch: Waiting[]) {
    const results = await run(batch.map((w) => w.item));
    if (results.length !== batch.length) throw new Error('a batched call lost a result');
    batch.forEach((w, i) => w.resolve(results[i] as Result));
  }

  async function runBatch(batch: Waiting[]) {
    try {
      await settle(batch);
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error))
        for (const one of batch) one.reject(error);
      else
        for (const one of batch) {
          await settle([one]).catch(one.reject);
        }
    }
  }

  // A second batch goes while one runs only once it holds about as many calls (three in four):
  // smaller ones would cost a statement each for little.
  const mayStart = () =>
    waiting.length > 0 &&
    (running === 0 ||
      (overlapping && running === 1 && waiting.length >= Math.max(2, (lastSize * 3) / 4)));

  function start() {
    due = false;
    while (mayStart()) {
      const batch = waiting.splice(0, maxBatch);
      running += 1;
      lastSize = batch.length;
      void runBatch(batch).finally(() => {
        running -= 1;
        start();
      });
    }
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!due && (running === 0 || overlapping)) {
        due = true;
        setImmediate(start);
      }
    });
}

export type BatchOptions = {
  /** The most calls a batch takes. */
  maxBatch?: number;
  /**
   * Whether a batch may start while another runs (two at most), for a `run` whose statements
   * queue on one connection (`DatabaseHandle.inOrder`): the connection goes from one to the next
   * without waiting for this process.
   */
  overlapping?: boolean;
};

/** Each key's row among `rows` (undefined for none), in the order of the keys: a batch's answers. */
export function rowsInOrderOf<Row>(
  keys: readonly string[],
  rows: readonly Row[],
  keyOf: (row: Row) => string,
): (Row | undefined)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key));
}
