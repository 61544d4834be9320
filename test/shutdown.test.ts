import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import { birthRegistrationForm } from './helpers/factories.ts';
import { SAMPLE_PDF } from './helpers/test-app.ts';
import { removeDataDir, startServer, type RunningServer } from './helpers/server-process.ts';

const started: RunningServer[] = [];
afterAll(async () => {
  for (const server of started) await server.stop('SIGKILL');
  if (started[0]) await removeDataDir(started[0].dataDir);
});

async function signInCitizen(url: string) {
  const accounts = (await (await fetch(`${url}/api/v1/auth/demo/accounts`)).json()) as {
    id: string;
    fullName: string;
  }[];
  const account = accounts.find((a) => a.fullName === 'Nguyễn Văn An');
  const response = await fetch(`${url}/api/v1/auth/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: account?.id }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie } })).json()) as {
    account: { csrfToken: string };
  };
  return { cookie, 'x-csrf-token': me.account.csrfToken };
}

describe('SIGTERM during submissions', () => {
  it('leaves every acknowledged dossier complete and no partial one', async () => {
    const first = await startServer({ env: { WORKERS: 'false' } });
    started.push(first);
    const headers = await signInCitizen(first.url);
    const services = (await (
      await fetch(`${first.url}/api/v1/catalog/services?q=khai%20sinh`)
    ).json()) as { items: { id: string }[] };
    const serviceId = services.items[0]?.id ?? '';

    const upload = async () => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([SAMPLE_PDF], { type: 'application/pdf' }),
        'giay-chung-sinh.pdf',
      );
      const response = await fetch(`${first.url}/api/v1/files`, {
        method: 'POST',
        headers,
        body: form,
      });
      return ((await response.json()) as { id: string }).id;
    };
    const fileIds = await Promise.all(Array.from({ length: 40 }, upload));

    const submit = (fileId: string) =>
      fetch(`${first.url}/api/v1/dossiers`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          serviceId,
          formData: birthRegistrationForm,
          documents: [{ documentKey: 'giay-chung-sinh', fileId }],
        }),
      }).then(
        async (response) => ({
          status: response.status,
          code:
            response.status === 201
              ? ((await response.json()) as { code: string }).code
              : undefined,
        }),
        () => ({ status: 0, code: undefined }),
      );

    // The first answers prove submissions are flowing; the signal then lands while the rest are in flight.
    const inFlight = fileIds.map(submit);
    await Promise.race(inFlight);
    const exitCode = await first.stop('SIGTERM');
    const outcomes = await Promise.all(inFlight);
    // main.ts exits 0 only after the HTTP server, workers and database closed cleanly.
    expect(exitCode).toBe(0);

    const acknowledged = outcomes.flatMap((o) => (o.code ? [o.code] : []));
    expect(acknowledged.length).toBeGreaterThan(0);
    // Whatever was not acknowledged was refused whole (503 while closing) or never connected.
    for (const outcome of outcomes) expect([201, 503, 0]).toContain(outcome.status);

    const database = await openDatabase({ pgliteDir: `${first.dataDir}/pglite` });
    try {
      const dossiers = await database.db
        .selectFrom('dossier')
        .select(['dossier.code'])
        .select((eb) => [
          eb
            .selectFrom('dossier_event')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('dossier_event.dossier_id', '=', 'dossier.id')
            .as('events'),
          eb
            .selectFrom('stored_file')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('stored_file.dossier_id', '=', 'dossier.id')
            .as('files'),
        ])
        .execute();
      expect(dossiers.map((d) => d.code).sort()).toEqual([...acknowledged].sort());
      for (const dossier of dossiers) {
        expect(Number(dossier.events), dossier.code).toBe(1);
        expect(Number(dossier.files), dossier.code).toBe(1);
      }
      // The audit records of those submissions were chained before the process ended.
      const audit = await database.db
        .selectFrom('audit_record')
        .select(['action', 'hash'])
        .where('action', '=', 'dossier.transition')
        .execute();
      expect(audit).toHaveLength(acknowledged.length);
      expect(audit.filter((record) => record.hash === null)).toEqual([]);
    } finally {
      await database.close();
    }

    // And the product starts again on the same data.
    const second = await startServer({ dataDir: first.dataDir, env: { WORKERS: 'false' } });
    started.push(second);
    const lookup = await fetch(`${second.url}/api/v1/public/dossiers/${acknowledged[0] ?? ''}`);
    expect(lookup.status).toBe(200);
  });
});
