import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What the payments module needs of a dossier: who owes what, to which agency, for which
 * procedure; `visible`: whether the applicant asking is its own (`visibleOr404`).
 */
export function payableDossier(
  db: Db,
  where: { code: string; applicantId: string } | { id: string },
) {
  const query = db
    .selectFrom('dossier')
    .innerJoin('service', 'service.id', 'dossier.service_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('account as applicant', 'applicant.id', 'dossier.applicant_id')
    .innerJoin('agency', 'agency.id', 'dossier.agency_id')
    .select([
      'dossier.applicant_name',
      'agency.name as agency_name',
      'agency.code as agency_code',
      'dossier.id',
      'dossier.code',
      'dossier.agency_id',
      'dossier.status',
      'dossier.fee_due_vnd',
      'dossier.fee_outstanding',
      'dossier.applicant_id',
      'applicant.email as applicant_email',
      'procedure.name as procedure_name',
    ]);
  // Whether the applicant may see it, answered by the same query; the platform (an id) always may.
  const found =
    'code' in where
      ? query
          .select((eb) => eb('dossier.applicant_id', '=', where.applicantId).as('visible'))
          .where('dossier.code', '=', where.code)
      : query.select((eb) => eb.lit(true).as('visible')).where('dossier.id', '=', where.id);
  return found.executeTakeFirst();
}

export type PayableDossier = NonNullable<Awaited<ReturnType<typeof payableDossier>>>;
