import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import { DatabaseFolderInUseError } from '../src/server/db/folder-lock.ts';
import { removeDataDir, ROOT, startServer, type RunningServer } from './helpers/server-process.ts';

const started: RunningServer[] = [];
afterAll(async () => {
  for (const server of started) await server.stop('SIGKILL');
  if (started[0]) await removeDataDir(started[0].dataDir);
});

const run = promisify(execFile);

describe('the embedded database folder has one writer', () => {
  it('refuses a second server, a script and a reset while one runs, and is taken over after kill -9', async () => {
    const first = await startServer({ env: { WORKERS: 'false' } });
    started.push(first);
    const pgliteDir = path.join(first.dataDir, 'pglite');

    const second = startServer({ dataDir: first.dataDir, env: { WORKERS: 'false' } });
    await expect(second).rejects.toThrow(
      /exited with 1 before listening[\s\S]*đang được tiến trình OpenDVC khác sử dụng/,
    );

    await expect(openDatabase({ pgliteDir })).rejects.toBeInstanceOf(DatabaseFolderInUseError);

    const reset = await run(process.execPath, ['scripts/reset.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: first.dataDir },
    }).then(
      () => 0,
      (error: unknown) => (error as { code: number }).code,
    );
    expect(reset).not.toBe(0);
    expect(existsSync(pgliteDir)).toBe(true);
    // The first server still answers from its database.
    expect((await fetch(`${first.url}/ready`)).status).toBe(200);

    await first.stop('SIGKILL');
    const third = await startServer({ dataDir: first.dataDir, env: { WORKERS: 'false' } });
    started.push(third);
    expect((await fetch(`${third.url}/ready`)).status).toBe(200);
  });
});
