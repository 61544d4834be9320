import { sql, type Kysely } from 'kysely';

/**
 * Numbers predicted by the process and taken in the statement that writes their dossiers
 * (issue 23, decision 0023):
 * - each agency's counter keeps the reception time of the last number it gave, so numbers follow
 *   the order of reception whichever clock, the database's or a server's, gave the time;
 * - `require_row_count` fails a statement whose required change found fewer rows than it needed,
 *   so nothing of it is written (SQLSTATE OD001, which the process recognises).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table dossier_code_sequence add column last_at timestamptz`.execute(db);
  await sql`
    create function require_row_count(changed bigint, required integer) returns boolean
    language plpgsql volatile as $$
    begin
      if changed <> required then
        raise exception 'a required change found % rows of %', changed, required
          using errcode = 'OD001';
      end if;
      return true;
    end $$`.execute(db);
}
