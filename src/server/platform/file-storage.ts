import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
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
  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  #pathOf(key: string): string {
    const resolved = path.resolve(this.#root, key);
    if (!resolved.startsWith(this.#root + path.sep))
      throw new Error(`storage key escapes the root: ${key}`);
    return resolved;
  }

  /** Written to a temporary name, flushed, then renamed: a crash never leaves half a file under the key. */
  async put(key: string, content: Buffer): Promise<void> {
    const target = this.#pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.partial`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }

  read(key: string): Readable {
    return createReadStream(this.#pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.#pathOf(key), { force: true });
  }
}
