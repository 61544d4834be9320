import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { seedFeedbackHistory } from '../src/server/db/seed/feedback-history.ts';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';

/**
 * The feedback desk's list and the public page of answers at national size, against the real
 * server process on PostgreSQL, beside a bare Fastify + pg server running the one indexed query
 * each page needs at its simplest (same database, same machine, rounds alternated): the ratio is
 * what the product costs above the database.
 * Usage: DATABASE_URL=postgres://…/empty_db npm run bench:feedback -- [--items 1000000]
 * [--requests 600] [--rounds 3] [--concurrency 2]
 */
const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '600' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '2' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('bench:feedback needs DATABASE_URL=postgres://… (an empty database)\n');
  process.exit(2);
}
const concurrency = Number(values.concurrency);

const SEARCHES = [
  'tre hen',
  'một cửa',
  'thanh toan le phi',
  'giay to khong co',
  'cu tru',
  'tải tệp',
];
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Runs `count` requests, `concurrency` at a time; answers the latencies, sorted, and the failures. */
async function measure(count: number, request: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let failures = 0;
  let issued = 0;
  const worker = async () => {
    while (issued < count) {
      const i = issued++;
      const started = performance.now();
      if (!(await request(i))) failures += 1;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: latencies.sort((a, b) => a - b), failures };
}

const server = await startServer({
  env: {
    DATABASE_URL: url,
    DEMO_MODE: 'true',
    DEMO_HISTORY: 'false',
    WORKERS: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  },
});
const database = await openDatabase({ url });
const client = new pg.Client({ connectionString: url });
await client.connect();
const baseline = Fastify({ logger: false });
const pool = new pg.Pool({ connectionString: url, max: 10 });
try {
  const existing = Number(
    ((await client.query('select count(*) as n from feedback')).rows[0] as { n: string }).n,
  );
  const started = performance.now();
  if (existing < Number(values.items)) {
    await seedFeedbackHistory(database.db, { items: Number(values.items) });
    await client.query('analyze feedback');
  }
  const total = Number(
    ((await client.query('select count(*) as n from feedback')).rows[0] as { n: string }).n,
  );
  process.stdout.write(
    `feedback=${String(total)} seeded_s=${((performance.now() - started) / 1000).toFixed(1)}\n`,
  );

  // The national desk and a ward's desk, signed in as their officers.
  const signIn = async (fullName: string) => {
    const account = (await client.query('select id from account where full_name = $1', [fullName]))
      .rows[0] as { id: string };
    const response = await fetch(`${server.url}/api/v1/auth/demo/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: account.id }),
    });
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const desks = [await signIn('Đinh Thị Phượng'), await signIn('Trương Văn Quang')];
  const deskPaths = ['view=desk', 'view=desk&page=3', 'view=overdue', 'view=desk&state=forwarded'];
  const deskAgency = (await client.query(`select id from agency where code = '000.00.00.G22'`))
    .rows[0] as { id: string };

  // The bare server: the desk's first page and the public page's, as one indexed query each.
  baseline.get('/desk', async () => {
    const { rows } = await pool.query(
      `select code, title, state, received_at, due_at from feedback
       where holder_agency_id = $1 order by received_at desc limit 21`,
      [deskAgency.id],
    );
    return rows as unknown[];
  });
  baseline.get('/public', async () => {
    const { rows } = await pool.query(
      `select code, public_title, public_content, public_answer from feedback
       where published_at is not null order by published_at desc limit 21`,
    );
    return rows as unknown[];
  });
  const baselineUrl = await baseline.listen({ port: 0, host: '127.0.0.1' });

  const get = async (target: string, cookie?: string) => {
    const response = await fetch(target, cookie ? { headers: { cookie } } : {});
    await response.arrayBuffer();
    return response.status === 200;
  };
  const runs = {
    desk: (i: number) =>
      get(
        `${server.url}/api/v1/officer/feedback?${deskPaths[i % deskPaths.length] ?? ''}`,
        desks[i % desks.length],
      ),
    deskBaseline: () => get(`${baselineUrl}/desk`),
    search: (i: number) =>
      get(
        `${server.url}/api/v1/public/feedback?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length] ?? '')}${i % 5 === 0 ? '&page=2' : ''}`,
      ),
    searchBaseline: () => get(`${baselineUrl}/public`),
  };
  // warm-up: plans, caches, JIT
  for (const run of Object.values(runs)) await measure(100, run);

  const collected: Record<keyof typeof runs, number[]> = {
    desk: [],
    deskBaseline: [],
    search: [],
    searchBaseline: [],
  };
  let failures = 0;
  for (let round = 0; round < Number(values.rounds); round++)
    for (const name of Object.keys(runs) as (keyof typeof runs)[]) {
      const result = await measure(Number(values.requests), runs[name]);
      collected[name].push(...result.latencies);
      failures += result.failures;
    }
  for (const list of Object.values(collected)) list.sort((a, b) => a - b);
  const p95 = (name: keyof typeof runs) => percentile(collected[name], 95);
  process.stdout.write(
    `rounds=${values.rounds} requests_per_round=${values.requests} concurrency=${String(concurrency)} failures=${String(failures)}\n`,
  );
  process.stdout.write(
    `BENCH feedback_desk p95_ms=${p95('desk').toFixed(1)} baseline_p95_ms=${p95('deskBaseline').toFixed(1)} ratio=${(p95('desk') / p95('deskBaseline')).toFixed(2)}\n`,
  );
  process.stdout.write(
    `BENCH feedback_public_search p95_ms=${p95('search').toFixed(1)} baseline_p95_ms=${p95('searchBaseline').toFixed(1)} ratio=${(p95('search') / p95('searchBaseline')).toFixed(2)}\n`,
  );
  if (failures > 0) process.exitCode = 1;
} finally {
  await baseline.close();
  await pool.end();
  await client.end();
  await database.close();
  await server.stop();
  await removeDataDir(server.dataDir);
}
