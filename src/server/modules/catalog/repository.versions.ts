import { sql, type Kysely, type Transaction } from 'kysely';
import { canonicalFeeSchedule, lowestFee, type FeeSchedule } from '../../../domain/fees.ts';
import type { ResultTemplate } from '../../../domain/result-template.ts';
import { DEFAULT_WORKFLOW } from '../../../domain/access.ts';
import type { WorkflowStep } from '../../../domain/dossier-lifecycle.ts';
import type { Database, OnlineLevel, RequiredDocument, ServiceStatus } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type VersionContent = {
  formSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  requiredDocuments: RequiredDocument[];
  processingDays: number;
  feeVnd: number;
  /** The whole schedule; without it, `feeVnd` is a fixed fee due at submission. */
  feeSchedule?: FeeSchedule | undefined;
  paymentOnline?: boolean | undefined;
  resultOnline?: boolean | undefined;
  /** A ministry's service every province's centers receive (Decree 118/2025). */
  receivedLocally?: boolean | undefined;
  resultTemplate?: ResultTemplate | null | undefined;
  /** Without it, the draft keeps its workflow; a new draft takes the previous version's. */
  workflow?: WorkflowStep[] | undefined;
};

/** Services of the given agencies, with their newest published and draft version numbers. */
export function listManagedServices(db: Db, agencyIds: string[]) {
  if (agencyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('service')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('agency', 'agency.id', 'service.agency_id')
    .select((eb) => [
      'service.id',
      'service.status',
      'service.online_level',
      'procedure.national_code',
      'procedure.name as procedure_name',
      'agency.name as agency_name',
      eb
        .selectFrom('service_version')
        .select((e) => e.fn.max('version').as('v'))
        .whereRef('service_version.service_id', '=', 'service.id')
        .where('published_at', 'is not', null)
        .as('published_version'),
      eb
        .selectFrom('service_version')
        .select('version')
        .whereRef('service_version.service_id', '=', 'service.id')
        .where('published_at', 'is', null)
        .as('draft_version'),
    ])
    .where('service.agency_id', 'in', agencyIds)
    .orderBy('agency.name')
    .orderBy('procedure.name')
    .execute();
}

/** The service, and whether one of the agencies manages it (`visible`). */
export function findManagedService(db: Db, serviceId: string, agencyIds: string[]) {
  return db
    .selectFrom('service')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('agency', 'agency.id', 'service.agency_id')
    .select((eb) => [
      'service.id',
      'service.agency_id',
      'service.status',
      'service.online_level',
      'procedure.national_code',
      'procedure.name as procedure_name',
      'agency.name as agency_name',
      'agency.code as agency_code',
      (agencyIds.length === 0 ? eb.lit(false) : eb('service.agency_id', 'in', agencyIds)).as(
        'visible',
      ),
    ])
    .where('service.id', '=', serviceId)
    .executeTakeFirst();
}

export function listVersions(db: Db, serviceId: string) {
  return db
    .selectFrom('service_version')
    .select([
      'id',
      'version',
      'form_schema',
      'ui_schema',
      'required_documents',
      'processing_days',
      'fee_vnd',
      'fee_schedule',
      'payment_online',
      'result_online',
      'received_locally',
      'result_template',
      'workflow',
      'published_at',
      'created_at',
    ])
    .where('service_id', '=', serviceId)
    .orderBy('version', 'desc')
    .execute();
}

/** Writes the service's single draft: replaces it if there is one, else creates the next version number. */
export async function saveDraft(
  db: Db,
  service: { id: string; agencyId: string },
  content: VersionContent,
) {
  // Without a schedule, a fee is fixed and due at submission (the rule 0013 applied to older versions).
  const schedule: FeeSchedule = content.feeSchedule
    ? canonicalFeeSchedule(content.feeSchedule)
    : content.feeVnd > 0
      ? { kind: 'fixed', amountVnd: content.feeVnd, payAt: 'submission', exemptions: [] }
      : { kind: 'none' };
  const values = {
    form_schema: JSON.stringify(content.formSchema),
    ui_schema: JSON.stringify(content.uiSchema),
    required_documents: JSON.stringify(content.requiredDocuments),
    processing_days: content.processingDays,
    // What the catalog shows: the least anyone pays.
    fee_vnd: lowestFee(schedule),
    fee_schedule: JSON.stringify(schedule),
    payment_online: content.paymentOnline ?? schedule.kind !== 'none',
    result_online: content.resultOnline ?? false,
    received_locally: content.receivedLocally ?? false,
    result_template: content.resultTemplate ? JSON.stringify(content.resultTemplate) : null,
    ...(content.workflow && { workflow: JSON.stringify(content.workflow) }),
  };
  const updated = await db
    .updateTable('service_version')
    .set(values)
    .where('service_id', '=', service.id)
    .where('published_at', 'is', null)
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (updated) return updated;
  return db
    .insertInto('service_version')
    .values({
      workflow: sql<string>`coalesce(
        (select workflow from service_version where service_id = ${service.id} order by version desc limit 1),
        ${JSON.stringify(DEFAULT_WORKFLOW)}::jsonb)`,
      ...values,
      service_id: service.id,
      agency_id: service.agencyId,
      version: sql<number>`(select coalesce(max(version), 0) + 1 from service_version where service_id = ${service.id})`,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

export function findDraft(db: Db, serviceId: string) {
  return db
    .selectFrom('service_version')
    .select(['id', 'version', 'form_schema', 'ui_schema', 'required_documents'])
    .where('service_id', '=', serviceId)
    .where('published_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function markPublished(db: Db, versionId: string, at: Date) {
  await db
    .updateTable('service_version')
    .set({ published_at: at })
    .where('id', '=', versionId)
    .execute();
}

export async function setServiceStatus(db: Db, serviceId: string, status: ServiceStatus) {
  await db.updateTable('service').set({ status }).where('id', '=', serviceId).execute();
}

export function findProcedure(db: Db, procedureId: string) {
  return db
    .selectFrom('procedure')
    .select(['id', 'name'])
    .where('id', '=', procedureId)
    .executeTakeFirst();
}

export function insertService(
  db: Db,
  service: { agencyId: string; procedureId: string; onlineLevel: OnlineLevel },
) {
  return db
    .insertInto('service')
    .values({
      agency_id: service.agencyId,
      procedure_id: service.procedureId,
      online_level: service.onlineLevel,
      status: 'draft',
    })
    .onConflict((oc) => oc.columns(['agency_id', 'procedure_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export function listProcedures(db: Db) {
  return db
    .selectFrom('procedure')
    .select(['id', 'national_code', 'name', 'field'])
    .orderBy('name')
    .execute();
}

/** How many days the agency keeps its citizens' drafts (the dossiers module reads it through here). */
export async function draftRetentionDays(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom('agency')
    .select('draft_retention_days')
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return row.draft_retention_days;
}

export async function setDraftRetentionDays(db: Db, agencyId: string, days: number) {
  await db
    .updateTable('agency')
    .set({ draft_retention_days: days })
    .where('id', '=', agencyId)
    .execute();
}
