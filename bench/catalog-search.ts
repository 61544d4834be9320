import { parseArgs } from 'node:util';
import { publishedServicesQuery } from '../src/server/modules/catalog/index.ts';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';
import { bareStatementServer } from './bare-statement.ts';
import { measure, median, percentile } from './measure.ts';

/**
 * Public catalog search under load, against the real server process on PostgreSQL, beside a bare
 * Fastify server running the same search statement with `pg` (the repository's query, compiled),
 * rounds alternated, the same requests in the same order. Prints `BENCH catalog_search p95_ms=…
 * baseline_p95_ms=… ratio=…` (the server's p95 over the bare one's, medians of the rounds).
 * Usage: DATABASE_URL=postgres://… npm run bench:catalog -- [--requests 2000] [--concurrency 8]
 * [--rounds 3] (seed the database first with `npm run seed:scale -- --services 50000`).
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write(
    'bench:catalog needs DATABASE_URL=postgres://… seeded by npm run seed:scale\n',
  );
  process.exit(2);
}

const QUERIES = [
  'khai sinh',
  'dang ky khai sinh',
  'khai snh',
  'Đăng ký kết hôn',
  'ket hon',
  'giấy phép xây dựng',
  'giay phep xay dung nha o',
  'giay phep lai xe',
  'cấp lại giấy phép lái xe',
  'ho kinh doanh',
  'thanh lap doanh nghiep',
  'ly lich tu phap',
  'tro cap xa hoi',
  'chung thuc ban sao',
  'chứng chỉ hành nghề dược',
  'an toan thuc pham',
  'hoan thue',
  'nhan hieu',
  'giấy chứng nhận quyền sử dụng đất',
  'thu hoi giay phep',
];

let seed = 42;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** A mix like the portal's: mostly text searches, some narrowed by agency, field or level, some browsing. */
function requestQuery(): string {
  const params = new URLSearchParams();
  const roll = next();
  if (roll < 0.7) params.set('q', pick(QUERIES));
  if (roll >= 0.55 && roll < 0.8)
    params.set('agency', `000.00.00.H${String(1 + Math.floor(next() * 34)).padStart(2, '0')}`);
  if (roll >= 0.8 && roll < 0.9)
    params.set('field', pick(['Hộ tịch', 'Xây dựng', 'Đất đai', 'Đường bộ', 'Thuế']));
  if (roll >= 0.9) params.set('level', 'full');
  if (next() < 0.1) params.set('page', String(2 + Math.floor(next() * 4)));
  return params.toString();
}

/** The bare server: the search statement and nothing else (no session, schema, count or suggestions). */
const bareServer = () =>
  bareStatementServer(url, (db, query) =>
    publishedServicesQuery(
      db,
      {
        query: query.q?.toLowerCase().replace(/\s+/g, ' ').trim(),
        agencyCode: query.agency,
        field: query.field,
        onlineLevel: query.level === 'full' ? 'full' : undefined,
      },
      { offset: (Number(query.page ?? 1) - 1) * 20, limit: 20 },
    ).compile(),
  );

const server = await startServer({
  env: {
    DATABASE_URL: url,
    DEMO_MODE: 'false',
    WORKERS: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  },
});
const bare = await bareServer();
try {
  const total = Number(values.requests);
  const concurrency = Number(values.concurrency);

  /** `total` requests of the mix against `base`, `concurrency` at a time, the same ones each time. */
  async function round(base: string) {
    seed = 42;
    const run = await measure(total, concurrency, async () => {
      const response = await fetch(`${base}?${requestQuery()}`);
      await response.arrayBuffer();
      return response.status === 200;
    });
    const at = (p: number) => percentile(run.latencies, p);
    return { p50: at(50), p95: at(95), p99: at(99), rps: run.rps, failures: run.failures };
  }

  const served = `${server.url}/api/v1/catalog/services`;
  // warm-up, not measured: query plans, caches, JIT
  await round(served);
  await round(bare.url);
  const ours: Awaited<ReturnType<typeof round>>[] = [];
  const baseline: Awaited<ReturnType<typeof round>>[] = [];
  for (let r = 0; r < Number(values.rounds); r++) {
    ours.push(await round(served));
    baseline.push(await round(bare.url));
  }
  const medianOf = (runs: typeof ours, key: 'p50' | 'p95' | 'p99' | 'rps') =>
    median(runs.map((run) => run[key]));
  const failures = ours.reduce((sum, run) => sum + run.failures, 0);
  for (const [name, runs] of [
    ['server', ours],
    ['bare', baseline],
  ] as const)
    process.stdout.write(
      `${name}: ${runs.map((run) => `p95=${run.p95.toFixed(1)}`).join(' ')} p50_ms=${medianOf(runs, 'p50').toFixed(1)} p99_ms=${medianOf(runs, 'p99').toFixed(1)}\n`,
    );
  process.stdout.write(
    `BENCH catalog_search concurrency=${String(concurrency)} requests=${String(total)} failures=${String(failures)} p95_ms=${medianOf(ours, 'p95').toFixed(1)} baseline_p95_ms=${medianOf(baseline, 'p95').toFixed(1)} ratio=${(medianOf(ours, 'p95') / medianOf(baseline, 'p95')).toFixed(2)} rps=${medianOf(ours, 'rps').toFixed(0)} baseline_rps=${medianOf(baseline, 'rps').toFixed(0)}\n`,
  );
  if (failures > 0) process.exitCode = 1;
} finally {
  await bare.close();
  await server.stop();
  await removeDataDir(server.dataDir);
}
