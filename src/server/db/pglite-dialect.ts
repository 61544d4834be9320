import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { ExclusiveLock } from './exclusive-lock.ts';
import type { PgliteStatements } from './pglite-statements.ts';

class PgliteConnection implements DatabaseConnection {
  readonly #statements: PgliteStatements;
  constructor(statements: PgliteStatements) {
    this.#statements = statements;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.#statements.run<R>(query.sql, query.parameters);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined
        ? { numAffectedRows: BigInt(result.affectedRows) }
        : {}),
    };
  }

  // eslint-disable-next-line require-yield -- PGlite has no cursors; Kysely only calls this for .stream()
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}

/**
 * Kysely driver for PGlite. PGlite is a single connection, so the driver hands it out under the
 * same lock the queue adapter uses: a transaction never interleaves with another caller's queries.
 */
class PgliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #lock: ExclusiveLock;
  readonly #connection: PgliteConnection;
  readonly #releases = new Map<DatabaseConnection, () => void>();

  constructor(pglite: PGlite, statements: PgliteStatements, lock: ExclusiveLock) {
    this.#pglite = pglite;
    this.#lock = lock;
    this.#connection = new PgliteConnection(statements);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#lock.acquire();
    this.#releases.set(this.#connection, release);
    return this.#connection;
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.#releases.get(connection);
    this.#releases.delete(connection);
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#lock.run(() => this.#pglite.close());
  }
}

export class PgliteDialect implements Dialect {
  readonly #pglite: PGlite;
  readonly #statements: PgliteStatements;
  readonly #lock: ExclusiveLock;
  constructor(pglite: PGlite, statements: PgliteStatements, lock: ExclusiveLock) {
    this.#pglite = pglite;
    this.#statements = statements;
    this.#lock = lock;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    return new PgliteDriver(this.#pglite, this.#statements, this.#lock);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
