import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * What the results module needs of a dossier: its data for the result document, the version's
 * result settings, and where it stands (the holding agency's version, after a transfer).
 * Scoped like every dossier read: the applicant's own, or held by one of the officer's agencies.
 */
export function resultContext(
  db: Kysely<Database>,
  where: { code: string; applicantId: string } | { id: string; agencyIds: string[] },
) {
  let query = db
    .selectFrom('dossier')
    .innerJoin('service_version as version', 'version.id', 'dossier.workflow_version_id')
    .innerJoin('service', 'service.id', 'version.service_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('agency as holder', 'holder.id', 'dossier.holder_agency_id')
    .leftJoin('agency as holder_parent', 'holder_parent.id', 'holder.parent_id')
    .select([
      'dossier.id',
      'dossier.code',
      'dossier.status',
      'dossier.lock_version',
      'dossier.holder_agency_id',
      'dossier.applicant_id',
      'dossier.applicant_name',
      'dossier.form_data',
      'dossier.received_at',
      'version.form_schema',
      'version.result_online',
      'version.result_template',
      'procedure.name as procedure_name',
      'holder.name as agency_name',
      'holder.code as agency_code',
      'holder_parent.name as parent_agency_name',
    ]);
  query =
    'code' in where
      ? query
          .where('dossier.code', '=', where.code)
          .where('dossier.applicant_id', '=', where.applicantId)
      : where.agencyIds.length === 0
        ? query.where((eb) => eb.lit(false))
        : query
            .where('dossier.id', '=', where.id)
            .where('dossier.holder_agency_id', 'in', where.agencyIds);
  return query.executeTakeFirst();
}

export type ResultContext = NonNullable<Awaited<ReturnType<typeof resultContext>>>;
