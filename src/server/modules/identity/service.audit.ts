import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { agenciesAllowed, allowedEverywhere } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { verifyAuditLog } from '../../platform/audit.ts';
import { identityErrors } from './errors.ts';

const PAGE_SIZE = 50;

export type AuditTrail = ReturnType<typeof createAuditTrail>;

/**
 * Reading the audit log: the system administrator and national supervisors see every record,
 * an agency administrator the records about the agencies they administer.
 */
export function createAuditTrail(db: Kysely<Database>) {
  const readsEverything = (actor: Actor) => allowedEverywhere(actor.roles, 'audit.read');

  return {
    async list(actor: Actor, filter: { page: number; action?: string; subjectId?: string }) {
      const agencies = agenciesAllowed(actor.roles, 'audit.read');
      if (!readsEverything(actor) && agencies.length === 0) throw identityErrors.auditForbidden();
      let query = db
        .selectFrom('audit_record')
        .leftJoin('agency', 'agency.id', 'audit_record.agency_id')
        .select([
          'audit_record.seq',
          'audit_record.occurred_at',
          'audit_record.actor_name',
          'audit_record.action',
          'audit_record.subject_type',
          'audit_record.subject_id',
          'audit_record.ip',
          'audit_record.details',
          'agency.name as agency_name',
        ]);
      if (!readsEverything(actor)) query = query.where('audit_record.agency_id', 'in', agencies);
      if (filter.action) query = query.where('audit_record.action', '=', filter.action);
      if (filter.subjectId) query = query.where('audit_record.subject_id', '=', filter.subjectId);
      const rows = await query
        .orderBy('audit_record.seq', 'desc')
        .limit(PAGE_SIZE)
        .offset((filter.page - 1) * PAGE_SIZE)
        .execute();
      return rows.map((r) => ({
        seq: r.seq,
        occurredAt: r.occurred_at,
        actorName: r.actor_name,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        agencyName: r.agency_name,
        ip: r.ip,
        details: r.details,
      }));
    },

    async verify(actor: Actor) {
      if (!allowedEverywhere(actor.roles, 'audit.verify')) throw identityErrors.auditForbidden();
      const result = await verifyAuditLog(db);
      return result.intact
        ? { intact: true, records: result.records }
        : {
            intact: false,
            records: result.records,
            brokenAt: result.broken.fromSeq,
            brokenThrough: result.broken.toSeq,
            reason: result.broken.reason,
          };
    },
  };
}
