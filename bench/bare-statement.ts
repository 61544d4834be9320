import Fastify from 'fastify';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/server/db/schema.ts';

/**
 * A bench's bare baseline: a Fastify server whose one route runs one statement with `pg` and
 * answers its rows, with nothing else (no session, schema, count or serializer). The statement is
 * the product's own, compiled by Kysely from the request's query string.
 */
export async function bareStatementServer(
  databaseUrl: string,
  statement: (db: Kysely<Database>, query: Record<string, string | undefined>) => CompiledQuery,
) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const app = Fastify({ logger: false });
  app.get('/bare', async (request) => {
    const compiled = statement(db, request.query as Record<string, string | undefined>);
    const { rows } = await pool.query<Record<string, unknown>>(compiled.sql, [
      ...compiled.parameters,
    ]);
    return rows;
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `${address}/bare`,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
