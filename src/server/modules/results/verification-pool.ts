import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { commonErrors } from '../../platform/errors.ts';
import { resultErrors } from './errors.ts';
import type { VerificationOutcome, VerificationTask } from './verification-worker.ts';

/** Longest one verification may take before its worker is stopped and the upload refused. */
export const VERIFICATION_BUDGET_MS = 2_000;

type TransferList = NonNullable<Parameters<Piscina['run']>[1]>['transferList'];

export type VerificationPool = {
  verify(task: VerificationTask): Promise<VerificationOutcome>;
  close(): Promise<void>;
};

/**
 * Worker threads for result verification, an anonymous operation: at most `threads` run at once
 * (the event loop keeps answering everyone else), at most `queue` more wait (then 503 with
 * Retry-After), and each has a time budget after which its worker is terminated.
 */
export function createVerificationPool(
  options: { threads?: number; queue?: number; budgetMs?: number } = {},
): VerificationPool {
  const pool = new Piscina({
    filename: new URL('./verification-worker.ts', import.meta.url).href,
    // One thread is ready from the start: the first verification does not wait for one to load.
    minThreads: 1,
    // One core is left to the event loop: busy verifiers must not starve everyone else's requests.
    maxThreads: options.threads ?? Math.max(1, availableParallelism() - 1),
    maxQueue: options.queue ?? 16,
    idleTimeout: 60_000,
  });
  const budgetMs = options.budgetMs ?? VERIFICATION_BUDGET_MS;
  return {
    async verify(task) {
      try {
        // A large upload owns its memory whole: it is moved to the worker, not copied.
        const ownsMemory =
          task.pdf.byteOffset === 0 && task.pdf.byteLength === task.pdf.buffer.byteLength;
        return (await pool.run(task, {
          signal: AbortSignal.timeout(budgetMs),
          // piscina's TransferList type resolves wrongly with current Node types; an array it is
          ...(ownsMemory ? { transferList: [task.pdf.buffer] as unknown as TransferList } : {}),
        })) as VerificationOutcome;
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === 'AbortError' || name === 'TimeoutError') throw resultErrors.tooComplex();
        if ((error as Error).message.includes('queue is at limit'))
          throw commonErrors.unavailable(
            'Hệ thống đang kiểm tra nhiều văn bản, vui lòng thử lại sau',
          );
        throw error;
      }
    },
    close: () => pool.destroy(),
  };
}
