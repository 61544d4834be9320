import { describe, expect, it } from 'vitest';
import { ExclusiveLock } from './exclusive-lock.ts';

describe('ExclusiveLock', () => {
  it('gives the lock in the order it was asked for, one holder at a time', async () => {
    const lock = new ExclusiveLock();
    const events: string[] = [];
    await Promise.all(
      [0, 1, 2].map((i) =>
        lock.run(async () => {
          events.push(`start ${String(i)}`);
          await Promise.resolve();
          events.push(`end ${String(i)}`);
        }),
      ),
    );
    expect(events).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('lets the event loop turn between two holders, so a busy queue does not stop the reading of sockets', async () => {
    const lock = new ExclusiveLock();
    const events: string[] = [];
    // Holders whose work settles at once, as a PGlite statement does.
    const holders = [0, 1, 2, 3].map((i) =>
      lock.run(async () => {
        events.push(`holder ${String(i)}`);
      }),
    );
    setImmediate(() => events.push('event loop'));
    await Promise.all(holders);
    expect(events).toEqual(['holder 0', 'event loop', 'holder 1', 'holder 2', 'holder 3']);
  });

  it('passes the lock on when a holder fails', async () => {
    const lock = new ExclusiveLock();
    await expect(lock.run(() => Promise.reject(new Error('statement failed')))).rejects.toThrow(
      'statement failed',
    );
    await expect(lock.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
