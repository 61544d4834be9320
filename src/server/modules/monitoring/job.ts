import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { startPoller } from '../../platform/poller.ts';
import { countOpenDossiers } from './open-dossiers.ts';
import { applyPendingEvents, recountRollups } from './rollups.ts';

/** How old the open-dossier counts may grow before the job counts them again. */
const OPEN_COUNT_EVERY_MS = 4_000;

/** What the statistics job does, at once: counts the waiting events, then the open dossiers. */
export async function updateStatistics(db: Kysely<Database>, now = new Date()): Promise<void> {
  await applyPendingEvents(db);
  await countOpenDossiers(db, now);
}

/** Recounts everything (`npm run stats:recount`): the rollups from every event, the open dossiers. */
export async function recountStatistics(db: Kysely<Database>): Promise<void> {
  await recountRollups(db);
  await countOpenDossiers(db);
}

/**
 * Keeps the rollups within about a second of the events and the open-dossier counts within a few
 * seconds of the dossiers (every node may run it).
 */
export function startStatisticsJob(
  db: Kysely<Database>,
  onError: (error: unknown) => void,
  intervalMs = 1_000,
) {
  let openCountedAt = 0;
  const openCountDue = () => Date.now() - openCountedAt >= OPEN_COUNT_EVERY_MS;
  const eventsWaiting = async () =>
    (await db.selectFrom('stats_pending').select('event_id').limit(1).executeTakeFirst()) !==
    undefined;
  return startPoller(
    {
      waiting: async () => openCountDue() || (await eventsWaiting()),
      work: async () => {
        await applyPendingEvents(db);
        if (!openCountDue()) return;
        openCountedAt = Date.now();
        await countOpenDossiers(db);
      },
    },
    onError,
    intervalMs,
  );
}
