import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * The seeds' figures for the national feedback system (Q2/2018 report): 7,586 received, 1,829
 * within the scope and forwarded, 1,517 answered (82.9%). The demo's history reproduces them.
 */
export const SEED_FEEDBACK = { received: 7_586, withinScope: 1_829, answered: 1_517 };

const TOPICS: { category: string; title: string; content: string }[] = [
  {
    category: 'giai-quyet-ho-so',
    title: 'Hồ sơ quá hạn nhưng chưa nhận được kết quả',
    content:
      'Tôi nộp hồ sơ trực tuyến, đã quá ngày hẹn trả kết quả nhưng chưa nhận được kết quả và không được thông báo lý do chậm.',
  },
  {
    category: 'giai-quyet-ho-so',
    title: 'Yêu cầu nộp thêm giấy tờ không có trong quy định',
    content:
      'Cán bộ tiếp nhận yêu cầu nộp thêm bản sao có chứng thực giấy khai sinh, giấy tờ này không có trong thành phần hồ sơ đã công bố.',
  },
  {
    category: 'quy-dinh-hanh-chinh',
    title: 'Kiến nghị bỏ yêu cầu xác nhận nơi cư trú',
    content:
      'Thông tin cư trú đã có trong Cơ sở dữ liệu quốc gia về dân cư, kiến nghị bỏ yêu cầu nộp giấy xác nhận thông tin về cư trú.',
  },
  {
    category: 'dich-vu-cong-truc-tuyen',
    title: 'Không thanh toán được lệ phí trực tuyến',
    content:
      'Khi thanh toán lệ phí qua cổng, ngân hàng đã trừ tiền nhưng hồ sơ vẫn báo chưa thanh toán, đề nghị kiểm tra và xử lý.',
  },
  {
    category: 'thai-do-phuc-vu',
    title: 'Thái độ tiếp nhận hồ sơ chưa đúng mực',
    content:
      'Cán bộ tại bộ phận một cửa không hướng dẫn đầy đủ, yêu cầu đi lại nhiều lần để bổ sung từng giấy tờ một.',
  },
  {
    category: 'quy-dinh-hanh-chinh',
    title: 'Thời hạn giải quyết thủ tục quá dài',
    content:
      'Thời hạn giải quyết 30 ngày làm việc là quá dài so với nội dung công việc, kiến nghị rút ngắn để giảm chi phí cho doanh nghiệp.',
  },
  {
    category: 'dich-vu-cong-truc-tuyen',
    title: 'Biểu mẫu trực tuyến báo lỗi khi tải tệp',
    content:
      'Khi tải tệp đính kèm dung lượng dưới 5 MB, hệ thống báo lỗi và không cho nộp hồ sơ, đã thử nhiều lần trong ngày.',
  },
];
const ANSWER =
  'Cơ quan đã kiểm tra nội dung phản ánh. Đã chấn chỉnh bộ phận tiếp nhận, hướng dẫn thực hiện đúng thành phần hồ sơ đã công bố và thông báo kết quả đến người phản ánh.';
const REJECTION =
  'Nội dung không thuộc phạm vi tiếp nhận phản ánh, kiến nghị về quy định hành chính (khiếu nại, tố cáo hoặc đề nghị giải quyết quyền lợi riêng); đề nghị gửi theo quy định của Luật Khiếu nại, Luật Tố cáo.';
const SENDERS = ['Nguyễn Thị Hoa', 'Trần Văn Hùng', 'Lê Thị Thu', 'Phạm Minh Tuấn', 'Võ Thị Lan'];

const DAY_MS = 86_400_000;
/** The demo's items carry numbers from 90,000,001, far above what the live sequence reaches. */
const DEMO_CODES = 'PAKN-%-9_______';

/**
 * A year of feedback to the national desk, forwarded to the current ministries, provinces and
 * communes in turn: `items` of them, of which the seeds' shares are within the scope (24.1%) and,
 * of those, answered (82.9%); with the seeds' size (the default) the figures are the seeds' own.
 * Which item is which comes from a permutation of its number (i × 7919 mod n), so the counts are
 * exact and the kinds are spread over the year. One set of statements, whatever `items` is: the
 * benchmark seeds a million this way.
 */
export async function seedFeedbackHistory(
  db: Kysely<Database>,
  {
    items = SEED_FEEDBACK.received,
    now = new Date(),
    deskAgencyCode = '000.00.00.G22',
  }: { items?: number; now?: Date; deskAgencyCode?: string } = {},
): Promise<boolean> {
  const existing = await db
    .selectFrom('feedback')
    .select('id')
    .where('code', 'like', DEMO_CODES)
    .limit(1)
    .executeTakeFirst();
  if (existing) return false;
  const desk = await db
    .selectFrom('agency')
    .select('id')
    .where('code', '=', deskAgencyCode)
    .executeTakeFirst();
  const agencies = await db
    .selectFrom('agency')
    .select('id')
    .where('level', 'in', ['ministry', 'province', 'commune'])
    .where('valid_to', 'is', null)
    .where('code', 'is not', null)
    .orderBy('code')
    .execute();
  if (!desk || agencies.length === 0) return false;

  const inScope = Math.round((items * SEED_FEEDBACK.withinScope) / SEED_FEEDBACK.received);
  const answered = Math.round((items * SEED_FEEDBACK.answered) / SEED_FEEDBACK.received);
  const onTime = Math.round(answered * 0.86);
  const rated = Math.round(answered * 0.66);
  const unsatisfied = Math.round(rated * 0.15);
  const topics = JSON.stringify(TOPICS);
  const agencyIds = agencies.map((a) => a.id);
  const spanMs = 365 * DAY_MS;

  await db.transaction().execute(async (tx) => {
    // p: the item's place in the permutation, which decides what became of it.
    await sql`
      with numbered as (
        select i, (i::bigint * 7919) % ${items} as p,
          ${now}::timestamptz - make_interval(secs => ((${items} - i)::float8 / ${items}) * ${spanMs / 1000}) as received_at
        from generate_series(1, ${items}) as i
      ), topic as (
        select (ordinality - 1)::int as n, value from jsonb_array_elements(${topics}::jsonb) with ordinality
      )
      insert into feedback (
        code, tracking_key_hash, category_code, title, content, sender_name, consent_to_publish,
        source, state, receiving_agency_id, holder_agency_id, competent_agency_id,
        rejection_reason, forwarded_at, due_at, answer, answered_at, published_at,
        public_title, public_content, public_answer, rating_satisfied, rated_at, received_at, updated_at
      )
      select
        'PAKN-' || to_char(received_at at time zone 'Asia/Ho_Chi_Minh', 'YYYYMMDD') || '-9' || lpad(i::text, 7, '0'),
        md5(i::text),
        t.value ->> 'category',
        t.value ->> 'title',
        t.value ->> 'content',
        (${sql.val(SENDERS)}::text[])[1 + i % ${SENDERS.length}],
        p % 2 = 0,
        'portal',
        case when p >= ${inScope} then 'rejected' when p < ${answered} then 'answered' when p % 2 = 0 then 'assigned' else 'forwarded' end,
        ${desk.id}::uuid,
        case when p >= ${inScope} then ${desk.id}::uuid else (${sql.val(agencyIds)}::uuid[])[1 + i % ${agencyIds.length}] end,
        case when p >= ${inScope} then null else (${sql.val(agencyIds)}::uuid[])[1 + i % ${agencyIds.length}] end,
        case when p >= ${inScope} then ${REJECTION} end,
        case when p < ${inScope} then received_at + interval '2 days' end,
        case when p < ${inScope} then received_at + interval '16 days' end,
        case when p < ${answered} then ${ANSWER} end,
        case when p < ${onTime} then received_at + interval '10 days'
             when p < ${answered} then received_at + interval '21 days' end,
        case when p < ${answered} and p % 2 = 0 then received_at + interval '10 days' end,
        case when p < ${answered} and p % 2 = 0 then t.value ->> 'title' end,
        case when p < ${answered} and p % 2 = 0 then t.value ->> 'content' end,
        case when p < ${answered} and p % 2 = 0 then ${ANSWER} end,
        case when p < ${rated} then p >= ${rated - unsatisfied} end,
        case when p < ${rated} then received_at + interval '12 days' end,
        received_at,
        received_at
      from numbered
      join topic t on t.n = i % ${TOPICS.length}
    `.execute(tx);
    await sql`
      insert into feedback_event (feedback_id, action, actor_name, agency_id, at)
      select id, 'sent', sender_name, receiving_agency_id, received_at from feedback where code like ${DEMO_CODES}
      union all
      select id, 'rejected', 'Bộ phận tiếp nhận phản ánh', receiving_agency_id, received_at + interval '2 days'
        from feedback where code like ${DEMO_CODES} and state = 'rejected'
      union all
      select id, 'forwarded', 'Bộ phận tiếp nhận phản ánh', receiving_agency_id, forwarded_at
        from feedback where code like ${DEMO_CODES} and forwarded_at is not null
      union all
      select id, 'answered', 'Lãnh đạo cơ quan', competent_agency_id, answered_at
        from feedback where code like ${DEMO_CODES} and answered_at is not null
    `.execute(tx);
  });
  return true;
}
