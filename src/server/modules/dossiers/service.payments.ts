import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What the payments module needs of a dossier: who owes what, to which agency, for which procedure. */
export function payableDossier(
  db: Db,
  where: { code: string; applicantId: string } | { id: string },
) {
  let query = db
    .selectFrom('dossier')
    .innerJoin('service', 'service.id', 'dossier.service_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('account as applicant', 'applicant.id', 'dossier.applicant_id')
    .innerJoin('agency', 'agency.id', 'dossier.agency_id')
    .select([
      'dossier.applicant_name',
      'agency.name as agency_name',
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
  query =
    'code' in where
      ? query
          .where('dossier.code', '=', where.code)
          .where('dossier.applicant_id', '=', where.applicantId)
      : query.where('dossier.id', '=', where.id);
  return query.executeTakeFirst();
}

export type PayableDossier = NonNullable<Awaited<ReturnType<typeof payableDossier>>>;
