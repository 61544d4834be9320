import type { Kysely, Transaction } from 'kysely';
import type { AgencyTier, Database, OnlineLevel } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function proceduresByCode(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('procedure')
    .select(['id', 'national_code'])
    .where('national_code', 'in', codes)
    .execute();
}

export function agenciesByCode(db: Db, codes: string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom('agency').select(['id', 'code']).where('code', 'in', codes).execute();
}

export function servicesOf(db: Db, pairs: { agencyId: string; procedureId: string }[]) {
  if (pairs.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('service')
    .select(['id', 'agency_id', 'procedure_id'])
    .where((eb) =>
      eb.or(
        pairs.map((p) =>
          eb.and([eb('agency_id', '=', p.agencyId), eb('procedure_id', '=', p.procedureId)]),
        ),
      ),
    )
    .execute();
}

/** A procedure as the exchange files and the national portal's messages carry it. */
export type ProcedureDetails = {
  nationalCode: string;
  name: string;
  field: string;
  legalBasis: string;
  carriedOutBy: AgencyTier[];
  conditions: string;
  resultType: string;
};

export async function upsertProcedure(db: Db, row: ProcedureDetails) {
  const details = {
    name: row.name,
    field: row.field,
    legal_basis: row.legalBasis,
    carried_out_by: JSON.stringify(row.carriedOutBy),
    conditions: row.conditions,
    result_type: row.resultType,
  };
  return db
    .insertInto('procedure')
    .values({ national_code: row.nationalCode, ...details })
    .onConflict((oc) => oc.column('national_code').doUpdateSet(details))
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function upsertService(
  db: Db,
  row: { agencyId: string; procedureId: string; onlineLevel: OnlineLevel },
) {
  return db
    .insertInto('service')
    .values({
      agency_id: row.agencyId,
      procedure_id: row.procedureId,
      online_level: row.onlineLevel,
      status: 'draft',
    })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'procedure_id']).doUpdateSet({ online_level: row.onlineLevel }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The procedures, and the services of the given agencies, as the exchange files carry them. */
export async function exportRows(db: Db, agencyIds: string[]) {
  const procedures = await db
    .selectFrom('procedure')
    .select([
      'national_code',
      'name',
      'field',
      'legal_basis',
      'carried_out_by',
      'conditions',
      'result_type',
    ])
    .orderBy('national_code')
    .execute();
  const services =
    agencyIds.length === 0
      ? []
      : await db
          .selectFrom('service')
          .innerJoin('agency', 'agency.id', 'service.agency_id')
          .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
          .select(['agency.code as agency_code', 'procedure.national_code', 'service.online_level'])
          .where('service.agency_id', 'in', agencyIds)
          .orderBy('agency.code')
          .orderBy('procedure.national_code')
          .execute();
  return { procedures, services };
}
