import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { startPoller } from '../../platform/poller.ts';
import { countOpenDossiers } from './open-dossiers.ts';
import { applyPendingEvents, recountRollups } from './rollups.ts';

/** The open-dossier counts follow the dossiers this closely at most… */
const OPEN_COUNT_EVERY_MS = 4_000;
/** …and are counted again this often even when nothing seemed to change. */
const OPEN_COUNT_AT_LEAST_EVERY_MS = 60_000;

/** What the statistics job does, at once: counts the waiting events, then the open dossiers. */
export async function updateStatistics(db: Kysely<Database>, now = new Date()): Promise<void> {
  await applyPendingEvents(db);
  await countOpenDossiers(db, now);
}

/** Recounts all (`npm run stats:recount`): the rollups from the events, the open dossiers. */
export async function recountStatistics(db: Kysely<Database>): Promise<void> {
  await recountRollups(db);
  await countOpenDossiers(db);
}

/** When the job last counted the open dossiers, what it learnt, and whether events came since. */
export type OpenCount = { at: number; nextDue: Date | null; eventsSince: boolean };

/** Whether the open dossiers are to be counted again at `now` (ms). */
export function openCountDueAt(counted: OpenCount, now: number): boolean {
  if (now - counted.at < OPEN_COUNT_EVERY_MS) return false;
  return (
    counted.eventsSince ||
    (counted.nextDue !== null && counted.nextDue.getTime() <= now) ||
    now - counted.at >= OPEN_COUNT_AT_LEAST_EVERY_MS
  );
}

/**
 * Keeps the rollups within about a second of the events, and the open-dossier counts within a few
 * seconds of the dossiers (every node may run it). The open dossiers are counted again when events
 * were counted since (every change to a dossier comes with an event), when an appointment passed
 * (a dossier turned overdue), or after a minute, but not more often than every few seconds.
 */
export function startStatisticsJob(
  db: Kysely<Database>,
  onError: (error: unknown) => void,
  intervalMs = 1_000,
) {
  let counted: OpenCount = { at: 0, nextDue: null, eventsSince: true };
  const openCountDue = () => openCountDueAt(counted, Date.now());
  const eventsWaiting = async () =>
    (await db.selectFrom('stats_pending').select('event_id').limit(1).executeTakeFirst()) !==
    undefined;
  return startPoller(
    {
      waiting: async () => openCountDue() || (await eventsWaiting()),
      work: async () => {
        if ((await applyPendingEvents(db)) > 0) counted.eventsSince = true;
        if (!openCountDue()) return;
        const at = new Date();
        counted = {
          at: at.getTime(),
          nextDue: await countOpenDossiers(db, at),
          eventsSince: false,
        };
      },
    },
    onError,
    intervalMs,
  );
}
