import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ExclusiveLock } from './exclusive-lock.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

/** Raw SQL entry point with the shape pg-boss expects of its `db` option. */
export type SqlExecutor = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
};

export type DatabaseHandle = {
  db: Kysely<Database>;
  engine: 'pglite' | 'postgres';
  sql: SqlExecutor;
  close(): Promise<void>;
};

export type DatabaseTarget =
  | { url: string; poolSize?: number; onIdleError?: (error: Error) => void }
  | { pgliteDir: string }
  | { pgliteMemory: true };

// `date` stays a yyyy-MM-dd string (a Date would shift with the process time zone);
// int8 (counts, identities) becomes a number, far below 2^53 for anything we count.
const DATE_OID = 1082;
const INT8_OID = 20;

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ('url' in target) return openPostgres(target);
  return openPglite('pgliteDir' in target ? target.pgliteDir : undefined);
}

function openPostgres(target: Extract<DatabaseTarget, { url: string }>): DatabaseHandle {
  pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
  // An idle pooled connection that the server closes (restart, failover, administrator) emits
  // 'error' on the pool; unheard, that event would crash the process. The pool drops the client
  // and opens a new one on the next query.
  pool.on('error', target.onIdleError ?? ((error) => process.emitWarning(error)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    sql: { executeSql: async (text, values) => pool.query(text, values) },
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm, unaccent },
    parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
  });
  const lock = new ExclusiveLock();
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite, lock) });
  return {
    db,
    engine: 'pglite',
    sql: {
      // pg-boss sends multi-statement scripts without parameters (its migrations, locked
      // maintenance); PGlite runs those only through exec().
      executeSql: (text, values) =>
        lock.run(async () => {
          if (values && values.length > 0) return pglite.query(text, values);
          const results = await pglite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }),
    },
    close: () => db.destroy(),
  };
}
