import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { commonErrors } from '../../platform/errors.ts';
import { resultErrors } from './errors.ts';
import type { VerificationOutcome, VerificationTask } from './pdf-worker.ts';

/** Longest one file may take in a worker before the worker is stopped and the file refused. */
export const PDF_BUDGET_MS = 2_000;

type TransferList = NonNullable<Parameters<Piscina['run']>[1]>['transferList'];

export type PdfPool = {
  /** Checks the signatures of an uploaded PDF; the bytes are handed to the worker (unusable after). */
  verify(task: VerificationTask): Promise<VerificationOutcome>;
  /** How many pages a PDF has; throws when pdf-lib cannot read it. The bytes stay usable. */
  pageCount(pdf: Uint8Array): Promise<number>;
  close(): Promise<void>;
};

/**
 * Worker threads for the PDFs people upload (a result to verify, anonymously; a draft result):
 * at most `threads` run at once (the event loop keeps answering everyone else), at most `queue`
 * more wait (then 503 with Retry-After), and each file has a time budget after which its worker
 * is terminated and the file refused (422).
 */
export function createPdfPool(
  options: { threads?: number; queue?: number; budgetMs?: number } = {},
): PdfPool {
  const pool = new Piscina({
    filename: new URL('./pdf-worker.ts', import.meta.url).href,
    // One thread is ready from the start: the first file does not wait for one to load.
    minThreads: 1,
    // One core is left to the event loop: busy workers must not starve everyone else's requests.
    maxThreads: options.threads ?? Math.max(1, availableParallelism() - 1),
    maxQueue: options.queue ?? 16,
    idleTimeout: 60_000,
  });
  const budgetMs = options.budgetMs ?? PDF_BUDGET_MS;

  async function run<T>(task: unknown, name: string, transfer?: ArrayBufferLike): Promise<T> {
    try {
      return (await pool.run(task, {
        name,
        signal: AbortSignal.timeout(budgetMs),
        // piscina's TransferList type resolves wrongly with current Node types; an array it is
        ...(transfer ? { transferList: [transfer] as unknown as TransferList } : {}),
      })) as T;
    } catch (error) {
      const errorName = (error as { name?: string }).name;
      if (errorName === 'AbortError' || errorName === 'TimeoutError')
        throw resultErrors.tooComplex();
      if ((error as Error).message.includes('queue is at limit'))
        throw commonErrors.unavailable(
          'Hệ thống đang kiểm tra nhiều văn bản, vui lòng thử lại sau',
        );
      throw error;
    }
  }

  return {
    verify(task) {
      // A large upload owns its memory whole: it is moved to the worker, not copied.
      const ownsMemory =
        task.pdf.byteOffset === 0 && task.pdf.byteLength === task.pdf.buffer.byteLength;
      return run(task, 'verifySignatures', ownsMemory ? task.pdf.buffer : undefined);
    },
    pageCount: (pdf) => run({ pdf }, 'pageCount'),
    close: () => pool.destroy(),
  };
}
