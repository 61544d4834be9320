import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { openTestDatabase } from './helpers/test-database.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
  await sql`create table prepared_probe (id int primary key)`.execute(database.db);
  await sql`insert into prepared_probe values (1), (2)`.execute(database.db);
});
afterAll(() => database.close());

// One query at a time: the pool hands back the connection just released, so every statement
// below runs on the same PostgreSQL session.
const probe = (id: number) =>
  sql<Record<string, unknown>>`select * from prepared_probe where id = ${id}`.execute(database.db);

describe('statements prepared once per connection (decision 0023)', () => {
  it('keeps a parameterised statement prepared on PostgreSQL and answers each parameter', async () => {
    expect((await probe(1)).rows).toEqual([{ id: 1 }]);
    expect((await probe(2)).rows).toEqual([{ id: 2 }]);
    const { rows } = await sql<{ statement: string }>`
      select statement from pg_prepared_statements`.execute(database.db);
    const prepared = rows.filter((row) => row.statement.includes('from prepared_probe'));
    // PGlite plans each statement; PostgreSQL's connection keeps this one
    expect(prepared).toHaveLength(database.engine === 'postgres' ? 1 : 0);
  });

  it('runs a prepared select * again once its table gained a column, after at most one failure', async () => {
    expect((await probe(1)).rows).toEqual([{ id: 1 }]);
    await sql`alter table prepared_probe add column note text default 'x'`.execute(database.db);
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++)
      outcomes.push(
        await probe(1).then(
          (result) => JSON.stringify(result.rows),
          (error: unknown) => (error as Error).message,
        ),
      );
    // PostgreSQL refuses the stale plan once ("cached plan must not change result type")
    expect(outcomes.slice(-2)).toEqual([
      JSON.stringify([{ id: 1, note: 'x' }]),
      JSON.stringify([{ id: 1, note: 'x' }]),
    ]);
  });
});
