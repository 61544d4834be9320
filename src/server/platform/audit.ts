import { startPoller } from './poller.ts';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AuditRecordTable, Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { auditHash, GENESIS_HASH, verifyChainSegment, type ChainBreak } from './audit-chain.ts';
import { insertRows, type RowWrite } from './row-writes.ts';

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
  | 'dossier.register_exported'
  | 'catalog.exported'
  | 'catalog.imported'
  | 'catalog.draft_saved'
  | 'catalog.published'
  | 'catalog.unpublished'
  | 'agency.settings_changed'
  | 'agency.merged'
  | 'evaluation.indicator_changed'
  | 'payment.started'
  | 'payment.settled'
  | 'payment.callback_refused'
  | 'payment.refunded'
  | 'result.drafted'
  | 'result.opened'
  | 'result.signed'
  | 'calendar.override_saved'
  | 'calendar.override_deleted'
  | 'report.submitted'
  | 'access.refused'
  | 'federation.member_registered'
  | 'federation.member_updated'
  | 'federation.refused'
  | 'federation.retried'
  | 'federation.submission_kept'
  | 'federation.submission_delivered'
  | 'federation.submission_refused'
  | 'webhook.subscribed'
  | 'webhook.removed'
  | 'webhook.retried'
  | 'webhook.replayed'
  | 'feedback.sent'
  | 'feedback.handled';

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

/** The record of an entry, unsealed: for `appendAudit`, or written in the caller's own statement. */
export function auditRecord(entry: AuditEntry): Extract<RowWrite, { table: 'audit_record' }> {
  return {
    table: 'audit_record',
    row: {
      occurred_at: new Date(),
      actor_id: 'accountId' in entry.actor ? entry.actor.accountId : null,
      actor_name: 'accountId' in entry.actor ? entry.actor.fullName : entry.actor.anonymous,
      action: entry.action,
      subject_type: entry.subject?.type ?? null,
      subject_id: entry.subject?.id ?? null,
      agency_id: entry.agencyId ?? null,
      ip: entry.actor.ip,
      details: JSON.stringify(entry.details ?? {}),
    },
  };
}

/**
 * Appends one record. Inside a transaction it commits or rolls back with the change it records;
 * the sealer chains it once committed (decision 0007), so appends never wait on each other.
 */
export async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  entry: AuditEntry,
): Promise<void> {
  await insertRows(db, [auditRecord(entry)]);
}

// Any constant key: one sealer at a time extends the chain, whichever process it runs in.
const SEALER_LOCK_KEY = 7_240_113;

type AuditRow = Selectable<AuditRecordTable>;

const fieldsOf = (r: AuditRow) => ({
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
});

/**
 * Chains the committed unsealed records after the last sealed one, in `seq` order, a batch per
 * transaction; answers how many it sealed. A record committed late (a lower `seq` than records
 * already sealed) simply takes the next place: the chain follows what was visible, in order.
 */
export async function sealAuditLog(db: Kysely<Database>, batchSize = 1_000): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${SEALER_LOCK_KEY})`.execute(tx);
      const last = await tx
        .selectFrom('audit_record')
        .select(['chain_pos', 'hash'])
        .where('chain_pos', 'is not', null)
        .orderBy('chain_pos', 'desc')
        .limit(1)
        .executeTakeFirst();
      const pending = await tx
        .selectFrom('audit_record')
        .selectAll()
        .where('hash', 'is', null)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      if (pending.length === 0) return 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      let position = last?.chain_pos ?? 0;
      const links = pending.map((row) => {
        const hash = auditHash(fieldsOf(row), prevHash);
        const link = { seq: row.seq, position: (position += 1), prevHash, hash };
        prevHash = hash;
        return link;
      });
      await sql`
        update audit_record set chain_pos = link.position, prev_hash = link.prev_hash, hash = link.hash
        from unnest(${links.map((l) => l.seq)}::int8[], ${links.map((l) => l.position)}::int8[],
                    ${links.map((l) => l.prevHash)}::text[], ${links.map((l) => l.hash)}::text[])
          as link (seq, position, prev_hash, hash)
        where audit_record.seq = link.seq`.execute(tx);
      return links.length;
    });
    sealed += count;
    if (count < batchSize) return sealed;
  }
}

/** Seals every `intervalMs` while the process runs; `stop` seals what is left and ends. */
export function startAuditSealer(
  db: Kysely<Database>,
  onError: (error: unknown) => void,
  intervalMs = 1_000,
) {
  return startPoller(
    {
      waiting: async () =>
        (await db
          .selectFrom('audit_record')
          .select('seq')
          .where('hash', 'is', null)
          .limit(1)
          .executeTakeFirst()) !== undefined,
      work: () => sealAuditLog(db),
    },
    onError,
    intervalMs,
  );
}

export type AuditVerification =
  | { intact: true; records: number; lastHash: string }
  | { intact: false; records: number; broken: ChainBreak & { occurredAt: Date; action: string } };

/** Seals what is committed, then recomputes the whole chain in its order, a batch at a time. */
export async function verifyAuditLog(
  db: Kysely<Database>,
  batchSize = 5_000,
): Promise<AuditVerification> {
  await sealAuditLog(db);
  let prevHash = GENESIS_HASH;
  let afterPosition = 0;
  let records = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_record')
      .selectAll()
      .where('chain_pos', '>', afterPosition)
      .orderBy('chain_pos')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { intact: true, records, lastHash: prevHash };
    const chained = rows.map((r) => ({
      ...fieldsOf(r),
      prevHash: r.prev_hash ?? '',
      hash: r.hash ?? '',
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
    afterPosition = rows.at(-1)?.chain_pos ?? afterPosition;
  }
}
