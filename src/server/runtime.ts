import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';

/**
 * Opens the configured database (PostgreSQL, or the embedded PGlite) and brings its schema up to
 * date. `serving`: the handle the HTTP server and workers use, whose statements and connection
 * attempts have a time budget; migrations run before, on a connection without one.
 */
export async function openMigratedDatabase(
  config: Config,
  log?: Logger,
  options: { serving?: boolean } = {},
): Promise<DatabaseHandle> {
  if (!config.DATABASE_URL) {
    const database = await openDatabase({ pgliteDir: config.pgliteDir });
    await migrate(database, log);
    return database;
  }
  const target = {
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    onConnectionError: (error: Error) =>
      log?.warn({ reason: error.message }, 'database connection lost; the pool opens a new one'),
  };
  if (!options.serving) {
    const database = await openDatabase(target);
    await migrate(database, log);
    return database;
  }
  const migrating = await openDatabase({ ...target, poolSize: 1 });
  try {
    await migrate(migrating, log);
  } finally {
    await migrating.close();
  }
  return openDatabase({
    ...target,
    timeouts: { connectMs: 5_000, statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS },
  });
}

async function migrate(database: DatabaseHandle, log: Logger | undefined) {
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log?.info({ migrations: applied }, 'database migrated');
}
