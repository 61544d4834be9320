import { sql, type Kysely } from 'kysely';

/**
 * Reception regardless of administrative boundary within a province (Decree 118/2025/NĐ-CP,
 * issue 22): a Public Administration Service Center receives dossiers of any agency of its
 * province and returns their results. A dossier keeps where it was received and where its result
 * is returned when that is not the agency holding it (null: the holder, as before).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table agency add column service_center boolean not null default false`.execute(
    db,
  );
  await sql`alter table dossier add column reception_agency_id uuid references agency(id)`.execute(
    db,
  );
  await sql`alter table dossier add column return_agency_id uuid references agency(id)`.execute(db);
  // an application at the national portal keeps the center the applicant chose for the result
  await sql`alter table hub_submission add column return_at_code text`.execute(db);
  // a center's desk lists what it received or returns
  await sql`create index dossier_reception_agency on dossier (reception_agency_id, status)
    where reception_agency_id is not null`.execute(db);
  await sql`create index dossier_return_agency on dossier (return_agency_id, status)
    where return_agency_id is not null`.execute(db);
}
