import { sql, type Kysely } from 'kysely';

/**
 * The level each service showed in the public catalog, and when (decision 0012): past periods count
 * the services published at their end with the level they had then, not today's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table service_level_history (
      id bigint generated always as identity primary key,
      service_id uuid not null references service (id) on delete cascade,
      agency_id uuid not null references agency (id),
      procedure_id uuid not null references procedure (id),
      level text not null check (level in ('full', 'partial')),
      valid_from timestamptz not null,
      valid_to timestamptz,
      check (valid_to is null or valid_to >= valid_from)
    )`.execute(db);
  await sql`create unique index service_level_current on service_level_history (service_id)
    where valid_to is null`.execute(db);
  await sql`create index service_level_period on service_level_history (valid_from, valid_to)`.execute(
    db,
  );
  // Every published service at its level now, since its first publication (the best the records
  // tell of the past; refreshListing keeps it from here on).
  await sql`
    insert into service_level_history (service_id, agency_id, procedure_id, level, valid_from)
    select s.id, s.agency_id, s.procedure_id,
      case when s.online_level = 'full' and v.result_online
        and (v.fee_schedule->>'kind' = 'none' or v.payment_online) then 'full' else 'partial' end,
      (select min(sv.published_at) from service_version sv where sv.service_id = s.id)
    from service s
    join lateral (
      select result_online, payment_online, fee_schedule from service_version sv
      where sv.service_id = s.id and sv.published_at is not null
      order by sv.version desc limit 1
    ) v on true
    where s.status = 'published'`.execute(db);
}
