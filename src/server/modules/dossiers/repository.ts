import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DossierAction, DossierStatus } from '../../../domain/dossier-lifecycle.ts';
import type { Database, NewDossier } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Next sequence number of the agency's dossiers for one Vietnam calendar day; atomic under concurrency. */
export async function nextDossierSequence(db: Db, agencyId: string, day: string): Promise<number> {
  const row = await db
    .insertInto('dossier_code_sequence')
    .values({ agency_id: agencyId, day, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'day'])
        .doUpdateSet({ last_value: sql`dossier_code_sequence.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

export function insertDossier(db: Db, dossier: NewDossier) {
  return db
    .insertInto('dossier')
    .values(dossier)
    .returning(['id', 'code', 'status', 'submitted_at'])
    .executeTakeFirstOrThrow();
}

export async function insertEvent(
  db: Db,
  event: {
    dossierId: string;
    agencyId: string;
    action: DossierAction;
    from: DossierStatus | null;
    to: DossierStatus;
    actorId: string | null;
    note?: string | null;
  },
) {
  await db
    .insertInto('dossier_event')
    .values({
      dossier_id: event.dossierId,
      agency_id: event.agencyId,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      actor_id: event.actorId,
      note: event.note ?? null,
    })
    .execute();
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

function dossierWithNames(db: Db) {
  return db
    .selectFrom('dossier')
    .innerJoin('service', 'service.id', 'dossier.service_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('agency', 'agency.id', 'dossier.agency_id')
    .innerJoin('account as applicant', 'applicant.id', 'dossier.applicant_id')
    .select([
      'dossier.id',
      'dossier.code',
      'dossier.agency_id',
      'dossier.channel',
      'dossier.status',
      'dossier.submitted_at',
      'dossier.received_at',
      'dossier.due_at',
      'dossier.finished_at',
      'dossier.returned_at',
      'dossier.lock_version',
      'procedure.name as procedure_name',
      'procedure.national_code as procedure_code',
      'agency.name as agency_name',
      'applicant.full_name as applicant_name',
    ]);
}

export type DossierScope = { applicantId: string } | { agencyIds: string[] };

/** Who may see which dossiers: an applicant their own, an officer those of their agencies. */
function inScope(scope: DossierScope) {
  return (eb: ExpressionBuilder<Database, 'dossier'>) => {
    if ('applicantId' in scope) return eb('dossier.applicant_id', '=', scope.applicantId);
    if (scope.agencyIds.length === 0) return eb.lit(false);
    return eb('dossier.agency_id', 'in', scope.agencyIds);
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

export function findDossier(db: Db, where: { code: string } | { id: string }, scope: DossierScope) {
  const query = dossierWithNames(db)
    .innerJoin('service_version', 'service_version.id', 'dossier.service_version_id')
    .select(['dossier.form_data', 'service_version.form_schema'])
    .where(inScope(scope));
  return (
    'code' in where
      ? query.where('dossier.code', '=', where.code)
      : query.where('dossier.id', '=', where.id)
  ).executeTakeFirst();
}

export function findDossierByCode(db: Db, code: string) {
  return dossierWithNames(db).where('dossier.code', '=', code).executeTakeFirst();
}

export function listEvents(db: Db, dossierId: string) {
  return db
    .selectFrom('dossier_event')
    .leftJoin('account', 'account.id', 'dossier_event.actor_id')
    .select([
      'dossier_event.id',
      'dossier_event.action',
      'dossier_event.from_status',
      'dossier_event.to_status',
      'dossier_event.note',
      'dossier_event.occurred_at',
      'account.kind as actor_kind',
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

/** Moves a dossier to a new status only if nobody changed it since `lockVersion` was read. */
export function updateStatus(
  db: Db,
  change: {
    dossierId: string;
    from: DossierStatus;
    to: DossierStatus;
    lockVersion: number;
    receivedAt?: Date;
  },
) {
  return db
    .updateTable('dossier')
    .set({
      status: change.to,
      lock_version: sql`lock_version + 1`,
      updated_at: sql`now()`,
      ...(change.receivedAt ? { received_at: change.receivedAt } : {}),
    })
    .where('id', '=', change.dossierId)
    .where('status', '=', change.from)
    .where('lock_version', '=', change.lockVersion)
    .returning(['id', 'status', 'lock_version', 'received_at'])
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
