import type { Transaction } from 'kysely';
import type { Database, OnlineLevel, RequiredDocument, ServiceStatus } from '../../db/schema.ts';
import type { FeeSchedule } from '../../../domain/fees.ts';
import type { OutboxEntry } from '../../platform/outbox.ts';
import { refreshListing } from './repository.listing.ts';
import * as exchange from './repository.exchange.ts';
import type { ProcedureDetails } from './repository.exchange.ts';

export const SERVICE_PUBLISHED = 'service.published';

/** The portal processes nothing: a mirrored version's workflow is a single step, at the member. */
const MEMBER_WORKFLOW = JSON.stringify([
  {
    key: 'member',
    name: 'Xử lý tại hệ thống của bộ, ngành, địa phương',
    role: 'leader',
    sharePercent: 100,
  },
]);

/** What a member's published service tells the national portal (Decision 31/2021 art. 30 cl. 3). */
export type PublishedServiceBody = {
  agencyCode: string;
  status: ServiceStatus;
  onlineLevel: OnlineLevel;
  procedure: ProcedureDetails;
  version: {
    number: number;
    publishedAt: string;
    processingDays: number;
    feeVnd: number;
    feeSchedule: FeeSchedule;
    paymentOnline: boolean;
    resultOnline: boolean;
    requiredDocuments: RequiredDocument[];
    formSchema: Record<string, unknown>;
    uiSchema: Record<string, unknown>;
  } | null;
};

/**
 * The outbox entry of a service as it now stands: its newest published version, or none (a
 * service that stopped taking dossiers), ordered by the agency and procedure it is.
 */
export async function publishedServiceEntry(
  tx: Transaction<Database>,
  serviceId: string,
): Promise<OutboxEntry | null> {
  const service = await tx
    .selectFrom('service')
    .innerJoin('agency', 'agency.id', 'service.agency_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .select([
      'service.status',
      'service.online_level',
      'agency.code as agency_code',
      'procedure.national_code',
      'procedure.name',
      'procedure.field',
      'procedure.legal_basis',
      'procedure.carried_out_by',
      'procedure.conditions',
      'procedure.result_type',
    ])
    .where('service.id', '=', serviceId)
    .executeTakeFirstOrThrow();
  if (!service.agency_code) return null;
  const version = await tx
    .selectFrom('service_version')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('published_at', 'is not', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const body: PublishedServiceBody = {
    agencyCode: service.agency_code,
    status: service.status,
    onlineLevel: service.online_level,
    procedure: {
      nationalCode: service.national_code,
      name: service.name,
      field: service.field,
      legalBasis: service.legal_basis,
      carriedOutBy: service.carried_out_by,
      conditions: service.conditions,
      resultType: service.result_type,
    },
    version: version?.published_at
      ? {
          number: version.version,
          publishedAt: version.published_at.toISOString(),
          processingDays: version.processing_days,
          feeVnd: version.fee_vnd,
          feeSchedule: version.fee_schedule,
          paymentOnline: version.payment_online,
          resultOnline: version.result_online,
          requiredDocuments: version.required_documents,
          formSchema: version.form_schema,
          uiSchema: version.ui_schema,
        }
      : null,
  };
  return {
    type: SERVICE_PUBLISHED,
    agencyCode: service.agency_code,
    key: `${service.agency_code}/${service.national_code}`,
    body,
  };
}

/** Every service that has a published version: the first synchronisation's catalog. */
export async function publishedServiceEntries(tx: Transaction<Database>): Promise<OutboxEntry[]> {
  const services = await tx
    .selectFrom('service')
    .select('id')
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
  const entries: OutboxEntry[] = [];
  for (const { id } of services) {
    const entry = await publishedServiceEntry(tx, id);
    if (entry) entries.push(entry);
  }
  return entries;
}

/**
 * On the national portal: a member's service as its message describes it, in the national
 * catalog: the procedure (by its national code), the service of the agency, the version the member
 * published (once: a version the portal has is not written again) and the search listing.
 * Answers false when the portal does not know the agency's code.
 */
export async function mirrorMemberService(
  tx: Transaction<Database>,
  body: PublishedServiceBody,
): Promise<boolean> {
  const [agency] = await exchange.agenciesByCode(tx, [body.agencyCode]);
  if (!agency) return false;
  const procedure = await exchange.upsertProcedure(tx, body.procedure);
  const service = await exchange.upsertService(tx, {
    agencyId: agency.id,
    procedureId: procedure.id,
    onlineLevel: body.onlineLevel,
  });
  const version = body.version;
  if (version)
    await tx
      .insertInto('service_version')
      .values({
        service_id: service.id,
        agency_id: agency.id,
        version: version.number,
        form_schema: JSON.stringify(version.formSchema),
        ui_schema: JSON.stringify(version.uiSchema),
        required_documents: JSON.stringify(version.requiredDocuments),
        processing_days: version.processingDays,
        fee_vnd: version.feeVnd,
        fee_schedule: JSON.stringify(version.feeSchedule),
        payment_online: version.paymentOnline,
        result_online: version.resultOnline,
        // the member's own workflow stays at the member: the portal processes nothing
        workflow: MEMBER_WORKFLOW,
        published_at: version.publishedAt,
      })
      .onConflict((oc) => oc.columns(['service_id', 'version']).doNothing())
      .execute();
  await tx
    .updateTable('service')
    .set({ status: body.version ? body.status : 'unpublished' })
    .where('id', '=', service.id)
    .execute();
  await refreshListing(tx, [service.id]);
  return true;
}
