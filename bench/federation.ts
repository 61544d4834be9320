import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import pg from 'pg';
import { birthRegistrationForm } from '../test/helpers/factories.ts';
import { SAMPLE_PDF } from '../test/helpers/test-app.ts';
import { removeDataDir, startServer, type RunningServer } from '../test/helpers/server-process.ts';

/**
 * Synchronisation from an agency system to the national portal (issue 20), two real server
 * processes on PostgreSQL: the province's officers make status changes over HTTP at a steady
 * rate, and the bench watches the portal's database for each change to arrive. Lag is from the
 * officer's answer (the change committed) to the portal having applied it.
 * The baseline, in alternating rounds: a bare relay doing the same trip without signatures,
 * sequence checks or the lifecycle (a table polled at the same interval as the sender, rows posted
 * as JSON to a bare Fastify + `pg` server that inserts them), watched the same way.
 * Then a backlog made while the portal is paused, and the rate it is taken in at, against the bare
 * relay's over the same backlog.
 * Usage: DATABASE_URL=postgres://…/any npm run bench:federation -- [--rate 100] [--seconds 15]
 * [--rounds 2]
 */
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '8' },
  },
});
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  process.stderr.write(
    'bench:federation needs DATABASE_URL=postgres://… (it makes its own databases)\n',
  );
  process.exit(2);
}
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const SENDER_INTERVAL_MS = 200; // startHubSync's default, used by the bare relay too
const WATCH_INTERVAL_MS = 10;

const databaseUrl = (name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function freshDatabase(name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return databaseUrl(name);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A signed-in person of the member's demo, over HTTP. */
async function personOf(server: RunningServer, db: pg.Client, fullName: string) {
  const account = await db.query<{ id: string }>('select id from account where full_name = $1', [
    fullName,
  ]);
  const signIn = await fetch(`${server.url}/api/v1/auth/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: account.rows[0]?.id }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await (
    await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })
  ).json()) as { account: { csrfToken: string } };
  const headers = { cookie, 'x-csrf-token': me.account.csrfToken };
  return {
    get: async <T>(path: string) =>
      (await (await fetch(`${server.url}${path}`, { headers })).json()) as T,
    post: (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    upload: async () => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([SAMPLE_PDF], { type: 'application/pdf' }),
        'giay-chung-sinh.pdf',
      );
      const response = await fetch(`${server.url}/api/v1/files`, {
        method: 'POST',
        headers,
        body: form,
      });
      return ((await response.json()) as { id: string }).id;
    },
  };
}
type Person = Awaited<ReturnType<typeof personOf>>;

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/** Watches a table for new rows by a growing number; records when each key was first seen. */
async function watcher(db: pg.Client, query: string, start: string) {
  const seen = new Map<string, number>();
  let last = Number((await db.query<{ n: string }>(start)).rows[0]?.n ?? 0);
  const state = { stopped: false };
  const running = (async () => {
    while (!state.stopped) {
      const rows = await db.query<{ n: string; key: string }>(query, [last]);
      const at = performance.now();
      for (const row of rows.rows) {
        seen.set(row.key, at);
        last = Math.max(last, Number(row.n));
      }
      await sleep(WATCH_INTERVAL_MS);
    }
  })();
  return {
    seen,
    async stop() {
      state.stopped = true;
      await running;
    },
  };
}

/** Runs `act` `count` times, one every 1000/rate ms; answers when each one's answer came. */
async function paced(count: number, act: (i: number) => Promise<string>) {
  const committed = new Map<string, number>();
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(act(i).then((key) => void committed.set(key, performance.now())));
  }
  await Promise.all(pending);
  return committed;
}

function lags(committed: Map<string, number>, seen: Map<string, number>) {
  return [...committed]
    .map(([key, at]) => Math.max(0, (seen.get(key) ?? NaN) - at))
    .sort((a, b) => a - b);
}

// --- the product: a hub and a province system ---------------------------------------------
const hubDb = await freshDatabase('opendvc_bench_hub');
const memberDb = await freshDatabase('opendvc_bench_member');
const env = { DATABASE_URL: '', DEMO_MODE: 'true', RATE_LIMIT_PER_MINUTE: '1000000' };
const hub = await startServer({ env: { ...env, DATABASE_URL: hubDb, INSTANCE_ROLE: 'national' } });
const member = await startServer({ env: { ...env, DATABASE_URL: memberDb, HUB_URL: hub.url } });
// A bench that fails midway must not leave servers behind (a paused one least of all).
process.on('exit', () => {
  for (const server of [hub, member]) {
    server.process.kill('SIGCONT');
    server.process.kill('SIGKILL');
  }
});
const hubClient = new pg.Client({ connectionString: hubDb });
const memberClient = new pg.Client({ connectionString: memberDb });
await hubClient.connect();
await memberClient.connect();

const citizen = await personOf(member, memberClient, 'Nguyễn Văn An');
const reception = await personOf(member, memberClient, 'Lê Minh Châu');
const specialist = await personOf(member, memberClient, 'Võ Thanh Giang');
const services = await citizen.get<{ items: { id: string; agency: { code: string } }[] }>(
  '/api/v1/catalog/services?q=khai%20sinh&agency=000.00.31.H29',
);
const serviceId = services.items.find((s) => s.agency.code === '000.00.31.H29')?.id;

type Prepared = { id: string; code: string; lockVersion: number };

/** Dossiers submitted (not timed), with the lock version an officer's screen would hold. */
async function submitMany(count: number) {
  const dossiers: Prepared[] = [];
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async () => {
      const fileId = await citizen.upload();
      const response = await citizen.post('/api/v1/dossiers', {
        serviceId,
        formData: birthRegistrationForm,
        documents: [{ documentKey: 'giay-chung-sinh', fileId }],
      });
      if (response.status !== 201) throw new Error(`submission: ${await response.text()}`);
      const { id } = (await response.json()) as { id: string };
      dossiers.push(await reception.get<Prepared>(`/api/v1/officer/dossiers/${id}`));
    },
  );
  return dossiers;
}

/** One status change of a dossier, as the officer's screen holds it; answers its key. */
async function act(officer: Person, dossier: Prepared, action: string): Promise<string> {
  const response = await officer.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
    action,
    lockVersion: dossier.lockVersion,
  });
  if (response.status !== 200) throw new Error(`${action}: ${await response.text()}`);
  dossier.lockVersion = ((await response.json()) as { lockVersion: number }).lockVersion;
  return `${dossier.code}:${action}`;
}

const productQuery = `select seq as n, code || ':' || action as key from member_dossier_event
  where seq > $1 order by seq limit 5000`;
const productStart = 'select coalesce(max(seq), 0) as n from member_dossier_event';

async function productRound() {
  const dossiers = await submitMany(Math.ceil((rate * seconds) / 2));
  const watch = await watcher(hubClient, productQuery, productStart);
  const changes = dossiers.flatMap((dossier) => [
    () => act(reception, dossier, 'receive'),
    () => act(specialist, dossier, 'claim'),
  ]);
  // each dossier's claim follows its receive: receives first, then claims, both paced
  const committed = await paced(changes.length, (i) => {
    const half = Math.ceil(changes.length / 2);
    const change = i < half ? changes[i * 2] : changes[(i - half) * 2 + 1];
    return (change ?? (() => Promise.resolve('')))();
  });
  const deadline = performance.now() + 60_000;
  while ([...committed.keys()].some((k) => !watch.seen.has(k)) && performance.now() < deadline)
    await sleep(20);
  await watch.stop();
  return lags(committed, watch.seen);
}

// --- the baseline: a bare relay between two tables over HTTP --------------------------------
const bareSource = await freshDatabase('opendvc_bench_bare_source');
const bareTarget = await freshDatabase('opendvc_bench_bare_target');
const sourceClient = new pg.Client({ connectionString: bareSource });
const targetPool = new pg.Pool({ connectionString: bareTarget, max: 10 });
await sourceClient.connect();
await sourceClient.query(
  'create table change (n bigserial primary key, key text not null, body jsonb not null)',
);
await targetPool.query(
  'create table applied (n bigint primary key, key text not null, body jsonb)',
);
const receiver = Fastify();
receiver.post('/messages', async (request) => {
  const { rows } = request.body as { rows: { n: string; key: string; body: unknown }[] };
  for (const row of rows)
    await targetPool.query('insert into applied (n, key, body) values ($1, $2, $3)', [
      row.n,
      row.key,
      JSON.stringify(row.body),
    ]);
  return { ok: true };
});
const receiverUrl = await receiver.listen({ port: 0, host: '127.0.0.1' });
const producerPool = new pg.Pool({ connectionString: bareSource, max: 10 });
let relayCursor = 0;
const relayState = { running: true, paused: false };
const relay = (async () => {
  while (relayState.running) {
    if (relayState.paused) {
      await sleep(SENDER_INTERVAL_MS);
      continue;
    }
    const { rows } = await sourceClient.query<{ n: string; key: string; body: unknown }>(
      'select n, key, body from change where n > $1 order by n limit 500',
      [relayCursor],
    );
    if (rows.length > 0) {
      await fetch(`${receiverUrl}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rows }),
      });
      relayCursor = Number(rows.at(-1)?.n);
    }
    await sleep(SENDER_INTERVAL_MS);
  }
})();
const targetClient = new pg.Client({ connectionString: bareTarget });
await targetClient.connect();
let bareKey = 0;

/** One change of the bare relay's source; answers its key. */
async function bareChange() {
  const key = `change-${String(bareKey++)}`;
  await producerPool.query('insert into change (key, body) values ($1, $2)', [
    key,
    JSON.stringify({ code: key, action: 'receive', to: 'received' }),
  ]);
  return key;
}

async function baselineRound() {
  const watch = await watcher(
    targetClient,
    'select n, key from applied where n > $1 order by n limit 5000',
    'select coalesce(max(n), 0) as n from applied',
  );
  const count = Math.ceil((rate * seconds) / 2) * 2;
  const committed = await paced(count, bareChange);
  const deadline = performance.now() + 60_000;
  while ([...committed.keys()].some((k) => !watch.seen.has(k)) && performance.now() < deadline)
    await sleep(20);
  await watch.stop();
  return lags(committed, watch.seen);
}

// --- rounds, alternating ------------------------------------------------------------------
const product: number[] = [];
const baseline: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const ours = await productRound();
  const bare = await baselineRound();
  product.push(...ours);
  baseline.push(...bare);
  process.stdout.write(
    `round ${String(round)}: product p95 ${percentile(ours, 95).toFixed(0)} ms (${String(ours.length)} changes), bare relay p95 ${percentile(bare, 95).toFixed(0)} ms\n`,
  );
}
product.sort((a, b) => a - b);
baseline.sort((a, b) => a - b);
const missing = product.filter((lag) => Number.isNaN(lag)).length;
const p95 = percentile(product, 95);
const baselineP95 = percentile(baseline, 95);
process.stdout.write(
  `BENCH sync_lag p95_ms=${p95.toFixed(0)} p50_ms=${percentile(product, 50).toFixed(0)} max_ms=${(product.at(-1) ?? NaN).toFixed(0)} changes=${String(product.length)} missing=${String(missing)} rate_per_s=${String(rate)} baseline_p95_ms=${baselineP95.toFixed(0)} baseline_p50_ms=${percentile(baseline, 50).toFixed(0)} ratio=${(p95 / baselineP95).toFixed(2)}\n`,
);

// --- a backlog: how many changes a second the portal takes in -------------------------------
// The portal is paused (SIGSTOP) while the province's officers receive dossiers flat out; once it
// resumes, the rate is the backlog over the time from its resumption to the last arrival (the
// sender's wait after its failed attempts included: that is how a real outage ends). The bare
// relay is paused the same way over a backlog of the same size, and timed the same way.
async function backlogRate(watch: Awaited<ReturnType<typeof watcher>>, keys: string[]) {
  const resumed = performance.now();
  const deadline = resumed + 180_000;
  while (keys.some((key) => !watch.seen.has(key)) && performance.now() < deadline) await sleep(20);
  await watch.stop();
  const arrivals = keys.map((key) => watch.seen.get(key) ?? NaN);
  return {
    perSecond: keys.length / ((Math.max(...arrivals) - resumed) / 1000),
    arrived: arrivals.filter((at) => !Number.isNaN(at)).length,
  };
}

{
  const dossiers = await submitMany(rate * seconds * 2);
  const watch = await watcher(hubClient, productQuery, productStart);
  hub.process.kill('SIGSTOP');
  const started = performance.now();
  const made: string[] = [];
  await inParallel(dossiers, concurrency, async (dossier) => {
    made.push(await act(reception, dossier, 'receive'));
  });
  const producerRate = made.length / ((performance.now() - started) / 1000);
  hub.process.kill('SIGCONT');
  const product = await backlogRate(watch, made);
  const duplicates = await hubClient.query<{ n: string }>(
    'select count(*) - count(distinct code || action) as n from member_dossier_event',
  );

  const bareWatch = await watcher(
    targetClient,
    'select n, key from applied where n > $1 order by n limit 5000',
    'select coalesce(max(n), 0) as n from applied',
  );
  relayState.paused = true;
  const bareKeys: string[] = [];
  await inParallel(made, concurrency, async () => {
    bareKeys.push(await bareChange());
  });
  relayState.paused = false;
  const bare = await backlogRate(bareWatch, bareKeys);
  process.stdout.write(
    `BENCH sync_rate changes_per_s=${product.perSecond.toFixed(0)} backlog=${String(made.length)} arrived=${String(product.arrived)} duplicates=${duplicates.rows[0]?.n ?? '?'} producer_per_s=${producerRate.toFixed(0)} baseline_changes_per_s=${bare.perSecond.toFixed(0)} ratio=${(product.perSecond / bare.perSecond).toFixed(2)}\n`,
  );
}

relayState.running = false;
await relay;
await receiver.close();
for (const client of [hubClient, memberClient, sourceClient, targetClient]) await client.end();
await targetPool.end();
await producerPool.end();
await member.stop();
await hub.stop();
await removeDataDir(member.dataDir);
await removeDataDir(hub.dataDir);
