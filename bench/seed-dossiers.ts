import type pg from 'pg';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Hữu', 'Thanh', 'Quốc', 'Gia'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Hà',
  'Khôi',
  'Lan',
  'Mai',
  'Nam',
  'Phúc',
  'Tâm',
  'Vy',
];

/**
 * `count` dossiers across the demo wards' services over two years, in the mix a one-stop shop
 * holds (SQL, not row by row); `offset` continues an earlier seeding. Answers the seconds taken.
 */
export async function seedDossiers(client: pg.Client, count: number, offset: number) {
  const started = performance.now();
  await client.query(
    `
    with services as (
      select s.id as service_id, v.id as version_id, s.agency_id, a.code as agency_code,
             row_number() over (order by s.id) - 1 as n, count(*) over () as total
      from service s
      join agency a on a.id = s.agency_id and a.level = 'commune'
      join lateral (select id from service_version where service_id = s.id and published_at is not null
                    order by version desc limit 1) v on true
    ),
    applicant as (select id from account where kind = 'citizen' order by created_at limit 1),
    rows as (
      select i, date_trunc('day', now()) - interval '12 hours' - (i % 730) * interval '1 day' - (i % 480) * interval '1 minute' as submitted_at,
             (i::bigint * 7919) % 100 as roll
      from generate_series($5::int + 1, $5::int + $1::int) i
    )
    insert into dossier (code, agency_id, service_id, service_version_id, applicant_id, applicant_name,
                         channel, status, form_data, submitted_at, received_at, due_at, finished_at,
                         holder_agency_id, workflow_version_id, step_index)
    select s.agency_code || '-' || to_char(r.submitted_at, 'YYMMDD') || '-' || lpad((r.i / 730)::text, 4, '0'),
           s.agency_id, s.service_id, s.version_id, (select id from applicant),
           ($2::text[])[1 + r.i % 10] || ' ' || ($3::text[])[1 + (r.i / 10) % 8] || ' ' || ($4::text[])[1 + (r.i / 80) % 12],
           case when r.roll < 80 then 'online' when r.roll < 95 then 'counter' else 'post' end,
           case when r.roll < 70 then 'returned' when r.roll < 80 then 'processing'
                when r.roll < 85 then 'received' when r.roll < 90 then 'submitted'
                when r.roll < 95 then 'supplement_requested' else 'refused' end,
           '{}'::jsonb, r.submitted_at,
           case when r.roll < 85 then r.submitted_at + interval '2 hours' end,
           case when r.roll < 85 then r.submitted_at + interval '3 days' end,
           case when r.roll < 70 then r.submitted_at + interval '2 days' end,
           s.agency_id, s.version_id,
           case when r.roll >= 70 and r.roll < 85 then 0 end
    from rows r join services s on s.n = r.i % s.total`,
    [count, FAMILY, MIDDLE, GIVEN, offset],
  );
  await client.query('analyze dossier');
  return (performance.now() - started) / 1000;
}
