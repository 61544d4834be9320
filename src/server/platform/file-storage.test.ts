import { mkdtemp, readdir, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from './file-storage.ts';

let root: string;
afterEach(() => rm(root, { recursive: true, force: true }));

describe('local disk storage', () => {
  it('leaves no temporary file after a write, and clears what a crash left', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'opendvc-storage-'));
    const storage = new LocalDiskStorage(root);
    await storage.put('dossiers/2026/12/a', Buffer.from('nội dung'));
    expect(await readdir(path.join(root, '.incoming'))).toEqual([]);

    // A write interrupted by kill -9 two hours ago, and one in progress now.
    await mkdir(path.join(root, '.incoming'), { recursive: true });
    const old = path.join(root, '.incoming', 'crashed');
    await writeFile(old, 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await writeFile(path.join(root, '.incoming', 'writing-now'), 'half');
    expect(await storage.removeLeftovers()).toBe(1);
    expect(await readdir(path.join(root, '.incoming'))).toEqual(['writing-now']);
  });
});
