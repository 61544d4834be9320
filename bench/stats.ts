import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monthKey } from '../src/domain/stats-period.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { createMonitoringService } from '../src/server/modules/monitoring/index.ts';
import { createReportService } from '../src/server/modules/reports/index.ts';
import { monthlyReportPdf, monthlyReportWorkbook } from '../src/server/modules/reports/index.ts';
import { LocalDiskStorage } from '../src/server/platform/file-storage.ts';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';

/**
 * The statistics under load, on a national-size history: the dashboard's API through the real
 * server (rankings and agency pages over months, quarters, the year), then the national monthly
 * report (figures, XLSX and PDF) for last month.
 * Usage: DATABASE_URL=postgres://… npm run bench:stats -- [--requests 400] [--concurrency 2]
 * (seed first: npm run seed:scale -- --services 50000 --dossiers 20000000).
 */
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '2' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write(
    'bench:stats needs DATABASE_URL=postgres://… seeded by npm run seed:scale\n',
  );
  process.exit(2);
}

let seed = 7;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

const now = new Date();
const lastMonth = monthKey(new Date(now.getTime() - 31 * 86_400_000));
const year = lastMonth.slice(0, 4);
const PERIODS = [
  lastMonth,
  monthKey(now),
  `${year}-Q${String(Math.ceil(Number(lastMonth.slice(5)) / 3))}`,
  year,
  'live',
];
const INDICATORS = ['fullOnlineShare', 'usedOnlineShare', 'onlineRate', 'onTimeRate'];

/** What the dashboard asks: mostly the ranking, sometimes one province's or ministry's page. */
function requestPath(): string {
  const period = pick(PERIODS);
  if (next() < 0.7) {
    const params = new URLSearchParams({ period, indicator: pick(INDICATORS) });
    if (next() < 0.5) params.set('level', pick(['province', 'ministry']));
    return `/api/v1/stats/agencies?${params.toString()}`;
  }
  const agency =
    next() < 0.7
      ? `000.00.00.H${String(1 + Math.floor(next() * 34)).padStart(2, '0')}`
      : `000.00.00.G${String(1 + Math.floor(next() * 17)).padStart(2, '0')}`;
  return `/api/v1/stats/agencies/${agency}?period=${period}`;
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

  async function worker(record: boolean, limit: number) {
    while (issued < limit) {
      issued += 1;
      const path = requestPath();
      const started = performance.now();
      const response = await fetch(`${server.url}${path}`);
      await response.arrayBuffer();
      if (response.status !== 200) {
        failures += 1;
        process.stderr.write(`${String(response.status)} ${path}\n`);
      }
      if (record) latencies.push(performance.now() - started);
    }
  }

  // warm-up (not measured): query plans, caches
  await Promise.all(Array.from({ length: concurrency }, () => worker(false, 40)));
  issued = 0;
  await Promise.all(Array.from({ length: concurrency }, () => worker(true, total)));

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  process.stdout.write(
    `requests=${String(latencies.length)} concurrency=${String(concurrency)} failures=${String(failures)} p50_ms=${percentile(50).toFixed(1)} p99_ms=${percentile(99).toFixed(1)}\n`,
  );
  process.stdout.write(`BENCH dashboard p95_ms=${percentile(95).toFixed(1)}\n`);
  if (failures > 0) process.exitCode = 1;
} finally {
  await server.stop();
  await removeDataDir(server.dataDir);
}

// The national monthly report, as the national office downloads it: figures, XLSX and PDF.
const database = await openDatabase({ url });
const filesDir = await mkdtemp(path.join(tmpdir(), 'opendvc-bench-'));
const reports = createReportService({
  db: database.db,
  storage: new LocalDiskStorage(filesDir),
  monitoring: createMonitoringService(database.db),
});
const nationalOffice = {
  accountId: '00000000-0000-0000-0000-000000000000',
  kind: 'officer' as const,
  fullName: 'Bench',
  citizenId: null,
  sessionId: 'bench',
  csrfToken: 'bench',
  roles: [
    { agencyId: '00000000-0000-0000-0000-000000000000', role: 'national_supervisor' as const },
  ],
  ip: '127.0.0.1',
};
const started = performance.now();
const report = await reports.report(nationalOffice, { agency: 'national', month: lastMonth });
await monthlyReportWorkbook(report, 'draft');
await monthlyReportPdf(report, 'draft');
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `national report ${lastMonth}: ${String(report.rows.length)} rows, ${String(report.total.indicators.dossiers.received)} dossiers received\n`,
);
process.stdout.write(`BENCH monthly_report s=${seconds.toFixed(2)}\n`);
await database.close();
await rm(filesDir, { recursive: true, force: true });
