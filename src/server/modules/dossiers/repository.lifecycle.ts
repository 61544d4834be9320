import { sql, type Kysely, type Transaction } from 'kysely';
import type { DossierStatus } from '../../../domain/dossier-lifecycle.ts';
import type { Database, DossierTable } from '../../db/schema.ts';
import type { Updateable } from 'kysely';
import { changeWithRows, type RowWrite } from '../../platform/row-writes.ts';
import { feeRequestable, type DossierScope } from './repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A dossier with everything the state machine, the clock and the applicant's notice need. */
export function findDossierForAction(
  db: Db,
  where: { id: string } | { code: string },
  /** `system`: the platform acting on its own account (a payment confirmed by the gateway). */
  scope: DossierScope | 'system',
) {
  const query = db
    .selectFrom('dossier')
    .innerJoin(
      'service_version as workflow_version',
      'workflow_version.id',
      'dossier.workflow_version_id',
    )
    .innerJoin('agency as holder', 'holder.id', 'dossier.holder_agency_id')
    .innerJoin('service', 'service.id', 'dossier.service_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .innerJoin('account as applicant', 'applicant.id', 'dossier.applicant_id')
    .select([
      'applicant.email as applicant_email',
      'applicant.citizen_id as applicant_citizen_id',
      'dossier.id',
      'dossier.channel',
      'dossier.submitted_at',
      'dossier.finished_at',
      'dossier.code',
      'dossier.agency_id',
      'dossier.applicant_id',
      'dossier.applicant_name',
      'dossier.status',
      'dossier.lock_version',
      'dossier.holder_agency_id',
      'dossier.reception_agency_id',
      'dossier.return_agency_id',
      'dossier.step_index',
      'dossier.assignee_id',
      'dossier.supplement_from',
      'dossier.reception_supplements',
      'dossier.fee_outstanding',
      'dossier.fee_due_vnd',
      feeRequestable.as('fee_requestable'),
      'dossier.pause_reason',
      'dossier.rating',
      'dossier.received_at',
      'dossier.due_at',
      'dossier.step_due_at',
      'dossier.clock_stopped_at',
      'workflow_version.workflow',
      'workflow_version.processing_days',
      'holder.office_hours',
      'holder.name as holder_name',
      'holder.code as holder_code',
      'procedure.national_code as procedure_code',
      'service.procedure_id',
      'procedure.name as procedure_name',
    ]);
  // Whether the scope may act on it: the applicant on their own, officers on what their agency holds.
  const withVisibility = query.select((eb) =>
    (scope === 'system'
      ? eb.lit(true)
      : 'applicantId' in scope
        ? eb('dossier.applicant_id', '=', scope.applicantId)
        : scope.agencyIds.length === 0
          ? eb.lit(false)
          : eb.or([
              eb('dossier.holder_agency_id', 'in', scope.agencyIds),
              // a service center's desk acts on what it received or returns
              eb('dossier.reception_agency_id', 'in', scope.agencyIds),
              eb('dossier.return_agency_id', 'in', scope.agencyIds),
            ])
    ).as('visible'),
  );
  return (
    'code' in where
      ? withVisibility.where('dossier.code', '=', where.code)
      : withVisibility.where('dossier.id', '=', where.id)
  ).executeTakeFirst();
}

export type ActionDossier = NonNullable<Awaited<ReturnType<typeof findDossierForAction>>>;

type DossierPatch = Omit<Updateable<DossierTable>, 'status' | 'lock_version' | 'updated_at'>;

/**
 * Moves the dossier if nobody changed it since `lockVersion` was read and, only then, writes the
 * rows that go with the move (its event, the applicant's notice, the audit record): one statement.
 * Of two officers acting at once, the second waits for the first's row lock, then finds the lock
 * version changed and moves nothing. Answers undefined in that case.
 */
export function applyTransition(
  db: Db,
  change: { dossierId: string; lockVersion: number; to: DossierStatus; patch: DossierPatch },
  rows: readonly RowWrite[],
) {
  return changeWithRows(
    db,
    db
      .updateTable('dossier')
      .set({
        ...change.patch,
        status: change.to,
        lock_version: sql`lock_version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', change.dossierId)
      .where('lock_version', '=', change.lockVersion)
      .returning(['id', 'code', 'status', 'lock_version', 'received_at', 'due_at']),
    rows,
  );
}

/** The current published version of the agency's service for a procedure: what a transfer continues with. */
export function findPublishedVersionFor(db: Db, agencyId: string, procedureId: string) {
  return db
    .selectFrom('service')
    .innerJoin('service_version', 'service_version.service_id', 'service.id')
    .innerJoin('agency', 'agency.id', 'service.agency_id')
    .select(['service_version.id', 'service_version.processing_days', 'agency.name as agency_name'])
    .where('service.agency_id', '=', agencyId)
    .where('service.procedure_id', '=', procedureId)
    .where('service_version.published_at', 'is not', null)
    .orderBy('service_version.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findAgencyName(db: Db, agencyId: string) {
  return db.selectFrom('agency').select('name').where('id', '=', agencyId).executeTakeFirst();
}
