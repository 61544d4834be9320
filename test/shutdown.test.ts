import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import {
  birthRegistrationServiceId,
  signInDemoCitizen,
  submitBirthRegistrationOver,
  uploadBirthCertificate,
} from './helpers/live-citizen.ts';
import { removeDataDir, startServer, type RunningServer } from './helpers/server-process.ts';
import { dossiersWithTheirRows } from './helpers/stored-dossiers.ts';

const started: RunningServer[] = [];
afterAll(async () => {
  for (const server of started) await server.stop('SIGKILL');
  if (started[0]) await removeDataDir(started[0].dataDir);
});

describe('SIGTERM during submissions', () => {
  it('leaves every acknowledged dossier complete and no partial one', async () => {
    const first = await startServer({ env: { WORKERS: 'false' } });
    started.push(first);
    const headers = await signInDemoCitizen(first.url);
    const serviceId = await birthRegistrationServiceId(first.url);
    const fileIds = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const { fileId } = await uploadBirthCertificate(first.url, headers);
        if (!fileId) throw new Error('upload refused before the signal');
        return fileId;
      }),
    );
    const submit = (fileId: string) =>
      submitBirthRegistrationOver(first.url, headers, serviceId, fileId);

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
      const dossiers = await dossiersWithTheirRows(database.db);
      expect(dossiers.map((d) => d.code).sort()).toEqual([...acknowledged].sort());
      for (const dossier of dossiers) {
        expect([dossier.events, dossier.files], dossier.code).toEqual([1, 1]);
      }
      // The audit records of those submissions were sealed before the process ended.
      const audit = await database.db
        .selectFrom('audit_record')
        .select('seq')
        .where('action', '=', 'dossier.transition')
        .execute();
      expect(audit).toHaveLength(acknowledged.length);
      const sealed = await database.db
        .selectFrom('audit_seal')
        .select(({ fn }) => fn.max<number | null>('last_seq').as('upTo'))
        .executeTakeFirstOrThrow();
      expect(audit.filter((record) => sealed.upTo === null || record.seq > sealed.upTo)).toEqual(
        [],
      );
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
