import { describe, expect, it } from 'vitest';
import { batched } from './batching.ts';

/** A run whose calls are recorded and finish only when the test lets them. */
function heldWrite(fails: (item: number) => boolean = () => false) {
  const calls: number[][] = [];
  const pending: (() => void)[] = [];
  const write = (items: number[]) => {
    calls.push(items);
    return new Promise<string[]>((resolve, reject) => {
      pending.push(() => {
        if (items.some(fails)) reject(new Error(`refused: ${items.join(',')}`));
        else resolve(items.map((item) => `written ${String(item)}`));
      });
    });
  };
  /** Lets the oldest running call finish, then waits for what follows from it. */
  const finishOne = async () => {
    await Promise.resolve();
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { write, calls, finishOne };
}

/** One turn of the event loop: a batch that was due has started. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('batched', () => {
  it('runs together the calls of one turn, and next those that arrive while it runs', async () => {
    const held = heldWrite();
    const write = batched(held.write);
    const first = [write(1), write(2)];
    expect(held.calls).toEqual([]);
    await nextTurn();
    expect(held.calls).toEqual([[1, 2]]);
    const later = [write(3), write(4), write(5)];
    await nextTurn();
    expect(held.calls).toEqual([[1, 2]]);
    await held.finishOne();
    expect(await Promise.all(first)).toEqual(['written 1', 'written 2']);
    expect(held.calls).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    await held.finishOne();
    expect(await Promise.all(later)).toEqual(['written 3', 'written 4', 'written 5']);
  });

  it('takes at most maxBatch calls in one run, in order of arrival', async () => {
    const held = heldWrite();
    const write = batched(held.write, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((item) => write(item));
    await nextTurn();
    while (held.calls.flat().length < 5) await held.finishOne();
    await held.finishOne();
    expect(held.calls).toEqual([[1, 2], [3, 4], [5]]);
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5].map((i) => `written ${String(i)}`));
  });

  it('runs the items of a failed run again one by one, so only the faulty one fails', async () => {
    const held = heldWrite((item) => item === 3);
    const write = batched(held.write);
    const outcomes = [2, 3, 4].map((item) =>
      write(item).then(
        (result) => result,
        (error: unknown) => (error as Error).message,
      ),
    );
    await nextTurn();
    while (held.calls.length < 4) await held.finishOne();
    await held.finishOne();
    expect(await Promise.all(outcomes)).toEqual(['written 2', 'refused: 3', 'written 4']);
    expect(held.calls).toEqual([[2, 3, 4], [2], [3], [4]]);
  });

  it('gives every call of a run the error of a database that cannot answer, without retrying', async () => {
    const calls: number[][] = [];
    const write = batched((items: number[]) => {
      calls.push(items);
      return Promise.reject(
        Object.assign(new Error('canceling statement due to statement timeout'), {
          code: '57014',
        }),
      );
    });
    const outcomes = await Promise.all(
      [1, 2, 3].map((item) =>
        write(item).then(
          () => 'written',
          (error: unknown) => (error as { code?: string }).code,
        ),
      ),
    );
    expect(outcomes).toEqual(['57014', '57014', '57014']);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('refuses every call of a run that answers the wrong number of results', async () => {
    const write = batched((items: number[]) => Promise.resolve(items.slice(1)));
    await expect(write(1)).rejects.toThrow('a batched call lost a result');
  });

  it('overlapping: starts a second batch while one runs once it holds about as many calls', async () => {
    const held = heldWrite();
    const write = batched(held.write, { overlapping: true });
    const first = [1, 2, 3, 4].map((item) => write(item));
    await nextTurn();
    // two calls are fewer than three in four of the four running: they wait
    const second = [5, 6].map((item) => write(item));
    await nextTurn();
    expect(held.calls).toEqual([[1, 2, 3, 4]]);
    second.push(write(7));
    await nextTurn();
    expect(held.calls).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7],
    ]);
    // never more than two at once: the next calls wait for one to finish
    const third = [8, 9, 10].map((item) => write(item));
    await nextTurn();
    expect(held.calls).toHaveLength(2);
    await held.finishOne();
    expect(held.calls[2]).toEqual([8, 9, 10]);
    await held.finishOne();
    await held.finishOne();
    expect(await Promise.all([...first, ...second, ...third])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => `written ${String(i)}`),
    );
  });

  it('not overlapping: calls arriving while a batch runs wait for it, however many', async () => {
    const held = heldWrite();
    const write = batched(held.write);
    const first = [1, 2].map((item) => write(item));
    await nextTurn();
    const second = [3, 4, 5, 6].map((item) => write(item));
    await nextTurn();
    expect(held.calls).toEqual([[1, 2]]);
    await held.finishOne();
    expect(held.calls).toEqual([
      [1, 2],
      [3, 4, 5, 6],
    ]);
    await held.finishOne();
    expect(await Promise.all([...first, ...second])).toHaveLength(6);
  });
});
