import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { auditHash, GENESIS_HASH, verifyChainSegment, type ChainBreak } from './audit-chain.ts';

/** Everything the audit log records; new kinds join here so the list stays reviewable. */
export type AuditAction =
  | 'identity.signed_in'
  | 'identity.sign_in_failed'
  | 'identity.account_locked'
  | 'identity.signed_out'
  | 'identity.session_revoked'
  | 'identity.password_changed'
  | 'identity.profile_updated'
  | 'identity.password_reset'
  | 'identity.totp_enrolled'
  | 'identity.role_granted'
  | 'identity.role_revoked'
  | 'identity.officer_created'
  | 'dossier.transition'
  | 'dossier.opened'
  | 'dossier.file_opened'
  | 'catalog.exported'
  | 'catalog.imported'
  | 'calendar.override_saved'
  | 'calendar.override_deleted';

/** Who acted: a signed-in actor, or someone known only by what they typed (a failed sign-in). */
export type AuditActor =
  Pick<Actor, 'accountId' | 'fullName' | 'ip'> | { anonymous: string; ip: string };

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  subject?: { type: string; id: string };
  agencyId?: string | null;
  details?: Record<string, unknown>;
};

// Any constant key: one lock serialises appends so the chain follows commit order.
const AUDIT_LOCK_KEY = 7_240_113;

/**
 * Appends one record to the audit log. Inside a transaction it commits or rolls back with the
 * change it records; call it last there, because it holds the chain's lock until the commit.
 */
export async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((tx) => appendAudit(tx, entry));
    return;
  }
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(db);
  const last = await db
    .selectFrom('audit_record')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const { seq } = await sql<{
    seq: number;
  }>`select nextval(pg_get_serial_sequence('audit_record', 'seq'))::int8 as seq`
    .execute(db)
    .then((r) => r.rows[0] ?? { seq: 0 });
  const fields = {
    seq,
    occurredAt: new Date(),
    actorId: 'accountId' in entry.actor ? entry.actor.accountId : null,
    actorName: 'accountId' in entry.actor ? entry.actor.fullName : entry.actor.anonymous,
    action: entry.action,
    subjectType: entry.subject?.type ?? null,
    subjectId: entry.subject?.id ?? null,
    agencyId: entry.agencyId ?? null,
    ip: entry.actor.ip,
    details: entry.details ?? {},
  };
  await db
    .insertInto('audit_record')
    .values({
      seq: fields.seq,
      occurred_at: fields.occurredAt,
      actor_id: fields.actorId,
      actor_name: fields.actorName,
      action: fields.action,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      agency_id: fields.agencyId,
      ip: fields.ip,
      details: JSON.stringify(fields.details),
      prev_hash: prevHash,
      hash: auditHash(fields, prevHash),
    })
    .execute();
}

export type AuditVerification =
  | { intact: true; records: number; lastHash: string }
  | { intact: false; records: number; broken: ChainBreak & { occurredAt: Date; action: string } };

/** Recomputes the whole chain in sequence order, a batch at a time. */
export async function verifyAuditLog(
  db: Kysely<Database>,
  batchSize = 5_000,
): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let afterSeq = 0;
  let records = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_record')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { intact: true, records, lastHash: prevHash };
    const chained = rows.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurred_at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      agencyId: r.agency_id,
      ip: r.ip,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    const result = verifyChainSegment(chained, prevHash);
    if ('broken' in result) {
      const row = chained.find((r) => r.seq === result.broken.seq);
      return {
        intact: false,
        records: records + chained.findIndex((r) => r.seq === result.broken.seq),
        broken: {
          ...result.broken,
          occurredAt: row?.occurredAt ?? new Date(0),
          action: row?.action ?? '',
        },
      };
    }
    prevHash = result.lastHash;
    records += rows.length;
    afterSeq = rows.at(-1)?.seq ?? afterSeq;
  }
}
