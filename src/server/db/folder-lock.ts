import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/** Another live process holds the embedded database's folder. */
export class DatabaseFolderInUseError extends Error {}

/**
 * Takes the embedded database's folder for this process alone: PGlite is one writer, and a second
 * process writing the same files corrupts them. The lock is a file beside the folder holding the
 * owner's process id, created exclusively; one left by a process that died (kill -9, power loss) is
 * taken over. Answers the release function.
 */
export function lockDatabaseFolder(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (ownerOf(lockFile) === process.pid) unlinkSync(lockFile);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(lockFile);
    if (owner !== undefined && owner !== process.pid && isAlive(owner))
      throw new DatabaseFolderInUseError(
        `Cơ sở dữ liệu nhúng ${dataDir} đang được tiến trình OpenDVC khác sử dụng (PID ${owner}): ` +
          'hãy dừng tiến trình đó trước, hoặc thao tác qua máy chủ đang chạy.',
      );
    try {
      unlinkSync(lockFile); // left by a process that is gone
    } catch {
      // another starter took it over first; the next attempt finds its lock
    }
  }
  throw new DatabaseFolderInUseError(
    `Không thể giữ khóa thư mục cơ sở dữ liệu nhúng ${dataDir} (${lockFile}).`,
  );
}

/** Throws DatabaseFolderInUseError when a live process holds the folder (for `npm run reset`). */
export function assertDatabaseFolderFree(dataDir: string) {
  if (existsSync(dataDir)) lockDatabaseFolder(dataDir)();
}

function ownerOf(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
