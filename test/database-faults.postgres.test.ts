import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  birthRegistrationServiceId,
  marriageRegistrationServiceId,
  signInDemoCitizen,
  submitBirthRegistrationOver,
  submitMarriageRegistrationOver,
  uploadBirthCertificate,
  type SubmissionOutcome,
} from './helpers/live-citizen.ts';
import { removeDataDir, startServer, type RunningServer } from './helpers/server-process.ts';
import { startFaultyProxy, type FaultyProxy } from './helpers/tcp-proxy.ts';

// Runs on the PostgreSQL pass only (vitest.config.ts): it needs a database reached over TCP.
const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const name = `opendvc_faults_${randomBytes(5).toString('hex')}`;

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const databases: string[] = [];
const servers: RunningServer[] = [];
const proxies: FaultyProxy[] = [];
let server: RunningServer | undefined;
afterAll(async () => {
  for (const running of servers) {
    await running.stop('SIGKILL');
    await removeDataDir(running.dataDir);
  }
  for (const proxy of proxies) await proxy.close();
  for (const database of databases) await admin(`drop database if exists ${database} with (force)`);
});

/** The real server on a new database of its own, reached through a proxy the test can break. */
async function startBehindProxy(env: Record<string, string> = {}) {
  const database = `${name}_${String(databases.length)}`;
  await admin(`create database ${database}`);
  databases.push(database);
  const proxy = await startFaultyProxy({
    host: serverUrl.hostname,
    port: Number(serverUrl.port || 5432),
  });
  proxies.push(proxy);
  const proxied = new URL(serverUrl);
  proxied.host = `127.0.0.1:${String(proxy.port)}`;
  proxied.pathname = `/${database}`;
  server = await startServer({
    env: { DATABASE_URL: proxied.toString(), WORKERS: 'true', ...env },
  });
  servers.push(server);
  return { proxy, server, database };
}

/** Polls until `check` holds, at most `withinMs`; answers how long it took. */
async function waitUntil(check: () => Promise<boolean>, withinMs: number) {
  const started = performance.now();
  while (performance.now() - started < withinMs) {
    if (server?.process.exitCode !== null)
      throw new Error(`the server exited:\n${server?.output().slice(-2000) ?? ''}`);
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`not within ${withinMs} ms`);
}

const statusOf = (url: string) =>
  fetch(url).then(
    (response) => response.status,
    () => 0,
  );

describe('PostgreSQL connections cut under load', () => {
  it('stays up, answers 503 while the database is unreachable, recovers within 5 s and loses no acknowledged dossier', async () => {
    const { proxy, server, database } = await startBehindProxy();
    const url = server.url;
    const headers = await signInDemoCitizen(url);
    const serviceId = await birthRegistrationServiceId(url);
    const withoutFilesId = await marriageRegistrationServiceId(url);

    // Four citizens' worth of submissions with a file flow all along, and two without (written
    // in batches, on the connection kept for statements in order).
    const outcomes: SubmissionOutcome[] = [];
    const withoutFiles: SubmissionOutcome[] = [];
    let loading = true;
    const submitter = async () => {
      while (loading) {
        const upload = await uploadBirthCertificate(url, headers).catch(() => ({
          status: 0,
          fileId: undefined,
        }));
        if (!upload.fileId) {
          outcomes.push({
            status: upload.status,
            code: undefined,
            retryAfter: null,
            contentType: null,
          });
          continue;
        }
        outcomes.push(await submitBirthRegistrationOver(url, headers, serviceId, upload.fileId));
      }
    };
    const submitterWithoutFiles = async () => {
      while (loading) {
        const outcome = await submitMarriageRegistrationOver(url, headers, withoutFilesId);
        withoutFiles.push(outcome);
        outcomes.push(outcome);
      }
    };
    const load = Promise.all([
      ...Array.from({ length: 4 }, submitter),
      ...Array.from({ length: 2 }, submitterWithoutFiles),
    ]);
    const acknowledgedCount = () => outcomes.filter((o) => o.status === 201).length;
    const afterMore = async (more: number) => {
      const target = acknowledgedCount() + more;
      await waitUntil(async () => acknowledgedCount() >= target, 30_000);
    };

    // Every connection is reset three times while submissions are in flight.
    for (let round = 0; round < 3; round += 1) {
      await afterMore(5);
      expect(proxy.resetAll()).toBeGreaterThan(0);
    }
    await afterMore(5);

    // The database becomes unreachable: readiness and submissions answer 503, health stays up.
    proxy.setDown(true);
    await waitUntil(async () => (await statusOf(`${url}/ready`)) === 503, 10_000);
    const refused = await submitBirthRegistrationOver(url, headers, serviceId, 'any');
    expect(refused.status).toBe(503);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(await statusOf(`${url}/health`)).toBe(200);

    // It comes back: within 5 s the server is ready and takes submissions again.
    proxy.setDown(false);
    const recoveryMs = await waitUntil(async () => (await statusOf(`${url}/ready`)) === 200, 5_000);
    await afterMore(3);
    // applications without files too, their connection opened again
    const withoutFilesBefore = withoutFiles.filter((o) => o.status === 201).length;
    await waitUntil(
      async () => withoutFiles.filter((o) => o.status === 201).length >= withoutFilesBefore + 3,
      5_000,
    );
    loading = false;
    await load;
    expect(recoveryMs).toBeLessThan(5_000);
    expect(server.process.exitCode).toBeNull();

    // Every answer was a success or a clean 503; nothing else.
    const statuses = new Set(outcomes.map((o) => o.status));
    expect([...statuses].filter((s) => s !== 201 && s !== 503)).toEqual([]);

    // Every acknowledged dossier is in the database, whole.
    const acknowledged = outcomes.flatMap((o) => (o.code ? [o.code] : []));
    const direct = new URL(serverUrl);
    direct.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: direct.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ code: string; events: string; files: string }>(
        `select d.code,
                (select count(*) from dossier_event e where e.dossier_id = d.id) as events,
                (select count(*) from stored_file f where f.dossier_id = d.id) as files
           from dossier d where d.code = any($1)`,
        [acknowledged],
      );
      expect(rows.map((r) => r.code).sort()).toEqual([...acknowledged].sort());
      const noFile = new Set(withoutFiles.flatMap((o) => (o.code ? [o.code] : [])));
      expect(noFile.size).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Number(row.events), row.code).toBe(1);
        expect(Number(row.files), row.code).toBe(noFile.has(row.code) ? 0 : 1);
      }
    } finally {
      await client.end();
    }
  });

  it('answers 503 within its time budget while the database hangs, and recovers when it answers again', async () => {
    const { proxy, server } = await startBehindProxy({ DATABASE_STATEMENT_TIMEOUT_MS: '1000' });
    const url = server.url;
    expect(await statusOf(`${url}/ready`)).toBe(200);
    const citizen = await signInDemoCitizen(url);
    const withoutFilesId = await marriageRegistrationServiceId(url);
    // Applications without files are written on the connection kept for statements in order.
    expect((await submitMarriageRegistrationOver(url, citizen, withoutFilesId)).status).toBe(201);

    proxy.setHung(true);
    const started = performance.now();
    const during = await statusOf(`${url}/ready`);
    const waitedMs = performance.now() - started;
    expect(during).toBe(503);
    // The statement's budget (1 s) and the client's margin (2 s), or the connection timeout (5 s).
    expect(waitedMs).toBeLessThan(8_000);
    expect(await statusOf(`${url}/health`)).toBe(200);

    proxy.setHung(false);
    const recoveryMs = await waitUntil(async () => (await statusOf(`${url}/ready`)) === 200, 5_000);
    expect(recoveryMs).toBeLessThan(5_000);
    const headers = await signInDemoCitizen(url);
    const upload = await uploadBirthCertificate(url, headers);
    expect(upload.status).toBe(201);
    expect((await submitMarriageRegistrationOver(url, citizen, withoutFilesId)).status).toBe(201);
    expect(server.process.exitCode).toBeNull();
  });
});
