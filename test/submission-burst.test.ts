import { afterAll, describe, expect, it } from 'vitest';
import { parseDossierCode } from '../src/domain/dossier-code.ts';
import { openDatabase } from '../src/server/db/database.ts';
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
import { dossiersWithTheirRows } from './helpers/stored-dossiers.ts';

const started: RunningServer[] = [];
afterAll(async () => {
  for (const server of started) {
    await server.stop('SIGKILL');
    await removeDataDir(server.dataDir);
  }
});

const BURST = 50;

async function startedServer() {
  const server = await startServer({
    env: { WORKERS: 'false', RATE_LIMIT_PER_MINUTE: '100000' },
  });
  started.push(server);
  return server;
}

/** Sends the submissions at once and kills the server once half of them are acknowledged. */
async function killedHalfWay(
  server: RunningServer,
  submissions: (() => Promise<SubmissionOutcome>)[],
) {
  const acknowledged: string[] = [];
  let halfway: () => void = () => undefined;
  const half = new Promise<void>((resolve) => (halfway = resolve));
  const inFlight = submissions.map(async (submit) => {
    const outcome = await submit();
    if (outcome.code) acknowledged.push(outcome.code);
    if (acknowledged.length >= submissions.length / 2) halfway();
    return outcome;
  });
  await half;
  await server.stop('SIGKILL');
  const outcomes = await Promise.all(inFlight);
  for (const outcome of outcomes) expect([201, 0]).toContain(outcome.status);
  return outcomes.flatMap((o) => (o.code ? [o.code] : []));
}

/**
 * Checks, in the killed server's database, that every acknowledged dossier of the service is
 * there, whole (its event, audit record and progress message, and `files` files), with distinct
 * codes of the legal shape, of one agency, numbered in order of reception.
 */
async function expectStoredWhole(
  server: RunningServer,
  serviceId: string,
  acknowledged: string[],
  files: number,
) {
  const database = await openDatabase({ pgliteDir: `${server.dataDir}/pglite` });
  try {
    const dossiers = (await dossiersWithTheirRows(database.db)).filter(
      (dossier) => dossier.serviceId === serviceId,
    );
    const stored = dossiers.map((d) => d.code);
    expect(stored).toEqual(expect.arrayContaining(acknowledged));
    for (const dossier of dossiers) {
      expect(
        [dossier.events, dossier.audits, dossier.progress, dossier.files],
        dossier.code,
      ).toEqual([1, 1, 1, files]);
    }
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
}

// Decision 0023: the numbering row is locked for one statement, not until the submission commits;
// applications without files sent together are written together.
describe('a burst of submissions to one agency', () => {
  it('numbers 50 at once distinctly and in order of reception, and kill -9 half-way through the next 50 loses none acknowledged', async () => {
    const server = await startedServer();
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

    const files = await uploaded();
    const secondCodes = await killedHalfWay(
      server,
      files.map((fileId) => () => submit(fileId)),
    );
    await expectStoredWhole(server, serviceId, [...firstCodes, ...secondCodes], 1);
  });

  it('writes applications without files sent at once together, each whole, and kill -9 half-way loses none acknowledged', async () => {
    const server = await startedServer();
    const headers = await signInDemoCitizen(server.url);
    const serviceId = await marriageRegistrationServiceId(server.url);
    const submit = () => submitMarriageRegistrationOver(server.url, headers, serviceId);

    const first = await Promise.all(Array.from({ length: BURST }, submit));
    expect(first.map((o) => o.status)).toEqual(Array.from({ length: BURST }, () => 201));
    const firstCodes = first.map((o) => o.code ?? '');
    expect(new Set(firstCodes).size).toBe(BURST);

    const secondCodes = await killedHalfWay(
      server,
      Array.from({ length: BURST }, () => submit),
    );
    await expectStoredWhole(server, serviceId, [...firstCodes, ...secondCodes], 0);
  });
});
