import { sql, type Kysely } from 'kysely';

const COUNTER_COLUMNS = sql.raw(`
  submitted_online integer not null default 0,
  received integer not null default 0,
  received_with_fee integer not null default 0,
  paid_online integer not null default 0,
  finished integer not null default 0,
  finished_early integer not null default 0,
  finished_on_time integer not null default 0,
  processing_seconds bigint not null default 0,
  finished_electronic_result integer not null default 0,
  rated integer not null default 0,
  rated_dissatisfied integer not null default 0,
  rating_sum integer not null default 0,
  withdrawn integer not null default 0`);
const COUNTERS = sql.raw(`submitted_online, received, received_with_fee, paid_online, finished,
  finished_early, finished_on_time, processing_seconds, finished_electronic_result, rated,
  rated_dissatisfied, rating_sum, withdrawn`);
const SUMS = sql.raw(`sum(submitted_online), sum(received), sum(received_with_fee),
  sum(paid_online), sum(finished), sum(finished_early), sum(finished_on_time),
  sum(processing_seconds), sum(finished_electronic_result), sum(rated), sum(rated_dissatisfied),
  sum(rating_sum), sum(withdrawn)`);

/**
 * Coarser rollups beside the daily one, kept by the same statement (decision 0011): per month and
 * agency (what rankings sum), per month, agency and procedure (figures by field), and per service
 * the months in which it received an online dossier. Filled from the daily rollups.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stats_agency_month (
      month date not null,
      agency_id uuid not null references agency (id),
      channel text not null check (channel in ('online', 'counter', 'post')),
      ${COUNTER_COLUMNS},
      primary key (month, agency_id, channel)
    )`.execute(db);
  await sql`
    create table stats_month (
      month date not null,
      agency_id uuid not null references agency (id),
      procedure_id uuid not null references procedure (id),
      channel text not null check (channel in ('online', 'counter', 'post')),
      ${COUNTER_COLUMNS},
      primary key (month, agency_id, procedure_id, channel)
    )`.execute(db);
  await sql`create index stats_month_agency on stats_month (agency_id, month)`.execute(db);
  await sql`
    create table stats_service_online (
      agency_id uuid not null references agency (id),
      procedure_id uuid not null references procedure (id),
      months date[] not null,
      primary key (agency_id, procedure_id)
    )`.execute(db);

  await sql`
    insert into stats_agency_month (month, agency_id, channel, ${COUNTERS})
    select date_trunc('month', day)::date, agency_id, channel, ${SUMS}
    from stats_day group by 1, 2, 3`.execute(db);
  await sql`
    insert into stats_month (month, agency_id, procedure_id, channel, ${COUNTERS})
    select date_trunc('month', day)::date, agency_id, procedure_id, channel, ${SUMS}
    from stats_day group by 1, 2, 3, 4`.execute(db);
  await sql`
    insert into stats_service_online (agency_id, procedure_id, months)
    select agency_id, procedure_id, array_agg(distinct date_trunc('month', day)::date)
    from stats_day where submitted_online > 0 group by 1, 2`.execute(db);
}
