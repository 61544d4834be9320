import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { median } from './measure.ts';
import { postgresCpuMicros, postgresCpuSince, processCpuMicros } from './process-cpu.ts';
import { marriageRegistrationForm } from '../test/helpers/factories.ts';
import { marriageRegistrationServiceId, signInDemo } from '../test/helpers/live-citizen.ts';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';

/**
 * Submissions and public lookups against the real server, beside a bare Fastify server doing the
 * equivalent single statement on the same engine (PostgreSQL when DATABASE_URL is set, else the
 * embedded one), rounds alternated, load from autocannon. Prints, per connection count, the
 * medians over the rounds and the ratio of the server's throughput to the bare one's.
 * Usage: [DATABASE_URL=postgres://…/empty_db] node bench/throughput.ts --only submission|lookup
 * [--rounds 5] [--seconds 5] [--connections 16,64]; BENCH_NODE_OPTIONS='--cpu-prof
 * --cpu-prof-dir=…' profiles the server; BENCH_SERVER_OUTPUT=1 prints the server's own output at the end.
 * Also printed: the CPU time per request of the server process and, on PostgreSQL, of the
 * database's processes. The bare server is a process of its own, as the server is: the load
 * generator runs in this one, apart from both.
 */
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'submission' },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16,64' },
  },
});
const kind = values.only === 'lookup' ? 'lookup' : 'submission';
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connectionCounts = values.connections.split(',').map(Number);
const databaseUrl = process.env.DATABASE_URL ?? '';
const WARM_UP_SECONDS = 3;

/** The bare equivalent, a process of its own (`bare-throughput-server.ts`), as the server is. */
async function bareServer() {
  const child = spawn(
    process.execPath,
    [path.join(import.meta.dirname, 'bare-throughput-server.ts')],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening (\S+)/.exec(output);
      if (listening?.[1]) resolve(listening[1]);
    });
    void exited.then(() => reject(new Error(`the bare server exited:\n${output}`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    codes: async () => (await (await fetch(`${url}/codes`)).json()) as string[],
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

type Run = {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** CPU time per request of the server process and of PostgreSQL's processes, in µs. */
  serverCpu: number;
  databaseCpu: number;
};

async function load(options: autocannon.Options, serverPid = 0): Promise<Run> {
  const cpuBefore = { server: processCpuMicros(serverPid), database: postgresCpuMicros() };
  const result = await autocannon({ duration: seconds, ...options });
  const requests = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.non2xx,
    serverCpu: (processCpuMicros(serverPid) - cpuBefore.server) / requests,
    databaseCpu: postgresCpuSince(cpuBefore.database) / requests,
  };
}

/** Requests that cycle through `paths`. */
const cycling = (paths: string[]) => {
  let i = 0;
  return [
    {
      setupRequest: (request: autocannon.Request) => ({
        ...request,
        path: paths[i++ % paths.length] ?? '/',
      }),
    },
  ];
};

const server = await startServer({
  env: {
    DATABASE_URL: databaseUrl,
    WORKERS: 'false',
    DEMO_HISTORY: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_LOOKUP_PER_MINUTE: '100000000',
    LOG_LEVEL: 'warn',
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  },
});
const bare = await bareServer();
try {
  const { headers } = await signInDemo(server.url, 'Nguyễn Văn An');
  const serviceId = await marriageRegistrationServiceId(server.url);
  const submission = JSON.stringify({
    serviceId,
    formData: marriageRegistrationForm,
    documents: [],
  });
  const app: autocannon.Options = {
    url: `${server.url}/api/v1/dossiers`,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: submission,
  };
  const baseline: autocannon.Options = {
    url: `${bare.url}/submit`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(marriageRegistrationForm),
  };

  if (kind === 'lookup') {
    // Dossiers to look up, on both sides.
    await load({ ...app, connections: 4, amount: 200 });
    await load({ ...baseline, connections: 4, amount: 200 });
    const mine = (await (await fetch(`${server.url}/api/v1/dossiers`, { headers })).json()) as {
      code: string;
    }[];
    const codes = mine.map((d) => d.code);
    app.url = server.url;
    app.method = 'GET';
    app.headers = {}; // the public lookup is anonymous, as the bare select is
    delete app.body;
    app.requests = cycling(codes.map((code) => `/api/v1/public/dossiers/${code}`));
    baseline.url = bare.url;
    baseline.method = 'GET';
    delete baseline.body;
    baseline.requests = cycling((await bare.codes()).map((code) => `/lookup/${code}`));
  }

  // Both sides warmed up alike before anything is measured: the JIT, each pool connection's
  // prepared statements, PostgreSQL's choice of a generic plan after five executions.
  await load({ ...app, connections: 16, duration: WARM_UP_SECONDS });
  await load({ ...baseline, connections: 16, duration: WARM_UP_SECONDS });

  for (const connections of connectionCounts) {
    const runs: { app: Run[]; bare: Run[] } = { app: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      // alternate which side goes first, so neither always meets a warmer machine
      const order = round % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
      for (const side of order)
        runs[side].push(
          side === 'app'
            ? await load({ ...app, connections }, server.process.pid)
            : await load({ ...baseline, connections }, bare.pid),
        );
      const last = (side: 'app' | 'bare') => runs[side][runs[side].length - 1];
      process.stdout.write(
        `round=${String(round + 1)} connections=${String(connections)} rps=${last('app')?.rps.toFixed(0) ?? ''} baseline_rps=${last('bare')?.rps.toFixed(0) ?? ''} p99_ms=${String(last('app')?.p99 ?? '')} errors=${String(last('app')?.errors ?? '')}\n`,
      );
    }
    const rps = median(runs.app.map((r) => r.rps));
    const baselineRps = median(runs.bare.map((r) => r.rps));
    process.stdout.write(
      `BENCH ${kind} engine=${databaseUrl ? 'postgresql' : 'pglite'} connections=${String(connections)} ratio=${(rps / baselineRps).toFixed(3)} rps=${rps.toFixed(0)} p50_ms=${String(median(runs.app.map((r) => r.p50)))} p99_ms=${String(median(runs.app.map((r) => r.p99)))} max_ms=${String(Math.max(...runs.app.map((r) => r.max)))} baseline_rps=${baselineRps.toFixed(0)} baseline_p99_ms=${String(median(runs.bare.map((r) => r.p99)))} errors=${String(runs.app.reduce((sum, r) => sum + r.errors, 0))} server_cpu_us=${median(runs.app.map((r) => r.serverCpu)).toFixed(0)} baseline_server_cpu_us=${median(runs.bare.map((r) => r.serverCpu)).toFixed(0)}${databaseUrl ? ` db_cpu_us=${median(runs.app.map((r) => r.databaseCpu)).toFixed(0)} baseline_db_cpu_us=${median(runs.bare.map((r) => r.databaseCpu)).toFixed(0)}` : ''}\n`,
    );
  }
} finally {
  if (process.env.BENCH_SERVER_OUTPUT) process.stderr.write(server.output());
  await bare.close();
  await server.stop();
  await removeDataDir(server.dataDir);
}
