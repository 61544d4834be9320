import { sql, type Kysely } from 'kysely';

/** What a citizen must know of a procedure before starting: who carries it out, conditions, result. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table procedure add column carried_out_by jsonb not null default '[]'`.execute(
    db,
  );
  await sql`alter table procedure add column conditions text not null default ''`.execute(db);
  await sql`alter table procedure add column result_type text not null default ''`.execute(db);
}
