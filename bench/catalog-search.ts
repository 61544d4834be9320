import { parseArgs } from 'node:util';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';

/**
 * Public catalog search under load, against the real server process on PostgreSQL.
 * Usage: DATABASE_URL=postgres://… npm run bench:catalog -- [--requests 4000] [--concurrency 2]
 * (seed the database first with `npm run seed:scale -- --services 50000`).
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    concurrency: { type: 'string', default: '8' },
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
function requestPath(): string {
  const params = new URLSearchParams();
  const roll = next();
  if (roll < 0.7) params.set('q', pick(QUERIES));
  if (roll >= 0.55 && roll < 0.8)
    params.set('agency', `000.00.00.H${String(1 + Math.floor(next() * 34)).padStart(2, '0')}`);
  if (roll >= 0.8 && roll < 0.9)
    params.set('field', pick(['Hộ tịch', 'Xây dựng', 'Đất đai', 'Đường bộ', 'Thuế']));
  if (roll >= 0.9) params.set('level', 'full');
  if (next() < 0.1) params.set('page', String(2 + Math.floor(next() * 4)));
  return `/api/v1/catalog/services?${params.toString()}`;
}

const server = await startServer({
  env: {
    DATABASE_URL: url,
    DEMO_MODE: 'false',
    WORKERS: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
  },
});
try {
  const total = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const latencies: number[] = [];
  let failures = 0;
  let issued = 0;

  async function worker(record: boolean) {
    while (issued < total) {
      issued += 1;
      const started = performance.now();
      const response = await fetch(`${server.url}${requestPath()}`);
      await response.arrayBuffer();
      if (response.status !== 200) failures += 1;
      if (record) latencies.push(performance.now() - started);
    }
  }

  // warm-up (300 requests, not measured): query plans, caches, JIT
  issued = Math.max(0, total - 300);
  await Promise.all(Array.from({ length: concurrency }, () => worker(false)));
  issued = 0;

  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => worker(true)));
  const seconds = (performance.now() - started) / 1000;

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  process.stdout.write(
    `requests=${latencies.length} concurrency=${concurrency} failures=${failures} p50_ms=${percentile(50).toFixed(1)} p99_ms=${percentile(99).toFixed(1)}\n`,
  );
  process.stdout.write(
    `BENCH catalog_search p95_ms=${percentile(95).toFixed(1)} rps=${(latencies.length / seconds).toFixed(0)}\n`,
  );
  if (failures > 0) process.exitCode = 1;
} finally {
  await server.stop();
  await removeDataDir(server.dataDir);
}
