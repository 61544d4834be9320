import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export type RunningServer = {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Settles once the server printed its banner (what `startServer` waits for, unless `early`). */
  banner: Promise<void>;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Starts the real product (`node src/server/main.ts`) on a free port with its own data folder; resolves once it says it is ready. */
export async function startServer(
  options: {
    dataDir?: string;
    env?: Record<string, string>;
    /** The site's name in its address: two systems on one machine need two (browsers share cookies across ports). */
    siteName?: '127.0.0.1' | 'localhost';
    /** Resolve as soon as the process is spawned, to watch it start; `banner` says when it is done. */
    early?: boolean;
  } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'opendvc-e2e-')));
  const port = await freePort();
  const url = `http://${options.siteName ?? '127.0.0.1'}:${port}`;
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: url,
      HOST: options.siteName ?? '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // A year of demo dossiers only where a journey reads the statistics.
      DEMO_HISTORY: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const banner = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('OpenDVC đang chạy tại')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`server exited with ${String(code)} before listening:\n${output}`)),
    );
  });
  if (options.early) banner.catch(() => undefined);
  else await banner;
  return {
    url,
    dataDir,
    process: child,
    banner,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function removeDataDir(dir: string) {
  await rm(dir, { recursive: true, force: true });
}

export function requireBuiltWebApp() {
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) {
    throw new Error('The web app is not built: run `npm run build` (npm test does it first).');
  }
}
