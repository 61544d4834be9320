import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, ROOT } from './server-process.ts';

const CLAMD = process.env.CLAMD_PATH ?? '/usr/sbin/clamd';

/** The EICAR test file, put together at run time so that no file of the repository is it. */
export const EICAR = Buffer.from(
  ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!', '$H+H*'].join(''),
);

export type RunningClamd = { url: string; stop(): Promise<void> };

/**
 * A real ClamAV daemon (Debian's clamav-daemon) on a free port, with the project's small
 * signature database that detects EICAR: no signature download is possible here.
 */
export async function startClamd(): Promise<RunningClamd> {
  if (!existsSync(CLAMD))
    throw new Error(`ClamAV's daemon is not at ${CLAMD}: apt-get install -y clamav-daemon`);
  const dir = await mkdtemp(path.join(tmpdir(), 'opendvc-clamd-'));
  await copyFile(
    path.join(ROOT, 'test/fixtures/clamav/opendvc-test.ndb'),
    path.join(dir, 'opendvc-test.ndb'),
  );
  const port = await freePort();
  await writeFile(
    path.join(dir, 'clamd.conf'),
    [
      'Foreground yes',
      `DatabaseDirectory ${dir}`,
      `TCPSocket ${String(port)}`,
      'TCPAddr 127.0.0.1',
      'LogTime no',
      'StreamMaxLength 30M',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(CLAMD, ['-c', path.join(dir, 'clamd.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!(await pings(port))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`clamd did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `tcp://127.0.0.1:${String(port)}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function pings(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer.includes('PONG')));
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.end('zPING\0'));
  });
}
