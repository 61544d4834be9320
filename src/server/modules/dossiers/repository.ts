import { DOSSIER_CODE_PATTERN } from '../../../domain/dossier-code.ts';
import {
  sql,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SelectQueryBuilder,
  type Transaction,
} from 'kysely';
import type { DossierChannel, DossierStatus } from '../../../domain/dossier-lifecycle.ts';
import type { Database, NewDossier } from '../../db/schema.ts';
import { compiledOnce } from '../../db/compiled-once.ts';
import {
  insertWithRows,
  isRequiredChangeUnmet,
  type RequiredChange,
  type RowWrite,
} from '../../platform/row-writes.ts';
import { rowsInOrderOf } from '../../platform/batching.ts';
import { draftsDeletion } from './repository.drafts.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A dossier's number in its agency's day, and the moment it was taken: the reception time. */
export type DossierNumber = { sequence: number; at: Date };

/**
 * The next numbers of the agencies' dossiers for the Vietnam calendar day, one per agency id given
 * (an agency given twice gets two), in the order given. One statement, outside the submission's
 * transaction, so each numbering row stays locked for that statement, not until the submissions
 * commit; a submission that then fails leaves its number unused. Its commit does not wait for the
 * disk: a dossier's own commit, later in the log, flushes it (decision 0023). The moment is read
 * after the row locks are taken, never before the counter's last (which a server's clock may have
 * given, `numbersAdvance`), so numbers follow the order of reception; it is kept within the day the
 * row counts.
 */
export async function takeDossierNumbers(db: Db, agencyIds: readonly string[]) {
  // Within a transaction, the commit it would hasten is the dossier's own.
  if (db.isTransaction) throw new Error('dossier numbers are taken outside any transaction');
  const counts = new Map<string, number>();
  for (const id of agencyIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const { rows } = await sql<{ agency_id: string; last: number; at: Date }>`
    insert into dossier_code_sequence as counter (agency_id, day, last_value, last_at)
    select taken.agency_id, (moment.at at time zone 'Asia/Ho_Chi_Minh')::date, taken.count, moment.at
    from unnest(${[...counts.keys()]}::uuid[], ${[...counts.values()]}::int[])
        as taken (agency_id, count),
      (select clock_timestamp() as at) as moment
    on conflict (agency_id, day) do update set
      last_value = counter.last_value + excluded.last_value,
      last_at = least(greatest(clock_timestamp(), counter.last_at),
        (counter.day + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh' - interval '1 microsecond')
    returning agency_id, last_value as last, last_at as at,
      set_config('synchronous_commit', 'off', true) as commit_mode`.execute(db);
  const next = new Map(
    rows.map((row) => [
      row.agency_id,
      { sequence: row.last - (counts.get(row.agency_id) ?? 0), at: row.at },
    ]),
  );
  return agencyIds.map((id): DossierNumber => {
    const taken = next.get(id);
    if (!taken) throw new Error('numbering returned no row');
    taken.sequence += 1;
    return { sequence: taken.sequence, at: taken.at };
  });
}

/**
 * Numbers a server predicted for an agency's dossiers: the `count` after `after` in the counter of
 * `day`, received at `at`. They are the server's only if the counter still holds `after` when the
 * dossiers are written (`numbersAdvance`).
 */
export type PredictedNumbers = {
  agencyId: string;
  day: string;
  after: number;
  count: number;
  at: Date;
};

/**
 * The change that takes predicted numbers in the statement writing their dossiers: each counter
 * advances only if it still holds the number predicted after, received no later than the predicted
 * time (so numbers keep the order of reception whatever ran in between); the statement requires
 * every counter to have advanced, so when another writer took numbers meanwhile nothing is
 * written. The counters stay locked until that statement commits.
 */
export function numbersAdvance(predicted: readonly PredictedNumbers[]): RequiredChange {
  return {
    rows: predicted.length,
    text: (statement) => {
      const values = predicted.map(
        (p) =>
          `(${statement.value(p.agencyId)}::uuid, ${statement.value(p.day)}::date, ` +
          `${statement.value(p.after)}::int, ${statement.value(p.count)}::int, ` +
          `${statement.value(p.at)}::timestamptz)`,
      );
      return (
        `update dossier_code_sequence as counter ` +
        `set last_value = counter.last_value + predicted.count, last_at = predicted.at ` +
        `from (values ${values.join(', ')}) as predicted (agency_id, day, after, count, at) ` +
        `where counter.agency_id = predicted.agency_id and counter.day = predicted.day ` +
        `and counter.last_value = predicted.after and counter.last_at <= predicted.at ` +
        `returning counter.agency_id`
      );
    },
  };
}

/**
 * Whether writing dossiers with predicted numbers failed because another writer took some of them
 * meanwhile: the counter had moved on or, found first, a dossier with a predicted code was there.
 * Nothing of the statement was written.
 */
export function isPredictionStale(error: unknown): boolean {
  if (isRequiredChangeUnmet(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'dossier_code_key';
}

/**
 * A new dossier with the rows written with it (its event, its progress message, its audit record)
 * and, for an online application, the applicant whose draft of it is deleted.
 */
export type DossierWithRows = {
  dossier: NewDossier & { id: string };
  writes: readonly RowWrite[];
  draftOf?: { accountId: string; serviceId: string } | undefined;
};

/**
 * Writes new dossiers with the rows that go with them, and deletes the drafts they replace: one
 * statement, whatever their number. With `predicted`, the same statement takes the dossiers'
 * numbers, and fails (`isPredictionStale`) if they were taken meanwhile. Answers each
 * dossier's row, in the order given.
 */
export async function insertDossiersWithRows(
  db: Db,
  entries: readonly DossierWithRows[],
  predicted?: readonly PredictedNumbers[],
) {
  const drafts = entries.flatMap((entry) => (entry.draftOf ? [entry.draftOf] : []));
  const rows = await insertWithRows<
    Pick<Selectable<Database['dossier']>, 'id' | 'code' | 'status' | 'submitted_at'>
  >(
    db,
    {
      table: 'dossier',
      rows: entries.map((entry) => entry.dossier),
      returning: ['id', 'code', 'status', 'submitted_at'],
    },
    entries.flatMap((entry) => entry.writes),
    drafts.length > 0 ? [(statement) => draftsDeletion(statement, drafts)] : [],
    predicted && numbersAdvance(predicted),
  );
  return rowsInOrderOf(
    entries.map((entry) => entry.dossier.id),
    rows,
    (row) => row.id,
  ).map((row) => {
    if (!row) throw new Error('the dossier was not written');
    return row;
  });
}

/** On the national portal: the application's files travel with its submission. */
export async function tieFilesToSubmission(db: Db, fileIds: string[], submissionId: string) {
  if (fileIds.length === 0) return;
  await db
    .updateTable('stored_file')
    .set({ hub_submission_id: submissionId })
    .where('id', 'in', fileIds)
    .execute();
}

/** The files of a national portal submission, to send them to the member system. */
export function submissionFiles(db: Db, submissionId: string) {
  return db
    .selectFrom('stored_file')
    .select(['id', 'file_name', 'sha256', 'storage_key'])
    .where('hub_submission_id', '=', submissionId)
    .execute();
}

/** The member system has them: the portal keeps none (answers the keys to remove from storage). */
export function releaseSubmissionFiles(db: Db, submissionId: string) {
  return db
    .deleteFrom('stored_file')
    .where('hub_submission_id', '=', submissionId)
    .returning('storage_key')
    .execute();
}

/** Serialises the making of the dossier of one national portal submission (decision 0017). */
export async function lockHubSubmission(db: Db, submissionId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${submissionId}, 0))`.execute(db);
}

export function dossierOfHubSubmission(db: Db, submissionId: string) {
  return db
    .selectFrom('dossier')
    .select(['id', 'code', 'status', 'submitted_at'])
    .where('hub_submission_id', '=', submissionId)
    .executeTakeFirst();
}

export function insertFile(
  db: Db,
  file: {
    ownerId: string;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
  },
) {
  return db
    .insertInto('stored_file')
    .values({
      owner_id: file.ownerId,
      file_name: file.fileName,
      media_type: file.mediaType,
      size_bytes: file.sizeBytes,
      sha256: file.sha256,
      storage_key: file.storageKey,
    })
    .returning(['id', 'file_name', 'media_type', 'size_bytes', 'sha256'])
    .executeTakeFirstOrThrow();
}

/** The applicant's own files not yet attached to a dossier, locked until the transaction ends. */
export function lockUnattachedFiles(db: Db, ownerId: string, fileIds: string[]) {
  if (fileIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stored_file')
    .select(['id', 'media_type', 'size_bytes'])
    .where('id', 'in', fileIds)
    .where('owner_id', '=', ownerId)
    .where('dossier_id', 'is', null)
    .where('hub_submission_id', 'is', null)
    .forUpdate()
    .execute();
}

export async function attachFile(
  db: Db,
  fileId: string,
  dossierId: string,
  agencyId: string,
  documentKey: string,
) {
  await db
    .updateTable('stored_file')
    .set({ dossier_id: dossierId, agency_id: agencyId, document_key: documentKey })
    .where('id', '=', fileId)
    .execute();
}

/** The dossier owes a fee, not yet paid, that its version has the officer ask for and the applicant pay online. */
export const feeRequestable = sql<boolean>`(dossier.fee_due_vnd > 0
  and exists (select 1 from service_version v where v.id = dossier.service_version_id
    and v.payment_online and v.fee_schedule ->> 'payAt' = 'on_request')
  and not exists (select 1 from payment p where p.dossier_id = dossier.id and p.status = 'paid'))`;

/** The dossier joined to its procedure, its agencies and its versions, for their names. */
function joinNames(query: SelectQueryBuilder<Database, 'dossier', object>) {
  return query
    .innerJoin('service', 'service.id', 'dossier.service_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('agency', 'agency.id', 'dossier.agency_id')
    .innerJoin('agency as holder', 'holder.id', 'dossier.holder_agency_id')
    .leftJoin('agency as reception', 'reception.id', 'dossier.reception_agency_id')
    .leftJoin('agency as return_desk', 'return_desk.id', 'dossier.return_agency_id')
    .innerJoin(
      'service_version as workflow_version',
      'workflow_version.id',
      'dossier.workflow_version_id',
    )
    .innerJoin(
      'service_version as submitted_version',
      'submitted_version.id',
      'dossier.service_version_id',
    );
}

/** A dossier's summary: its row with the names of its procedure, agencies and step. */
function withNames(query: ReturnType<typeof joinNames>) {
  return query.select([
    'dossier.id',
    'dossier.code',
    'dossier.agency_id',
    'dossier.holder_agency_id',
    'dossier.reception_agency_id',
    'dossier.return_agency_id',
    'reception.name as reception_agency_name',
    'return_desk.name as return_agency_name',
    'dossier.channel',
    'dossier.status',
    'dossier.submitted_at',
    'dossier.received_at',
    'dossier.due_at',
    'dossier.finished_at',
    'dossier.returned_at',
    'dossier.lock_version',
    'dossier.step_index',
    'dossier.step_due_at',
    'dossier.assignee_id',
    'dossier.applicant_id',
    'dossier.applicant_name',
    'dossier.rating',
    'dossier.fee_due_vnd',
    'dossier.supplement_from',
    'dossier.reception_supplements',
    'dossier.fee_outstanding',
    'dossier.fee_choice',
    'submitted_version.fee_schedule',
    feeRequestable.as('fee_requestable'),
    'dossier.pause_reason',
    'workflow_version.workflow',
    'workflow_version.result_online',
    'procedure.name as procedure_name',
    'procedure.national_code as procedure_code',
    'agency.name as agency_name',
    'holder.name as holder_agency_name',
  ]);
}

function dossierWithNames(db: Db) {
  return withNames(joinNames(db.selectFrom('dossier')));
}

export type DossierScope = { applicantId: string } | { agencyIds: string[] };

/** Who may see which dossiers: an applicant their own, an officer those their agencies received or hold. */
function inScope(scope: DossierScope) {
  return (eb: ExpressionBuilder<Database, 'dossier'>) => {
    if ('applicantId' in scope) return eb('dossier.applicant_id', '=', scope.applicantId);
    if (scope.agencyIds.length === 0) return eb.lit(false);
    return eb.or([
      eb('dossier.holder_agency_id', 'in', scope.agencyIds),
      eb('dossier.agency_id', 'in', scope.agencyIds),
      // a service center sees what it received or returns for another agency of its province
      eb('dossier.reception_agency_id', 'in', scope.agencyIds),
      eb('dossier.return_agency_id', 'in', scope.agencyIds),
    ]);
  };
}

export function listDossiers(
  db: Db,
  scope: DossierScope,
  filter: { status?: DossierStatus | undefined; limit: number },
) {
  let query = dossierWithNames(db).where(inScope(scope));
  if (filter.status) query = query.where('dossier.status', '=', filter.status);
  return query.orderBy('dossier.submitted_at', 'desc').limit(filter.limit).execute();
}

export type InboxFilter = {
  status?: DossierStatus | undefined;
  procedureCode?: string | undefined;
  channel?: DossierChannel | undefined;
  deadline?: 'overdue' | 'due_soon' | 'on_time' | undefined;
  q?: string | undefined;
  /** `center`: what a service center's desk must receive or return for other agencies. */
  view?: 'held' | 'center' | undefined;
  sort: 'submitted_desc' | 'submitted_asc' | 'due_asc';
  limit: number;
  offset: number;
  now: Date;
  dueSoonBefore: Date;
};

/**
 * The inbox's dossiers of the agencies, filtered and searched, in no order yet: conditions on the
 * dossier's own columns only, so the register reads them from one table.
 */
function inboxQuery(
  db: Db,
  agencyIds: string[],
  filter: Omit<InboxFilter, 'sort' | 'limit' | 'offset' | 'view'> & {
    view?: InboxFilter['view'] | 'register';
  },
) {
  let query =
    filter.view === 'center'
      ? db
          .selectFrom('dossier')
          .where((eb) =>
            eb.or([
              eb.and([
                eb('dossier.reception_agency_id', 'in', agencyIds),
                eb('dossier.status', 'in', ['submitted', 'supplement_requested']),
              ]),
              eb.and([
                eb('dossier.return_agency_id', 'in', agencyIds),
                eb('dossier.status', '=', 'result_ready'),
              ]),
            ]),
          )
      : filter.view === 'register'
        ? // what the agencies took in, handle or hold, wherever it is now
          db
            .selectFrom('dossier')
            .where((eb) =>
              eb.or([
                eb('dossier.agency_id', 'in', agencyIds),
                eb('dossier.reception_agency_id', 'in', agencyIds),
                eb('dossier.holder_agency_id', 'in', agencyIds),
              ]),
            )
        : db.selectFrom('dossier').where('dossier.holder_agency_id', 'in', agencyIds);
  if (filter.status) query = query.where('dossier.status', '=', filter.status);
  if (filter.channel) query = query.where('dossier.channel', '=', filter.channel);
  if (filter.procedureCode)
    query = query.where('dossier.service_id', 'in', (eb) =>
      eb
        .selectFrom('service')
        .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
        .where('procedure.national_code', '=', filter.procedureCode ?? '')
        .select('service.id'),
    );
  if (filter.deadline) {
    query = query.where('dossier.finished_at', 'is', null);
    if (filter.deadline === 'overdue') query = query.where('dossier.due_at', '<', filter.now);
    if (filter.deadline === 'due_soon')
      query = query
        .where('dossier.due_at', '>=', filter.now)
        .where('dossier.due_at', '<=', filter.dueSoonBefore);
    if (filter.deadline === 'on_time')
      query = query.where('dossier.due_at', '>', filter.dueSoonBefore);
  }
  const q = filter.q?.trim();
  if (q) {
    const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    query = DOSSIER_CODE_PATTERN.test(q)
      ? query.where('dossier.code', '=', q)
      : words.length === 0
        ? query.where(sql.lit(false))
        : query.where(
            sql<boolean>`dossier.search_words @@ to_tsquery('simple', f_unaccent(${words.join(' & ')} || ':*'))`,
          );
  }
  return query;
}

/** The back-office inbox: dossiers the agencies hold now, filtered, searched and paged (one row more than asked tells whether a next page exists). */
export function listInbox(db: Db, agencyIds: string[], filter: InboxFilter) {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return inboxPageQuery(db, agencyIds, filter).execute();
}

/** The one statement a page of the inbox is (bench/processing.ts runs it bare). */
export function inboxPageQuery(db: Db, agencyIds: string[], filter: InboxFilter) {
  let query = withNames(joinNames(inboxQuery(db, agencyIds, filter)));
  query =
    filter.sort === 'due_asc'
      ? query.orderBy(sql`dossier.due_at asc nulls last`).orderBy('dossier.submitted_at')
      : query.orderBy('dossier.submitted_at', filter.sort === 'submitted_asc' ? 'asc' : 'desc');
  return query.limit(filter.limit + 1).offset(filter.offset);
}

export type RegisterFilter = Omit<InboxFilter, 'sort' | 'limit' | 'offset' | 'view'> & {
  /** Submitted from this instant (inclusive) to that one (exclusive). */
  from: Date;
  to: Date;
};

/**
 * One batch of the dossier register (Sổ theo dõi hồ sơ): the inbox's filter over a period, in
 * order of submission, after the last row of the previous batch (keyset: every batch is an index
 * range, however deep into the period).
 */
export function registerBatch(
  db: Db,
  agencyIds: string[],
  filter: RegisterFilter,
  after: { submittedAt: Date; id: string } | undefined,
  size: number,
) {
  let query = inboxQuery(db, agencyIds, { ...filter, view: 'register' })
    // The dossier's own columns: the names come from a `NameBook`, once per export. The
    // inbox's nine-table join took PostgreSQL 3–11 ms a batch and, with the summary's JSON
    // columns parsed for every row, most of an export's time (decision 0023).
    .select([
      'dossier.id',
      'dossier.code',
      'dossier.status',
      'dossier.channel',
      'dossier.applicant_name',
      'dossier.service_id',
      'dossier.agency_id',
      'dossier.reception_agency_id',
      'dossier.return_agency_id',
      'dossier.submitted_at',
      'dossier.received_at',
      'dossier.due_at',
      'dossier.finished_at',
      'dossier.returned_at',
    ])
    .where('dossier.submitted_at', '>=', filter.from)
    .where('dossier.submitted_at', '<', filter.to);
  if (after)
    query = query.where(
      sql<boolean>`(dossier.submitted_at, dossier.id) > (${after.submittedAt}, ${after.id}::uuid)`,
    );
  return query.orderBy('dossier.submitted_at').orderBy('dossier.id').limit(size).execute();
}

/** Names by key: the procedure of each service, each agency, each version's workflow. */
export async function namesOf(
  db: Db,
  ids: { serviceIds: string[]; agencyIds: string[]; versionIds: string[] },
) {
  const [procedures, agencies, versions] = await Promise.all([
    ids.serviceIds.length === 0
      ? []
      : db
          .selectFrom('service')
          .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
          .where('service.id', 'in', ids.serviceIds)
          .select(['service.id', 'procedure.national_code', 'procedure.name'])
          .execute(),
    ids.agencyIds.length === 0
      ? []
      : db.selectFrom('agency').where('id', 'in', ids.agencyIds).select(['id', 'name']).execute(),
    ids.versionIds.length === 0
      ? []
      : db
          .selectFrom('service_version')
          .where('id', 'in', ids.versionIds)
          .select(['id', 'workflow'])
          .execute(),
  ]);
  return { procedures, agencies, versions };
}

/** The dossier, and whether the scope may see it (`visible`): one query answers both. */
export function findDossier(db: Db, where: { code: string } | { id: string }, scope: DossierScope) {
  const query = dossierWithNames(db)
    .innerJoin('service_version', 'service_version.id', 'dossier.service_version_id')
    .select((eb) => [
      'dossier.form_data',
      'service_version.form_schema',
      inScope(scope)(eb).as('visible'),
    ]);
  return (
    'code' in where
      ? query.where('dossier.code', '=', where.code)
      : query.where('dossier.id', '=', where.id)
  ).executeTakeFirst();
}

/**
 * Dossiers as the public lookup shows them, by their unique codes, in the order of the codes
 * (undefined for a code that names none): the dossier's own columns only, the names coming from
 * a `NameBook`. PostgreSQL then reads one row by one index per code, as for the bare select the
 * lookup is measured against; the lookups arriving together share the statement (decision 0023).
 */
export async function findPublicStatuses(db: Kysely<Database>, codes: readonly string[]) {
  return rowsInOrderOf(codes, await publicStatuses(db, codes), (row) => row.code);
}

const publicStatuses = compiledOnce((db, codes: readonly string[]) =>
  db
    .selectFrom('dossier')
    .select([
      'code',
      'status',
      'channel',
      'service_id',
      'workflow_version_id',
      'agency_id',
      'holder_agency_id',
      'reception_agency_id',
      'return_agency_id',
      'step_index',
      'submitted_at',
      'received_at',
      'due_at',
      'finished_at',
      'returned_at',
    ])
    .where('code', '=', sql<string>`any(${codes}::text[])`),
);

export function listEvents(db: Db, dossierId: string) {
  return db
    .selectFrom('dossier_event')
    .leftJoin('account', 'account.id', 'dossier_event.actor_id')
    .innerJoin('agency', 'agency.id', 'dossier_event.agency_id')
    .select([
      'dossier_event.id',
      'dossier_event.action',
      'dossier_event.from_status',
      'dossier_event.to_status',
      'dossier_event.note',
      'dossier_event.details',
      'dossier_event.occurred_at',
      'account.kind as actor_kind',
      'account.full_name as actor_name',
      'agency.name as agency_name',
    ])
    .where('dossier_event.dossier_id', '=', dossierId)
    .orderBy('dossier_event.id')
    .execute();
}

export function listFiles(db: Db, dossierId: string) {
  return db
    .selectFrom('stored_file')
    .select(['id', 'document_key', 'file_name', 'media_type', 'size_bytes', 'sha256'])
    .where('dossier_id', '=', dossierId)
    .orderBy('created_at')
    .execute();
}

export function findFile(db: Db, dossierId: string, fileId: string) {
  return db
    .selectFrom('stored_file')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'storage_key'])
    .where('dossier_id', '=', dossierId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

/** Dossiers of these agencies changed after `since`, oldest change first: a sync feed. */
export function listChangedDossiers(db: Db, agencyIds: string[], since: Date, limit: number) {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('dossier')
    .innerJoin('service', 'service.id', 'dossier.service_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('agency', 'agency.id', 'dossier.agency_id')
    .select([
      'dossier.code',
      'dossier.channel',
      'dossier.status',
      'dossier.submitted_at',
      'dossier.received_at',
      'dossier.due_at',
      'dossier.finished_at',
      'dossier.updated_at',
      'procedure.national_code as procedure_code',
      'agency.code as agency_code',
    ])
    .where('dossier.agency_id', 'in', agencyIds)
    .where('dossier.updated_at', '>', since)
    .orderBy('dossier.updated_at')
    .orderBy('dossier.code')
    .limit(limit)
    .execute();
}

/** A dossier's code, agency and applicant: what feedback about it is checked against and shown with. */
export function dossierReference(db: Db, where: { code: string } | { id: string }) {
  return db
    .selectFrom('dossier')
    .select(['id', 'code', 'agency_id as agencyId', 'applicant_id as applicantId'])
    .where('code' in where ? 'code' : 'id', '=', 'code' in where ? where.code : where.id)
    .executeTakeFirst();
}
