import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ExclusiveLock } from './exclusive-lock.ts';
import { lockDatabaseFolder } from './folder-lock.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import { PgliteStatements } from './pglite-statements.ts';
import type { Database } from './schema.ts';

/** Raw SQL entry point with the shape pg-boss expects of its `db` option. */
export type SqlExecutor = {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
};

export type DatabaseHandle = {
  db: Kysely<Database>;
  /**
   * The same database through one connection kept for it, where a statement is sent as soon as it
   * is given, queued behind those still running: the connection goes from one to the next without
   * a round trip to this process in between, and statements run in the order given (decision
   * 0023). For statements that stand alone (no transaction). None on PGlite: its one connection
   * is in the process, with no way to gain.
   */
  inOrder: Kysely<Database> | undefined;
  engine: 'pglite' | 'postgres';
  sql: SqlExecutor;
  close(): Promise<void>;
};

export type DatabaseTarget =
  | {
      url: string;
      poolSize?: number;
      /** A connection lost outside a query (idle, or between a transaction's statements). */
      onConnectionError?: (error: Error) => void;
      /** Time budgets; 0 means none (migrations and maintenance scripts). */
      timeouts?: DatabaseTimeouts;
    }
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

export type DatabaseTimeouts = {
  /** How long to wait for a new connection before the request is answered 503. */
  connectMs: number;
  /** The server cancels a statement that runs longer (statement_timeout). */
  statementMs: number;
};

function openPostgres(target: Extract<DatabaseTarget, { url: string }>): DatabaseHandle {
  pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  const timeouts = target.timeouts ?? { connectMs: 0, statementMs: 0 };
  const onConnectionError = target.onConnectionError ?? ((error) => process.emitWarning(error));
  const newPool = (options: { max: number; pipeline?: boolean }) => {
    const pool = new pg.Pool({
      connectionString: target.url,
      ...options,
      connectionTimeoutMillis: timeouts.connectMs,
      keepAlive: true,
      ...(timeouts.statementMs > 0
        ? {
            statement_timeout: timeouts.statementMs,
            idle_in_transaction_session_timeout: timeouts.statementMs,
            // A server that stops answering (a hung host, a black-holed network) cannot cancel the
            // statement itself: the client gives up a little after the server would have.
            query_timeout: timeouts.statementMs + 2_000,
          }
        : {}),
    });
    // A connection that the server or the network drops (restart, failover, reset) emits 'error':
    // on the pool while idle, on the client while checked out (mid-transaction). Unheard, either
    // event would end the process. The pool drops such a client and opens a new one when needed;
    // the query in flight fails, and its request is answered 503.
    pool.on('error', (error) => onConnectionError(error));
    pool.on('connect', (client) => {
      client.on('error', (error) => onConnectionError(error));
      prepareStatements(client);
    });
    // A client whose query timed out on our side still waits for that answer: handed out again, it
    // would hang its next caller (seen in CI after a hang: recovery past 5 s). It is ended as it
    // comes back, and the pool opens a fresh one. node-postgres exposes the pending query only
    // privately.
    pool.on('release', (_error: Error | undefined, client: pg.PoolClient) => {
      if ((client as unknown as { _activeQuery: unknown })._activeQuery) void client.end();
    });
    return pool;
  };
  const pool = newPool({ max: target.poolSize ?? 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Its own connection, in pipeline mode: a statement is sent while those before it still run.
  const inOrder = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: oneConnectionOf(newPool({ max: 1, pipeline: true })) }),
  });
  return {
    db,
    inOrder,
    engine: 'postgres',
    sql: { executeSql: async (text, values) => pool.query(text, values) },
    close: async () => {
      await inOrder.destroy();
      await db.destroy();
    },
  };
}

/**
 * The one connection of `pool`, handed to every caller at once and kept: its statements go out in
 * the order given, each as soon as it is given (pipeline mode), and each runs as a transaction of
 * its own. A connection that fails is given back as broken (the pool ends it), and the next caller
 * takes a fresh one.
 */
function oneConnectionOf(pool: pg.Pool) {
  type Shared = Pick<pg.PoolClient, 'query' | 'release'>;
  let connection: Promise<{ shared: Shared; giveBack: (error?: Error) => void }> | undefined;
  const connect = () =>
    (connection ??= pool.connect().then(
      (client) => {
        let givenBack = false;
        const giveBack = (error?: Error) => {
          if (givenBack) return;
          givenBack = true;
          connection = undefined;
          client.release(error);
        };
        client.once('error', giveBack);
        // ended without an error: pipeline mode ends a connection whose statement timed out
        client.once('end', () => giveBack(new Error('the connection ended')));
        // Kysely gives each statement's connection back; this one stays with its other callers.
        const shared = { query: client.query.bind(client), release: () => {} } as Shared;
        return { shared, giveBack };
      },
      (error: unknown) => {
        connection = undefined;
        throw error;
      },
    ));
  return {
    connect: async () => (await connect()).shared,
    end: async () => {
      (await connection?.catch(() => undefined))?.giveBack();
      await pool.end();
    },
  };
}

/** Statements a connection keeps prepared at most; past it, a new text is planned each time. */
const PREPARED_PER_CONNECTION = 500;
const statementNames = new Map<string, string>();

/**
 * Makes a connection prepare each parameterised statement once and reuse its plan: PostgreSQL
 * plans the public lookup's subqueries in more time than it runs them (5,500 against 28,000
 * executions a second; decision 0023). A statement is named by its text's hash, so equal texts
 * share one name; statements without parameters (DDL, multi-statement scripts) keep the simple
 * protocol they need.
 *
 * A prepared `select *` fails once its table gains a column (a newer version migrating while this
 * one still runs): that statement then fails once on that connection and is planned each time
 * after, instead of failing on every call.
 */
function prepareStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const prepared = new Set<string>();
  const stale = new Set<string>();
  const noteStale = (name: string, error: unknown) => {
    if ((error as { code?: unknown } | null)?.code === CACHED_PLAN_CHANGED) stale.add(name);
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
    config: unknown,
    values?: unknown,
    callback?: unknown,
  ) => {
    if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0)
      return query(config, values, callback);
    const name = statementName(config);
    if (stale.has(name)) return query(config, values, callback);
    if (!prepared.has(name)) {
      if (prepared.size >= PREPARED_PER_CONNECTION) return query(config, values, callback);
      prepared.add(name);
    }
    const named = { name, text: config, values };
    if (typeof callback === 'function')
      return query(named, (error: unknown, result: unknown) => {
        noteStale(name, error);
        (callback as (error: unknown, result: unknown) => void)(error, result);
      });
    return (query(named) as Promise<unknown>).catch((error: unknown) => {
      noteStale(name, error);
      throw error;
    });
  };
}

/** "cached plan must not change result type": the statement's tables changed shape. */
const CACHED_PLAN_CHANGED = '0A000';

function statementName(text: string) {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${createHash('sha256').update(text).digest('base64url').slice(0, 40)}`;
    if (statementNames.size < 10 * PREPARED_PER_CONNECTION) statementNames.set(text, name);
  }
  return name;
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  let unlock = () => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = lockDatabaseFolder(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      extensions: { pg_trgm, unaccent },
      parsers: {
        [DATE_OID]: (value: string) => value,
        [INT8_OID]: (value: string) => Number(value),
      },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const lock = new ExclusiveLock();
  const statements = new PgliteStatements(pglite);
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite, statements, lock) });
  return {
    db,
    inOrder: undefined,
    engine: 'pglite',
    sql: {
      // pg-boss sends multi-statement scripts without parameters (its migrations, locked
      // maintenance); PGlite runs those only through exec().
      executeSql: (text, values) =>
        lock.run(async () => {
          if (values && values.length > 0) return statements.run(text, values);
          const results = await pglite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }),
    },
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}
