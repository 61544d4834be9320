import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export type HistoryOptions = {
  /** How many dossiers to write. */
  dossiers: number;
  /** The history spans these instants. */
  from: Date;
  to: Date;
  /** Dossiers go to the published services of these agencies (all when absent). */
  agencyIds?: readonly string[];
  /** Dossiers per statement: each batch is one set-based insert, not a row at a time. */
  batchSize?: number;
  /** Told after each batch how many dossiers are written. */
  onBatch?: (written: number) => void;
};

const HISTORY_APPLICANT = 'Người nộp hồ sơ (dữ liệu minh họa)';

/**
 * Writes a history of dossiers through the published services, set-based in the database: each
 * dossier with the events the rollups count and the timeline shows — submitted online (or handed in
 * at the desk or by post), received, settled (mostly approved, on time or late, some refused),
 * the result returned and sometimes rated — or still open, within or past its appointment. A
 * full-online service receives far more online dossiers than a partial one. Callers recount the
 * rollups afterwards (the statistics job would otherwise count the events one by one).
 */
export async function writeDossierHistory(db: Kysely<Database>, options: HistoryOptions) {
  const batchSize = options.batchSize ?? 50_000;
  const applicant = await db
    .insertInto('account')
    .values({ kind: 'citizen', full_name: HISTORY_APPLICANT })
    .returning('id')
    .executeTakeFirstOrThrow();
  const agencies = options.agencyIds
    ? sql`and s.agency_id in (${sql.join(options.agencyIds)})`
    : sql``;
  // The services dossiers may go to, numbered so a random number picks one.
  await sql`drop table if exists history_service`.execute(db);
  await sql`
    create temporary table history_service as
    select (row_number() over (order by s.id) - 1)::integer as k, s.id as service_id,
      s.agency_id, v.id as version_id, s.online_level, greatest(v.processing_days, 1) as days,
      a.code as agency_code
    from service s
    join service_version v on v.service_id = s.id and v.published_at is not null
    join agency a on a.id = s.agency_id
    -- a dossier code names its agency's code: an agency without one receives none
    where s.status = 'published' and a.code is not null ${agencies}
      and not exists (select 1 from service_version newer where newer.service_id = s.id
        and newer.published_at > v.published_at)`.execute(db);
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::integer as n from history_service`.execute(db);
  const services = rows[0]?.n ?? 0;
  if (services === 0) return 0;
  await sql`create index on history_service (k)`.execute(db);

  const span = (options.to.getTime() - options.from.getTime()) / 1000;
  const now = options.to;
  for (let offset = 0; offset < options.dossiers; offset += batchSize) {
    const count = Math.min(batchSize, options.dossiers - offset);
    await db.transaction().execute(async (tx) => {
      // One row per dossier with every instant of its life drawn at random, then the dossier and
      // its events from that row.
      await sql`
        create temporary table history_batch on commit drop as
        select d.*,
          d.received_at <= ${now} as received,
          d.received_at <= ${now} and d.settled_at <= ${now} as settled,
          d.received_at <= ${now} and d.settled_at <= ${now} and d.outcome < 0.05 as refused,
          d.received_at <= ${now} and d.outcome >= 0.05
            and d.settled_at + interval '1 day' <= ${now} as returned,
          case when d.outcome >= 0.05 and d.settled_at + interval '2 days' <= ${now}
              and d.rating < 0.25
            then (case when d.rating < 0.02 then 2 when d.rating < 0.06 then 3
              when d.rating < 0.14 then 4 else 5 end) end as stars
        from (
          select gen_random_uuid() as id, s.*,
            (case when r.channel < (case when s.online_level = 'full' then 0.62 else 0.12 end)
              then 'online' when r.channel > 0.97 then 'post' else 'counter' end) as channel,
            t.submitted,
            t.submitted + (r.wait * interval '2 days') as received_at,
            t.submitted + (r.wait * interval '2 days') + (s.days * 1.4 * interval '1 day') as due_at,
            t.submitted + (r.wait * interval '2 days')
              + (s.days * 1.4 * (0.25 + r.pace * 0.95) * interval '1 day') as settled_at,
            r.outcome, r.rating
          from generate_series(${offset + 1}::bigint, ${offset + count}::bigint) g
          cross join lateral (select random() as pick, random() as channel, random() as wait,
            random() as pace, random() as outcome, random() as rating, random() as at,
              -- naming g makes the subquery run per row (uncorrelated, it would run once)
              g as n) r
          join history_service s on s.k = floor(r.pick * ${services})::integer
          cross join lateral (select ${options.from}::timestamptz
            + (r.at * ${span} * interval '1 second') as submitted) t
        ) d`.execute(tx);
      // Codes as the desk numbers them (agency, Vietnam day, sequence of that day), drawn from the
      // same counters, so later dossiers of a seeded day continue after the seeded ones.
      await sql`
        with numbered as (
          select b.*, v.day, coalesce(q.last_value, 0)
            + row_number() over (partition by b.agency_id, v.day order by b.submitted, b.id) as n
          from history_batch b
          cross join lateral (
            select (b.submitted at time zone 'Asia/Ho_Chi_Minh')::date as day) v
          left join dossier_code_sequence q on q.agency_id = b.agency_id and q.day = v.day
        ),
        counters as (
          insert into dossier_code_sequence (agency_id, day, last_value)
          select agency_id, day, max(n) from numbered group by 1, 2
          on conflict (agency_id, day) do update set last_value = excluded.last_value
          returning 1)
        insert into dossier (id, code, agency_id, service_id, service_version_id, applicant_id,
          applicant_name, holder_agency_id, workflow_version_id, channel, status, form_data,
          submitted_at, received_at, due_at, finished_at, returned_at, return_method, rating)
        select id, agency_code || '-' || to_char(day, 'YYMMDD') || '-' || lpad(n::text, 7, '0'),
          agency_id, service_id, version_id, ${applicant.id}, ${HISTORY_APPLICANT}, agency_id,
          version_id, channel,
          case when not received then 'submitted' when not settled then 'processing'
            when refused then 'refused' when returned then 'returned' else 'result_ready' end,
          '{}', submitted,
          case when received then received_at end,
          case when received then due_at end,
          case when settled then settled_at end,
          case when returned then settled_at + interval '1 day' end,
          case when returned then channel end,
          stars
        from numbered`.execute(tx);
      await sql`
        insert into dossier_event (dossier_id, agency_id, action, from_status, to_status,
          actor_id, occurred_at, details)
        select id, agency_id, 'submit', null, 'submitted', ${applicant.id}::uuid, submitted, '{}'::jsonb
          from history_batch where channel = 'online'
        union all
        select id, agency_id, 'register', null, 'submitted', null::uuid, submitted, '{}'::jsonb
          from history_batch where channel <> 'online'
        union all
        select id, agency_id, 'receive', 'submitted', 'received', null, received_at, '{}'::jsonb
          from history_batch where received
        union all
        select id, agency_id, case when refused then 'refuse' else 'approve' end,
          'processing', case when refused then 'refused' else 'result_ready' end,
          null, settled_at, '{}'::jsonb
          from history_batch where settled
        union all
        select id, agency_id, 'return_result', 'result_ready', 'returned', null,
          settled_at + interval '1 day', '{}'::jsonb
          from history_batch where returned
        union all
        select id, agency_id, 'rate', 'returned', 'returned', ${applicant.id}::uuid,
          settled_at + interval '2 days', jsonb_build_object('rating', stars)
          from history_batch where stars is not null`.execute(tx);
    });
    options.onBatch?.(offset + count);
  }
  await sql`drop table history_service`.execute(db);
  return options.dossiers;
}
