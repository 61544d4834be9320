import { parseArgs } from 'node:util';
import pg from 'pg';
import { inboxPageQuery, type InboxFilter } from '../src/server/modules/dossiers/index.ts';
import { removeDataDir, startServer, type RunningServer } from '../test/helpers/server-process.ts';
import { bareStatementServer } from './bare-statement.ts';
import { measure, median, percentile } from './measure.ts';
import { seedDossiers } from './seed-dossiers.ts';

/**
 * The back office at scale, against the real server process on PostgreSQL: seeds a million
 * dossiers into the demo wards (SQL, not row by row), then measures the officers' inbox (its
 * filters, search and deep pages) and lifecycle transitions. The inbox is measured beside a bare
 * Fastify server running the inbox's own statement (the repository's query, compiled) with `pg`
 * for the same officer's agencies, rounds alternated; `BENCH inbox … ratio=` is the p95 over the
 * bare p95.
 * Usage: DATABASE_URL=postgres://…/empty_db npm run bench:processing -- [--dossiers 1000000]
 * [--concurrency 2]; BENCH_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=…' profiles the server.
 */
const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '1500' },
    transitions: { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('bench:processing needs DATABASE_URL=postgres://… (an empty database)\n');
  process.exit(2);
}

type Session = { cookie: string; csrf: string };

async function signIn(server: RunningServer, fullName: string): Promise<Session> {
  const accounts = (await (await fetch(`${server.url}/api/v1/auth/demo/accounts`)).json()) as {
    id: string;
    fullName: string;
  }[];
  const account = accounts.find((a) => a.fullName === fullName);
  if (!account) throw new Error(`demo account ${fullName} missing`);
  const response = await fetch(`${server.url}/api/v1/auth/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: account.id }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await (
    await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })
  ).json()) as { account: { csrfToken: string } | null };
  if (!me.account) throw new Error(`demo sign-in of ${fullName} failed`);
  return { cookie, csrf: me.account.csrfToken };
}

/** The bare server: the inbox's statement for the given agencies, and nothing else. */
const bareInbox = (agencyIds: string[]) =>
  bareStatementServer(url, (db, query) =>
    inboxPageQuery(db, agencyIds, {
      status: query.status as InboxFilter['status'],
      procedureCode: query.procedure,
      channel: query.channel as InboxFilter['channel'],
      deadline: query.deadline as InboxFilter['deadline'],
      q: query.q,
      view: 'held',
      sort: (query.sort ?? 'submitted_desc') as InboxFilter['sort'],
      limit: 20,
      offset: (Number(query.page ?? 1) - 1) * 20,
      now: new Date(),
      dueSoonBefore: new Date(Date.now() + 86_400_000),
    }).compile(),
  );

const client = new pg.Client({ connectionString: url });
await client.connect();
const server = await startServer({
  env: {
    DATABASE_URL: url,
    DEMO_MODE: 'true',
    WORKERS: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  },
});
try {
  const countDossiers = async () =>
    Number((await client.query<{ n: string }>('select count(*) as n from dossier')).rows[0]?.n);
  const existing = await countDossiers();
  const wanted = Number(values.dossiers);
  if (existing < wanted) {
    const seconds = await seedDossiers(client, wanted - existing, existing);
    process.stdout.write(
      `seeded ${String(wanted - existing)} dossiers in ${seconds.toFixed(0)} s\n`,
    );
  }

  const desk = await signIn(server, 'Lê Minh Châu');
  const code = (
    await client.query<{ code: string }>(
      `select d.code from dossier d join agency a on a.id = d.holder_agency_id
       where a.code = '000.00.31.H29' order by d.submitted_at desc offset 5000 limit 1`,
    )
  ).rows[0]?.code;
  if (!code) throw new Error('no dossier to search for');
  const inboxQueries = [
    '',
    'status=submitted',
    'status=processing',
    'deadline=overdue',
    'deadline=due_soon&sort=due_asc',
    'channel=counter',
    'q=nguyen%20van%20an',
    'q=tran%20thi%20mai',
    `q=${encodeURIComponent(code)}`,
    'page=50',
    'sort=submitted_asc',
    'procedure=1.001193&status=returned',
  ];
  const concurrency = Number(values.concurrency);
  const deskAgencies = (
    await client.query<{ agency_id: string }>(
      `select distinct r.agency_id from officer_role r join account a on a.id = r.account_id
       where a.full_name = 'Lê Minh Châu'`,
    )
  ).rows.map((row) => row.agency_id);
  const bare = await bareInbox(deskAgencies);
  const byQuery = new Map<string, number[]>();
  const inboxCall =
    (base: string, headers: Record<string, string>, record: boolean) => async (i: number) => {
      const query = inboxQueries[i % inboxQueries.length] ?? '';
      const t0 = performance.now();
      const response = await fetch(`${base}?${query}`, { headers });
      await response.arrayBuffer();
      if (record) byQuery.set(query, [...(byQuery.get(query) ?? []), performance.now() - t0]);
      return response.status === 200;
    };
  const served = inboxCall(`${server.url}/api/v1/officer/inbox`, { cookie: desk.cookie }, true);
  const bareCall = inboxCall(bare.url, {}, false);
  // warm-up: plans, caches, JIT
  await measure(200, concurrency, served);
  await measure(200, concurrency, bareCall);
  byQuery.clear();
  const rounds: {
    server: Awaited<ReturnType<typeof measure>>;
    bare: Awaited<ReturnType<typeof measure>>;
  }[] = [];
  for (let r = 0; r < Number(values.rounds); r++)
    rounds.push({
      server: await measure(Number(values.requests), concurrency, served),
      bare: await measure(Number(values.requests), concurrency, bareCall),
    });
  await bare.close();
  for (const [query, latencies] of byQuery)
    process.stdout.write(
      `  inbox ?${query || '(default)'} p95_ms=${percentile(
        latencies.sort((a, b) => a - b),
        95,
      ).toFixed(1)}\n`,
    );
  const inboxP95 = median(rounds.map((round) => percentile(round.server.latencies, 95)));
  const bareP95 = median(rounds.map((round) => percentile(round.bare.latencies, 95)));
  const inboxFailures = rounds.reduce(
    (sum, round) => sum + round.server.failures + round.bare.failures,
    0,
  );
  process.stdout.write(
    `inbox rounds: ${rounds.map((round) => `p95=${percentile(round.server.latencies, 95).toFixed(1)}/${percentile(round.bare.latencies, 95).toFixed(1)}`).join(' ')} (server/bare)\n`,
  );

  // Transitions: the desk receives submitted dossiers, one each, two officers at a time.
  const submitted = (
    await client.query(
      `select d.id, d.lock_version from dossier d join agency a on a.id = d.holder_agency_id
       where a.code = '000.00.31.H29' and d.status = 'submitted' limit $1`,
      [Number(values.transitions) + 50],
    )
  ).rows as { id: string; lock_version: number }[];
  let reported = false;
  const receive = async (i: number) => {
    const dossier = submitted[i];
    if (!dossier) return false;
    const response = await fetch(`${server.url}/api/v1/officer/dossiers/${dossier.id}/actions`, {
      method: 'POST',
      headers: {
        cookie: desk.cookie,
        'x-csrf-token': desk.csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ action: 'receive', lockVersion: dossier.lock_version }),
    });
    const body = await response.text();
    if (response.status !== 200 && !reported) {
      reported = true;
      process.stderr.write(`transition refused: ${String(response.status)} ${body}\n`);
    }
    return response.status === 200;
  };
  await measure(50, concurrency, (i) => receive(Number(values.transitions) + i));
  const transitions = await measure(Number(values.transitions), concurrency, receive);
  process.stdout.write(
    `transitions=${String(transitions.latencies.length)} failures=${String(transitions.failures)} p50_ms=${percentile(transitions.latencies, 50).toFixed(1)}\n`,
  );
  const total = await countDossiers();
  process.stdout.write(`dossiers=${String(total)} concurrency=${String(concurrency)}\n`);
  process.stdout.write(
    `BENCH inbox failures=${String(inboxFailures)} p95_ms=${inboxP95.toFixed(1)} baseline_p95_ms=${bareP95.toFixed(1)} ratio=${(inboxP95 / bareP95).toFixed(2)}\n`,
  );
  process.stdout.write(
    `BENCH transition p95_ms=${percentile(transitions.latencies, 95).toFixed(1)} rps=${transitions.rps.toFixed(0)}\n`,
  );
  if (inboxFailures + transitions.failures > 0) process.exitCode = 1;
} finally {
  await client.end();
  await server.stop();
  await removeDataDir(server.dataDir);
}
