import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { recountStatistics } from '../src/server/modules/monitoring/index.ts';

// Rebuilds the statistics rollups from every dossier event; the job goes on counting new ones.
const config = loadConfig();
const database = await openDatabase(
  config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDir: config.pgliteDir },
);
try {
  const started = performance.now();
  await recountStatistics(database.db);
  const { rows } = await sql<{ rows: string; events: string }>`
    select (select count(*) from stats_day) as rows,
      (select count(*) from dossier_event) as events`.execute(database.db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `statistics recounted from ${rows[0]?.events ?? '0'} events into ${rows[0]?.rows ?? '0'} daily rows in ${seconds} s\n`,
  );
} finally {
  await database.close();
}
