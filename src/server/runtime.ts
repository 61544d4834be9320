import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';

/** Opens the configured database (PostgreSQL, or the embedded PGlite) and brings its schema up to date. */
export async function openMigratedDatabase(config: Config, log?: Logger): Promise<DatabaseHandle> {
  const database = await openDatabase(
    config.DATABASE_URL
      ? {
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          onIdleError: (error) => log?.warn({ err: error }, 'idle database connection lost'),
        }
      : { pgliteDir: config.pgliteDir },
  );
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log?.info({ migrations: applied }, 'database migrated');
  return database;
}
