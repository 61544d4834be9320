import { sql, type Kysely } from 'kysely';

/**
 * The rest of the centers' reception scope (Decree 118/2025/NĐ-CP, issue 22, decision 0022): a
 * vertically organised agency sits in the tree under its ministry but works in one province, whose
 * centers receive its procedures; and a ministry's service may be assigned to the localities, whose
 * centers all receive it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agency add column located_in_id uuid references agency(id)`.execute(db);
  await sql`alter table service_version add column received_locally boolean not null default false`.execute(
    db,
  );
}
