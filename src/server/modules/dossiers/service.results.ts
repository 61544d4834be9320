import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * What the results module needs of a dossier: its data for the result document, the version's
 * result settings, and where it stands (the holding agency's version, after a transfer).
 * `visible` says whether the caller may see it, like every dossier read: the applicant's own, or held
 * by one of the officer's agencies (`visibleOr404` turns it into the answer).
 */
export function resultContext(
  db: Kysely<Database>,
  where: { code: string; applicantId: string } | { id: string; agencyIds: string[] },
) {
  const query = db
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
  // Whether the caller may see it, answered by the same query: the applicant their own, officers
  // what their agencies hold.
  const found =
    'code' in where
      ? query
          .select((eb) => eb('dossier.applicant_id', '=', where.applicantId).as('visible'))
          .where('dossier.code', '=', where.code)
      : query
          .select((eb) =>
            (where.agencyIds.length === 0
              ? eb.lit(false)
              : eb('dossier.holder_agency_id', 'in', where.agencyIds)
            ).as('visible'),
          )
          .where('dossier.id', '=', where.id);
  return found.executeTakeFirst();
}

export type ResultContext = NonNullable<Awaited<ReturnType<typeof resultContext>>>;
