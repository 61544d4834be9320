import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeDataDir, ROOT } from '../test/helpers/server-process.ts';

/**
 * How long the server takes to answer /health and then /ready: on a fresh data folder (the
 * embedded database created, migrated and seeded with the demo), then warm on the same folder.
 * Prints `BENCH start_cold_s= start_warm_s= ready_cold_s= ready_warm_s= rss_mb=` (the process's
 * resident memory once ready), beside a bare Fastify process's time to answer /health (`baseline_s`)
 * and the ratios. Usage: node bench/start.ts
 */
const PORT = 3900 + (process.pid % 90);

async function startOnce(dataDir: string) {
  const started = performance.now();
  const child = spawn(process.execPath, ['src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const answers = async (route: string) => {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${String(PORT)}${route}`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return (performance.now() - started) / 1000;
      if (child.exitCode !== null)
        throw new Error(`the server exited with ${String(child.exitCode)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const health = await answers('/health');
  const ready = await answers('/ready');
  const status = await readFile(`/proc/${String(child.pid)}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return { health, ready, rssMb: rssKb / 1024 };
}

/** The bare baseline, in the same run: a Fastify process that only answers /health. */
async function bareStart() {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import Fastify from 'fastify';
       const app = Fastify();
       app.get('/health', () => ({ status: 'ok' }));
       await app.listen({ port: ${String(PORT)}, host: '127.0.0.1' });`,
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  for (;;) {
    const status = await fetch(`http://127.0.0.1:${String(PORT)}/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return seconds;
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'opendvc-start-'));
try {
  const bare = await bareStart();
  const cold = await startOnce(dataDir);
  const warm = await startOnce(dataDir);
  process.stdout.write(
    `BENCH start_cold_s=${cold.health.toFixed(2)} start_warm_s=${warm.health.toFixed(2)} ready_cold_s=${cold.ready.toFixed(2)} ready_warm_s=${warm.ready.toFixed(2)} rss_mb=${warm.rssMb.toFixed(0)} baseline_s=${bare.toFixed(2)} ratio_cold=${(cold.health / bare).toFixed(1)} ratio_warm=${(warm.health / bare).toFixed(1)}\n`,
  );
} finally {
  await removeDataDir(dataDir);
}
