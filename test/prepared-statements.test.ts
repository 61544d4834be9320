import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledByKeys, compiledOnce } from '../src/server/db/compiled-once.ts';
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
// below runs on the same PostgreSQL session (PGlite has only one).
const probe = (id: number) =>
  sql<Record<string, unknown>>`select * from prepared_probe where id = ${id}`.execute(database.db);

describe('statements prepared once per connection (decision 0023)', () => {
  it('keeps a parameterised statement prepared and answers each parameter', async () => {
    expect((await probe(1)).rows).toEqual([{ id: 1 }]);
    expect((await probe(2)).rows).toEqual([{ id: 2 }]);
    const { rows } = await sql<{ statement: string }>`
      select statement from pg_prepared_statements`.execute(database.db);
    const prepared = rows.filter((row) => row.statement.includes('from prepared_probe'));
    // PostgreSQL's connection, or PGlite's one session, keeps this one
    expect(prepared).toHaveLength(1);
  });

  it('answers a failed statement with its error, and rolls back only its own transaction', async () => {
    const insert = (tx: typeof database.db, id: number) =>
      sql`insert into prepared_probe (id) values (${id})`.execute(tx);
    await expect(insert(database.db, 1)).rejects.toMatchObject({ code: '23505' });
    await expect(
      database.db.transaction().execute(async (tx) => {
        await insert(tx, 3);
        await insert(tx, 2);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    await insert(database.db, 4);
    const { rows } = await sql<{
      id: number;
    }>`select id from prepared_probe where id > ${0} order by id`.execute(database.db);
    expect(rows.map((row) => row.id)).toEqual([1, 2, 4]);
  });

  it("runs a statement compiled once with each call's values, where the statement takes them", async () => {
    // the arguments come in the opposite order to the statement's; the constant 2 stays as built
    const between = compiledOnce((db, upTo: number, from: number) =>
      db
        .selectFrom('prepared_probe' as 'dossier')
        .select(sql<number>`id`.as('id'))
        .where(sql`id`, '>=', from)
        .where(sql`id`, '<=', upTo)
        .where(sql`id`, '<>', 2)
        .orderBy(sql`id`),
    );
    const ids = async (upTo: number, from: number) =>
      (await between(database.db, upTo, from)).map((row) => row.id);
    expect(await ids(4, 1)).toEqual([1, 4]);
    expect(await ids(2, 1)).toEqual([1]);
    expect(await ids(4, 3)).toEqual([4]);
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

  it('reads by any number of keys, and keeps one plan per key count where any($1) is planned every call', async () => {
    const byIds = compiledByKeys((db, ids) =>
      db
        .selectFrom('prepared_probe' as 'dossier')
        .select(sql<number>`id`.as('id'))
        .where(sql`id`, 'in', ids)
        .orderBy(sql`id`),
    );
    const anyOf = compiledOnce((db, ids: readonly string[]) =>
      db
        .selectFrom('prepared_probe' as 'dossier')
        .select(sql<number>`id`.as('id'))
        .where(sql`id`, '=', sql`any(${ids}::int[])`),
    );
    const ids = async (keys: string[]) => (await byIds(database.db, keys)).map((row) => row.id);
    expect(await ids([])).toEqual([]);
    expect(await ids(['2'])).toEqual([2]);
    expect(await ids(['4', '1', '9'])).toEqual([1, 4]);
    expect(await ids(['1', '2', '4', '5', '6'])).toEqual([1, 2, 4]);
    for (let call = 0; call < 6; call++) {
      expect(await ids(['1', '2'])).toEqual([1, 2]);
      expect(await anyOf(database.db, ['1', '2'])).toHaveLength(2);
    }
    const plans = async (text: string) => {
      const { rows } = await sql<{ generic_plans: number; custom_plans: number }>`
        select generic_plans::int, custom_plans::int from pg_prepared_statements
        where statement like ${`%from "prepared_probe" where id ${text}%`}`.execute(database.db);
      expect(rows).toHaveLength(1);
      return rows[0];
    };
    // up to four keys: planned for the first five calls, then the generic plan is kept
    expect((await plans('in ($1, $2, $3, $4)'))?.generic_plans).toBeGreaterThan(0);
    // the same read by any($1): its generic plan assumes ten keys, so it is planned every call
    expect(await plans('= any($1::int[])')).toEqual({ generic_plans: 0, custom_plans: 6 });
  });
});
