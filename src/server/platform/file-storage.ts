import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** Where uploaded files live: local disk by default, object storage in production (same interface). */
export interface FileStorage {
  put(key: string, content: Buffer): Promise<void>;
  read(key: string): Readable;
  remove(key: string): Promise<void>;
}

export class LocalDiskStorage implements FileStorage {
  readonly #root: string;
  readonly #incoming: string;
  #incomingReady: Promise<unknown> | undefined;
  constructor(root: string) {
    this.#root = path.resolve(root);
    this.#incoming = path.join(this.#root, '.incoming');
  }

  #pathOf(key: string): string {
    const resolved = path.resolve(this.#root, key);
    if (!resolved.startsWith(this.#root + path.sep))
      throw new Error(`storage key escapes the root: ${key}`);
    return resolved;
  }

  /**
   * Written to a temporary name in the incoming folder, flushed, then renamed: a crash never leaves
   * half a file under the key, and what it leaves is in one folder that `removeLeftovers` clears.
   */
  async put(key: string, content: Buffer): Promise<void> {
    const target = this.#pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    await (this.#incomingReady ??= mkdir(this.#incoming, { recursive: true }));
    const temporary = path.join(this.#incoming, randomUUID());
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }

  /**
   * Removes what writes interrupted by a crash left in the incoming folder (at start). Only files
   * older than `olderThanMs`: another process sharing the folder may be writing now.
   */
  async removeLeftovers(olderThanMs = 60 * 60 * 1000): Promise<number> {
    const names = await readdir(this.#incoming).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.#incoming, name);
      const info = await stat(file).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  read(key: string): Readable {
    return createReadStream(this.#pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.#pathOf(key), { force: true });
  }
}
