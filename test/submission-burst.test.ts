import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDossierCode } from '../src/domain/dossier-code.ts';
import { openDatabase } from '../src/server/db/database.ts';
import {
  birthRegistrationServiceId,
  signInDemoCitizen,
  submitBirthRegistrationOver,
  uploadBirthCertificate,
  type SubmissionOutcome,
} from './helpers/live-citizen.ts';
import { removeDataDir, startServer, type RunningServer } from './helpers/server-process.ts';

const started: RunningServer[] = [];
afterAll(async () => {
  for (const server of started) await server.stop('SIGKILL');
  if (started[0]) await removeDataDir(started[0].dataDir);
});

const BURST = 50;

// Decision 0023: the numbering row is locked for one statement, not until the submission commits.
describe('a burst of submissions to one agency', () => {
  it('numbers 50 at once distinctly and in order of reception, and kill -9 half-way through the next 50 loses none acknowledged', async () => {
    const server = await startServer({
      env: { WORKERS: 'false', RATE_LIMIT_PER_MINUTE: '100000' },
    });
    started.push(server);
    const headers = await signInDemoCitizen(server.url);
    const serviceId = await birthRegistrationServiceId(server.url);
    const uploaded = async () =>
      Promise.all(
        Array.from({ length: BURST }, async () => {
          const { fileId } = await uploadBirthCertificate(server.url, headers);
          if (!fileId) throw new Error('upload refused');
          return fileId;
        }),
      );
    const submit = (fileId: string) =>
      submitBirthRegistrationOver(server.url, headers, serviceId, fileId);

    const first = await Promise.all((await uploaded()).map(submit));
    expect(first.map((o) => o.status)).toEqual(Array.from({ length: BURST }, () => 201));
    const firstCodes = first.map((o) => o.code ?? '');
    expect(new Set(firstCodes).size).toBe(BURST);

    // The second burst: the server is killed once half of it is acknowledged.
    const files = await uploaded();
    const acknowledged: string[] = [];
    let halfway: () => void = () => undefined;
    const half = new Promise<void>((resolve) => (halfway = resolve));
    const inFlight = files.map(async (fileId): Promise<SubmissionOutcome> => {
      const outcome = await submit(fileId);
      if (outcome.code) acknowledged.push(outcome.code);
      if (acknowledged.length >= BURST / 2) halfway();
      return outcome;
    });
    await half;
    await server.stop('SIGKILL');
    const outcomes = await Promise.all(inFlight);
    for (const outcome of outcomes) expect([201, 0]).toContain(outcome.status);
    const secondCodes = outcomes.flatMap((o) => (o.code ? [o.code] : []));

    const database = await openDatabase({ pgliteDir: `${server.dataDir}/pglite` });
    try {
      const dossiers = await database.db
        .selectFrom('dossier')
        .select(['dossier.code', 'dossier.submitted_at'])
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
          eb
            .selectFrom('audit_record')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where(sql<boolean>`audit_record.subject_id = dossier.id::text`)
            .as('audits'),
        ])
        .where('dossier.service_id', '=', serviceId)
        .orderBy('dossier.submitted_at')
        .execute();
      const stored = dossiers.map((d) => d.code);
      // every acknowledged dossier is there, whole: its event, its file, its audit record
      expect(stored).toEqual(expect.arrayContaining([...firstCodes, ...secondCodes]));
      for (const dossier of dossiers) {
        expect([dossier.events, dossier.files, dossier.audits].map(Number), dossier.code).toEqual([
          1, 1, 1,
        ]);
      }
      // distinct codes of the legal shape, of one agency, numbered in order of reception
      const parts = stored.map((code) => parseDossierCode(code));
      expect(parts.every((p) => p !== undefined)).toBe(true);
      expect(new Set(stored).size).toBe(stored.length);
      expect(new Set(parts.map((p) => p?.agencyCode)).size).toBe(1);
      const numbers = parts.map(
        (p) => `${p?.date ?? ''} ${String(p?.sequence ?? 0).padStart(6, '0')}`,
      );
      expect(numbers).toEqual([...numbers].sort());
    } finally {
      await database.close();
    }
  });
});
