import {
  sql,
  type RawBuilder,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { FeedbackMeasure, FeedbackState } from '../../../domain/feedback.ts';
import type { FeedbackCounts } from '../../../domain/indicators.ts';
import type { Database, FeedbackTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';

type Db = Kysely<Database> | Transaction<Database>;

export const PAGE_SIZE = 20;

export function listCategories(db: Db) {
  return db.selectFrom('feedback_category').selectAll().orderBy('position').execute();
}

export function findCategory(db: Db, code: string) {
  return db.selectFrom('feedback_category').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The current agency with this code, and its office hours (a due date counts them). */
export function findAgencyByCode(db: Db, code: string) {
  return db
    .selectFrom('agency')
    .select(['id', 'name', 'office_hours'])
    .where('code', '=', code)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

export function officeHoursOf(db: Db, agencyId: string) {
  return db
    .selectFrom('agency')
    .select(['office_hours'])
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
}

export async function nextFeedbackNumber(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string }>`select nextval('feedback_number') as n`.execute(db);
  return Number(rows[0]?.n);
}

export function insertFeedback(db: Db, row: Insertable<FeedbackTable>) {
  return db
    .insertInto('feedback')
    .values(row)
    .returning(['id', 'code', 'state'])
    .executeTakeFirstOrThrow();
}

export function insertFeedbackFile(
  db: Db,
  file: {
    claimKeyHash: string;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    /** Given when the item exists already (one the national portal sent). */
    feedbackId?: string;
  },
) {
  return db
    .insertInto('feedback_file')
    .values({
      feedback_id: file.feedbackId ?? null,
      claim_key_hash: file.claimKeyHash,
      file_name: file.fileName,
      media_type: file.mediaType,
      size_bytes: file.sizeBytes,
      sha256: file.sha256,
      storage_key: file.storageKey,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** Ties the uploaded files to the item; answers how many were claimed (each needs its own key). */
export async function claimFiles(
  db: Db,
  feedbackId: string,
  files: readonly { id: string; keyHash: string }[],
): Promise<number> {
  let claimed = 0;
  for (const file of files) {
    const result = await db
      .updateTable('feedback_file')
      .set({ feedback_id: feedbackId })
      .where('id', '=', file.id)
      .where('claim_key_hash', '=', file.keyHash)
      .where('feedback_id', 'is', null)
      .executeTakeFirst();
    claimed += Number(result.numUpdatedRows);
  }
  return claimed;
}

export function listFiles(db: Db, feedbackId: string) {
  return db
    .selectFrom('feedback_file')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'storage_key'])
    .where('feedback_id', '=', feedbackId)
    .orderBy('created_at')
    .execute();
}

export function insertEvent(
  db: Db,
  event: {
    feedbackId: string;
    action: string;
    actorId: string | null;
    actorName: string;
    agencyId: string | null;
    note?: string | null;
  },
) {
  return db
    .insertInto('feedback_event')
    .values({
      feedback_id: event.feedbackId,
      action: event.action,
      actor_id: event.actorId,
      actor_name: event.actorName,
      agency_id: event.agencyId,
      note: event.note ?? null,
    })
    .execute();
}

export function listEvents(db: Db, feedbackId: string) {
  return db
    .selectFrom('feedback_event')
    .leftJoin('agency', 'agency.id', 'feedback_event.agency_id')
    .select([
      'feedback_event.action',
      'feedback_event.actor_name',
      'agency.name as agency_name',
      'feedback_event.note',
      'feedback_event.at',
    ])
    .where('feedback_id', '=', feedbackId)
    .orderBy('feedback_event.id')
    .execute();
}

/** Who sent what lately: by account, or for an anonymous sender by phone or mail address. */
export function recentBySender(
  db: Db,
  sender: { accountId: string } | { phone: string | null; email: string | null },
  since: Date,
) {
  let query = db
    .selectFrom('feedback')
    .select(['code', 'title', 'content'])
    .where('received_at', '>=', since);
  if ('accountId' in sender) query = query.where('sender_account_id', '=', sender.accountId);
  else
    query = query
      .where('sender_account_id', 'is', null)
      .where((eb) =>
        eb.or([
          ...(sender.phone ? [eb('sender_phone', '=', sender.phone)] : []),
          ...(sender.email ? [eb('sender_email', '=', sender.email)] : []),
        ]),
      );
  return query.orderBy('received_at', 'desc').limit(200).execute();
}

/** An item with what every view of it shows (category, agencies, assignee, the item it joined). */
export function findFeedback(db: Db, code: string) {
  return db
    .selectFrom('feedback as f')
    .innerJoin('feedback_category as c', 'c.code', 'f.category_code')
    .innerJoin('agency as holder', 'holder.id', 'f.holder_agency_id')
    .leftJoin('agency as competent', 'competent.id', 'f.competent_agency_id')
    .leftJoin('account as assignee', 'assignee.id', 'f.assignee_id')
    .leftJoin('feedback as merged', 'merged.id', 'f.merged_into_id')
    .leftJoin('dossier', 'dossier.id', 'f.dossier_id')
    .selectAll('f')
    .select([
      'c.name as category_name',
      'c.extension_days',
      'holder.name as holder_agency_name',
      'competent.name as competent_agency_name',
      'competent.code as competent_agency_code',
      'assignee.full_name as assignee_name',
      'merged.code as merged_into_code',
      'dossier.code as dossier_code',
    ])
    .where('f.code', '=', code)
    .executeTakeFirst();
}
export type FeedbackRow = NonNullable<Awaited<ReturnType<typeof findFeedback>>>;

/** Locks the item for a change: two desks acting at once take turns, the second sees the first's result. */
export function lockFeedback(db: Transaction<Database>, id: string) {
  return db
    .selectFrom('feedback')
    .select(['id', 'state', 'updated_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export function updateFeedback(db: Db, id: string, changes: Partial<Insertable<FeedbackTable>>) {
  return db
    .updateTable('feedback')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

const summaryColumns = [
  'f.code',
  'f.title',
  'c.name as category_name',
  'f.state',
  'f.received_at',
  'f.due_at',
  'f.answered_at',
  'dossier.code as dossier_code',
] as const;

export function listBySender(db: Db, accountId: string) {
  return db
    .selectFrom('feedback as f')
    .innerJoin('feedback_category as c', 'c.code', 'f.category_code')
    .leftJoin('dossier', 'dossier.id', 'f.dossier_id')
    .select(summaryColumns)
    .where('f.sender_account_id', '=', accountId)
    .orderBy('f.received_at', 'desc')
    .limit(100)
    .execute();
}

export function listByDossier(db: Db, dossierId: string) {
  return db
    .selectFrom('feedback as f')
    .innerJoin('feedback_category as c', 'c.code', 'f.category_code')
    .leftJoin('dossier', 'dossier.id', 'f.dossier_id')
    .select(summaryColumns)
    .where('f.dossier_id', '=', dossierId)
    .orderBy('f.received_at', 'desc')
    .execute();
}

export type DeskFilter = {
  view: 'desk' | 'mine' | 'approval' | 'overdue';
  state?: FeedbackState;
  page: number;
  now: Date;
};

/**
 * The desk's list, a page of it, newest first (the overdue list: most overdue first). Each view
 * reads one index: what the agencies hold (`feedback_holder…`), in a state everywhere
 * (`feedback_state_recent`), overdue (`feedback_open_due…`), assigned to the officer
 * (`feedback_assignee`).
 */
export function listForDesk(
  db: Db,
  scope: { agencyIds: readonly string[]; accountId: string; everywhere: boolean },
  filter: DeskFilter,
) {
  const where = (eb: ExpressionBuilder<{ f: FeedbackTable }, 'f'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.view === 'mine') conditions.push(eb('f.assignee_id', '=', scope.accountId));
    else if (!scope.everywhere)
      conditions.push(
        scope.agencyIds.length > 0
          ? eb('f.holder_agency_id', 'in', scope.agencyIds)
          : eb.val(false),
      );
    if (filter.view === 'approval') conditions.push(eb('f.state', '=', 'awaiting_approval'));
    if (filter.view === 'overdue')
      conditions.push(
        eb('f.state', 'in', ['forwarded', 'assigned', 'awaiting_approval']),
        eb('f.due_at', '<', filter.now),
      );
    if (filter.state) conditions.push(eb('f.state', '=', filter.state));
    return eb.and(conditions);
  };
  return (
    db
      .selectFrom('feedback as f')
      .innerJoin('feedback_category as c', 'c.code', 'f.category_code')
      .innerJoin('agency as holder', 'holder.id', 'f.holder_agency_id')
      .leftJoin('account as assignee', 'assignee.id', 'f.assignee_id')
      .leftJoin('dossier', 'dossier.id', 'f.dossier_id')
      .select([
        ...summaryColumns,
        'holder.name as holder_agency_name',
        'assignee.full_name as assignee_name',
      ])
      .where(where)
      // the overdue list leads with what is most overdue
      .orderBy(
        filter.view === 'overdue' ? 'f.due_at' : 'f.received_at',
        filter.view === 'overdue' ? 'asc' : 'desc',
      )
      .orderBy('f.id')
      .limit(PAGE_SIZE + 1)
      .offset((filter.page - 1) * PAGE_SIZE)
      .execute()
  );
}

/** Open items of the same category whose text is alike (pg_trgm): candidates to merge. */
export function findSimilarOpen(db: Db, item: { id: string; categoryCode: string; text: string }) {
  return db
    .selectFrom('feedback')
    .select(['code', 'title', 'state'])
    .where('category_code', '=', item.categoryCode)
    .where('id', '!=', item.id)
    .where('state', 'in', ['received', 'forwarded', 'assigned', 'awaiting_approval', 'answered'])
    .where('received_at', '>=', new Date(Date.now() - 30 * 24 * 3600 * 1000))
    .where(sql<boolean>`similarity(title || ' ' || content, ${item.text}) > 0.5`)
    .orderBy(sql`similarity(title || ' ' || content, ${item.text})`, 'desc')
    .limit(5)
    .execute();
}

/** How many of the newest published answers a search reads before it asks the word index. */
const RECENT_WINDOW = 5_000;

/**
 * A page of published answers, newest first; with words, those whose text holds them all (without
 * diacritics). A word most answers hold is found among the newest few thousand, read in date order
 * and stopped at the page; a rare one from the trigram index, which then finds few rows to sort.
 * The first is exact whenever it fills the page: every answer it did not read is older.
 */
export async function listPublished(db: Db, words: readonly string[], page: number) {
  const patterns = words.map((word) => `%${word.replace(/[%_\\]/g, '')}%`);
  const wanted = page * PAGE_SIZE + 1;
  const pageOf = async (ids: readonly { id: string }[]) => {
    const chosen = ids.slice((page - 1) * PAGE_SIZE, wanted).map((r) => r.id);
    if (chosen.length === 0) return [];
    return db
      .selectFrom('feedback as f')
      .innerJoin('feedback_category as c', 'c.code', 'f.category_code')
      .innerJoin('agency as a', 'a.id', 'f.competent_agency_id')
      .select([
        'f.code',
        'f.public_title',
        'f.public_content',
        'f.public_answer',
        'c.name as category_name',
        'a.name as agency_name',
        'f.received_at',
        'f.answered_at',
        'f.published_at',
      ])
      .where('f.id', 'in', chosen)
      .orderBy('f.published_at', 'desc')
      .orderBy('f.id')
      .execute();
  };
  if (patterns.length > 0) {
    let recent = db
      .selectFrom(
        db
          .selectFrom('feedback')
          .select(['id', 'published_at', 'public_search'])
          .where('published_at', 'is not', null)
          .orderBy('published_at', 'desc')
          .orderBy('id')
          .limit(RECENT_WINDOW)
          .as('recent'),
      )
      .select(['id']);
    for (const pattern of patterns) recent = recent.where('public_search', 'like', pattern);
    const found = await recent
      .orderBy('published_at', 'desc')
      .orderBy('id')
      .limit(wanted)
      .execute();
    if (found.length === wanted) return pageOf(found);
  }
  let all = db.selectFrom('feedback').select(['id']).where('published_at', 'is not', null);
  for (const pattern of patterns) all = all.where('public_search', 'like', pattern);
  return pageOf(await all.orderBy('published_at', 'desc').orderBy('id').limit(wanted).execute());
}

/** Items coming due within the window and not yet reminded: whom to remind. */
export function listComingDue(db: Db, before: Date) {
  return db
    .selectFrom('feedback')
    .select(['id', 'code', 'title', 'holder_agency_id', 'assignee_id', 'due_at'])
    .where('state', 'in', ['forwarded', 'assigned', 'awaiting_approval'])
    .where('due_at', '<=', before)
    .where('reminded_at', 'is', null)
    .limit(500)
    .execute();
}

/** An item `f` answered after its due date, or still unanswered past it at `now`. */
const lateAt = (now: Date) =>
  sql<boolean>`(f.answered_at > f.due_at or (f.answered_at is null and f.due_at < ${now}))`;

/**
 * The satisfaction group's counts of items received in [from, to), for groups of agencies:
 * `members` is a relation `(agency_id, key)` naming each agency's group, and each item counts in
 * the group of its competent agency.
 */
export async function feedbackCountsByGroup(
  db: Db,
  members: RawBuilder<unknown>,
  range: { from: Date; to: Date; now: Date },
): Promise<Map<string, FeedbackCounts>> {
  const { rows } = await sql<{
    key: string;
    competent: string | number;
    answered: string | number;
    answered_on_time: string | number;
    late_or_unsatisfied: string | number;
  }>`
    select m.key,
      count(*) as competent,
      count(*) filter (where f.answered_at is not null) as answered,
      count(*) filter (where f.answered_at <= f.due_at) as answered_on_time,
      count(*) filter (where ${lateAt(range.now)} or f.rating_satisfied = false) as late_or_unsatisfied
    from feedback f
    join ${members} m on m.agency_id = f.competent_agency_id
    where f.forwarded_at is not null
      and f.received_at >= ${range.from} and f.received_at < ${range.to}
    group by m.key`.execute(db);
  return new Map(
    rows.map((r) => [
      r.key,
      {
        competent: Number(r.competent),
        answered: Number(r.answered),
        answeredOnTime: Number(r.answered_on_time),
        lateOrUnsatisfied: Number(r.late_or_unsatisfied),
      },
    ]),
  );
}

/** The figures of items received in [from, to), grouped by the competent agency. */
export function countFigures(
  db: Db,
  range: { from: Date; to: Date; agencyId?: string; now: Date },
) {
  const late = lateAt(range.now);
  let query = db
    .selectFrom('feedback as f')
    .leftJoin('agency as a', 'a.id', 'f.competent_agency_id')
    .select((eb) => [
      'a.code as agency_code',
      'a.name as agency_name',
      eb.fn.countAll<string>().as('received'),
      sql<string>`count(*) filter (where f.state = 'rejected')`.as('rejected'),
      sql<string>`count(*) filter (where f.state = 'merged')`.as('merged'),
      sql<string>`count(*) filter (where f.forwarded_at is not null)`.as('forwarded'),
      sql<string>`count(*) filter (where f.answered_at is not null)`.as('answered'),
      sql<string>`count(*) filter (where f.answered_at <= f.due_at)`.as('answered_on_time'),
      sql<string>`count(*) filter (where f.published_at is not null)`.as('published'),
      sql<string>`count(*) filter (where f.rated_at is not null)`.as('rated'),
      sql<string>`count(*) filter (where f.rating_satisfied = false)`.as('rated_unsatisfied'),
      sql<string>`count(*) filter (where f.forwarded_at is not null and (${late} or f.rating_satisfied = false))`.as(
        'late_or_unsatisfied',
      ),
    ])
    .where('f.received_at', '>=', range.from)
    .where('f.received_at', '<', range.to);
  if (range.agencyId) query = query.where('f.competent_agency_id', '=', range.agencyId);
  return query.groupBy(['a.code', 'a.name']).execute();
}

/** Open311's list: by codes, or received in a period; by category and open or closed. */
export function listOpen311Requests(
  db: Db,
  filter: {
    codes?: readonly string[];
    start?: Date;
    end?: Date;
    categoryCodes?: readonly string[];
    statuses?: readonly ('open' | 'closed')[];
    limit: number;
  },
) {
  let query = db
    .selectFrom('feedback as f')
    .innerJoin('feedback_category as c', 'c.code', 'f.category_code')
    .innerJoin('agency as a', 'a.id', 'f.holder_agency_id')
    .select([
      'f.code',
      'f.state',
      'f.rejection_reason',
      'f.category_code',
      'c.name as category_name',
      'a.name as agency_name',
      'f.public_content',
      'f.public_answer',
      'f.published_at',
      'f.received_at',
      'f.updated_at',
      'f.due_at',
    ]);
  if (filter.codes)
    query = query.where('f.code', 'in', filter.codes.length ? [...filter.codes] : ['']);
  if (filter.start) query = query.where('f.received_at', '>=', filter.start);
  if (filter.end) query = query.where('f.received_at', '<=', filter.end);
  if (filter.categoryCodes) query = query.where('f.category_code', 'in', [...filter.categoryCodes]);
  if (filter.statuses && filter.statuses.length === 1)
    query = query.where('f.state', filter.statuses[0] === 'closed' ? 'in' : 'not in', [
      'rejected',
      'merged',
      'answered',
    ]);
  return query.orderBy('f.received_at', 'desc').limit(filter.limit).execute();
}

/** The items behind one figure: received in [from, to), of one competent agency or all. */
export function listBehindFigure(
  db: Db,
  filter: {
    from: Date;
    to: Date;
    agencyId?: string;
    measure: FeedbackMeasure;
    page: number;
    now: Date;
  },
) {
  let query = db
    .selectFrom('feedback as f')
    .innerJoin('feedback_category as c', 'c.code', 'f.category_code')
    .leftJoin('dossier', 'dossier.id', 'f.dossier_id')
    .select(summaryColumns)
    .where('f.received_at', '>=', filter.from)
    .where('f.received_at', '<', filter.to);
  if (filter.agencyId) query = query.where('f.competent_agency_id', '=', filter.agencyId);
  switch (filter.measure) {
    case 'received':
      query = query.where('f.state', '!=', 'merged');
      break;
    case 'withinScope':
      query = query.where('f.forwarded_at', 'is not', null);
      break;
    case 'answered':
      query = query.where('f.answered_at', 'is not', null);
      break;
    case 'answeredOnTime':
      query = query.whereRef('f.answered_at', '<=', 'f.due_at');
      break;
    case 'late':
      query = query.where(lateAt(filter.now));
      break;
    case 'published':
      query = query.where('f.published_at', 'is not', null);
      break;
    case 'unsatisfied':
      query = query.where('f.rating_satisfied', '=', false);
      break;
  }
  return query
    .orderBy('f.received_at', 'desc')
    .orderBy('f.id')
    .limit(PAGE_SIZE + 1)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
}
