import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import yauzl from 'yauzl';
import { vietnamDate } from '../src/domain/vietnam-time.ts';
import { signInDemo } from '../test/helpers/live-citizen.ts';
import { removeDataDir, startServer } from '../test/helpers/server-process.ts';
import { seedDossiers } from './seed-dossiers.ts';

/** How many `<row>` the workbook's sheet holds, read with a zip reader that checks the CRC. */
async function sheetRows(xlsx: Buffer): Promise<number> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(xlsx, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== 'xl/worksheets/sheet1.xml') return;
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        let count = 0;
        let tail = '';
        stream.on('data', (chunk: Buffer) => {
          const text = tail + chunk.toString('latin1');
          count += text.split('<row>').length - 1;
          tail = text.slice(-4);
        });
        stream.on('end', () => resolve(count)).on('error', reject);
      });
    });
    zip.on('error', reject);
  });
}

/**
 * The dossier register of every demo ward over two years, exported as CSV and as XLSX by the real
 * server on PostgreSQL: seeds the dossiers if missing, then downloads each file whole while
 * sampling the server's resident memory. Prints `BENCH export format=… rows=… s=… mb=…
 * rss_growth_mb=… baseline_s=… ratio=…`: the growth over the server's memory before the export,
 * and the time against a bare keyset read of the same rows with `pg` in the same run.
 * Usage: DATABASE_URL=postgres://…/empty_db npm run bench:export -- [--dossiers 1000000]
 * [--formats csv,xlsx];
 * BENCH_NODE_OPTIONS is passed to the server (`--max-old-space-size=…` tells garbage from buffers).
 */
const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '1000000' },
    // in this order, on one server: the first export also grows the heap to its working size
    formats: { type: 'string', default: 'csv,xlsx' },
  },
});
const formats = values.formats
  .split(',')
  .filter((f): f is 'csv' | 'xlsx' => f === 'csv' || f === 'xlsx');
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('bench:export needs DATABASE_URL=postgres://… (an empty database)\n');
  process.exit(2);
}

const server = await startServer({
  env: {
    DATABASE_URL: url,
    WORKERS: 'false',
    DEMO_HISTORY: 'false',
    LOG_LEVEL: 'warn',
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  },
});
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const existing = Number(
    ((await client.query('select count(*) as n from dossier')).rows[0] as { n: string }).n,
  );
  const wanted = Number(values.dossiers);
  if (existing < wanted) {
    const seconds = await seedDossiers(client, wanted - existing, existing);
    process.stdout.write(
      `seeded ${String(wanted - existing)} dossiers in ${seconds.toFixed(0)} s\n`,
    );
  }
  // Sài Gòn's desk officer, given the desk of every demo ward: one register of all the dossiers.
  await client.query(
    `insert into officer_role (account_id, agency_id, role)
     select account.id, agency.id, 'reception' from account, agency
     where account.full_name = 'Lê Minh Châu' and agency.level = 'commune'
     on conflict do nothing`,
  );
  const { headers } = await signInDemo(server.url, 'Lê Minh Châu');
  const rssMb = async () => {
    const status = await readFile(`/proc/${String(server.process.pid)}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  };
  const to = vietnamDate(new Date());
  const from = `${String(Number(to.slice(0, 4)) - 3)}${to.slice(4)}`;
  // The bare baseline, in the same run: the same rows read by keyset with `pg` and written as
  // CSV lines to nowhere.
  const bareStarted = performance.now();
  let after: [Date, string] | undefined;
  let bareBytes = 0;
  for (;;) {
    const { rows: batch } = await client.query<{ id: string; code: string; submitted_at: Date }>(
      `select id, code, status, applicant_name, submitted_at from dossier
       ${after ? 'where (submitted_at, id) > ($1, $2::uuid)' : ''}
       order by submitted_at, id limit 2000`,
      after ?? [],
    );
    let chunk = '';
    for (const row of batch) chunk += `${Object.values(row).join(',')}\r\n`;
    bareBytes += chunk.length;
    const last = batch.at(-1);
    if (!last) break;
    after = [last.submitted_at, last.id];
  }
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  process.stdout.write(`baseline: ${String(bareBytes)} characters of CSV lines read\n`);

  let rows = 0;
  for (const format of formats) {
    const before = await rssMb();
    let peak = before;
    const sampler = setInterval(() => {
      void rssMb().then((mb) => (peak = Math.max(peak, mb)));
    }, 200);
    const started = performance.now();
    const response = await fetch(
      `${server.url}/api/v1/officer/register?from=${from}&to=${to}&format=${format}`,
      { headers },
    );
    if (response.status !== 200 || !response.body)
      throw new Error(`export answered ${String(response.status)}: ${await response.text()}`);
    let bytes = 0;
    let lineBreaks = 0;
    const workbook: Buffer[] = [];
    for await (const chunk of response.body) {
      bytes += chunk.length;
      if (format === 'xlsx') workbook.push(Buffer.from(chunk));
      else for (const byte of chunk) if (byte === 10) lineBreaks += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    // the workbook's rows, counted in its sheet: the title, the agency, a blank and the headings first
    rows = format === 'csv' ? lineBreaks - 1 : (await sheetRows(Buffer.concat(workbook))) - 4;
    process.stdout.write(
      `BENCH export format=${format} rows=${String(rows)} s=${seconds.toFixed(1)} mb=${(bytes / 1048576).toFixed(0)} rss_growth_mb=${(peak - before).toFixed(0)} baseline_s=${bareSeconds.toFixed(1)} ratio=${(seconds / bareSeconds).toFixed(1)}\n`,
    );
  }
} finally {
  await client.end();
  await server.stop();
  await removeDataDir(server.dataDir);
}
