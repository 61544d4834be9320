import { startPoller } from './poller.ts';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AuditRecordTable, AuditSealTable, Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { auditHash, GENESIS_HASH, verifyChainSegment } from './audit-chain.ts';
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
 * A point the log may be sealed up to: every record numbered up to `seq` is committed or rolled
 * back once no transaction with an id below `xact` is running. A record takes its number after
 * its transaction has an id (migration 0040), so a number given out before the mark belongs to a
 * transaction with an id below the mark's.
 */
export type SealMark = { seq: number; xact: bigint };

/** A mark now, and the id of the oldest transaction running just after it. */
async function markNow(db: Kysely<Database>): Promise<{ mark: SealMark; oldest: bigint }> {
  const { rows: numbered } = await sql<{ seq: string }>`
    select (case when is_called then last_value else last_value - 1 end)::text as seq
    from audit_record_number`.execute(db);
  const { rows: snapshot } = await sql<{ next: string; oldest: string }>`
    select pg_snapshot_xmax(s)::text as next, pg_snapshot_xmin(s)::text as oldest
    from pg_current_snapshot() s`.execute(db);
  return {
    mark: { seq: Number(numbered[0]?.seq ?? 0), xact: BigInt(snapshot[0]?.next ?? 0) },
    oldest: BigInt(snapshot[0]?.oldest ?? 0),
  };
}

async function oldestRunning(db: Kysely<Database>): Promise<bigint> {
  const { rows } = await sql<{ oldest: string }>`
    select pg_snapshot_xmin(pg_current_snapshot())::text as oldest`.execute(db);
  return BigInt(rows[0]?.oldest ?? 0);
}

const settled = (mark: SealMark, oldest: bigint) => oldest >= mark.xact;

/** Where the chain stands: the last block, or the last record sealed one by one before blocks. */
async function chainEnd(tx: Transaction<Database>) {
  const block = await tx
    .selectFrom('audit_seal')
    .select(['pos', 'last_seq', 'hash'])
    .orderBy('pos', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (block) return { pos: block.pos, afterSeq: block.last_seq as number | null, hash: block.hash };
  const record = await tx
    .selectFrom('audit_record')
    .select('hash')
    .where('chain_pos', 'is not', null)
    .orderBy('chain_pos', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { pos: 0, afterSeq: null, hash: record?.hash ?? GENESIS_HASH };
}

/** The records of a block, or of a run being sealed: numbered after `afterSeq`, up to `upTo`. */
const blockRecords = (
  db: Kysely<Database> | Transaction<Database>,
  afterSeq: number | null,
  upTo: number,
) => {
  let query = db
    .selectFrom('audit_record')
    .selectAll()
    .where('seq', '<=', upTo)
    .where('chain_pos', 'is', null);
  if (afterSeq !== null) query = query.where('seq', '>', afterSeq);
  return query.orderBy('seq');
};

/** Writes the next block: up to `blockSize` records numbered up to `upTo`; answers how many. */
async function sealBlock(db: Kysely<Database>, upTo: number, blockSize: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${SEALER_LOCK_KEY})`.execute(tx);
    const end = await chainEnd(tx);
    if (end.afterSeq !== null && end.afterSeq >= upTo) return 0;
    const records = await blockRecords(tx, end.afterSeq, upTo).limit(blockSize).execute();
    if (records.length === 0) return 0;
    const hash = records.reduce((prev, record) => auditHash(fieldsOf(record), prev), end.hash);
    await tx
      .insertInto('audit_seal')
      .values({
        pos: end.pos + 1,
        // a block of `blockSize` may stop before the mark; a smaller one reaches it
        last_seq: records.length === blockSize ? (records.at(-1)?.seq ?? upTo) : upTo,
        records: records.length,
        prev_hash: end.hash,
        hash,
      })
      .execute();
    return records.length;
  });
}

/**
 * Seals the records numbered up to the mark, in number order, a block of at most `blockSize` per
 * transaction; answers how many. Without a mark, takes one now and waits (up to `waitMs`) for the
 * transactions running to end, so that everything committed before the call is sealed.
 */
export async function sealAuditLog(
  db: Kysely<Database>,
  {
    upTo,
    blockSize = 1_000,
    waitMs = 10_000,
  }: { upTo?: SealMark; blockSize?: number; waitMs?: number } = {},
): Promise<number> {
  let mark = upTo;
  if (!mark) {
    const now = await markNow(db);
    const giveUpAt = Date.now() + waitMs;
    let oldest = now.oldest;
    while (!settled(now.mark, oldest)) {
      if (Date.now() > giveUpAt) return 0; // a long transaction: the sealer takes it up later
      await new Promise((resolve) => setTimeout(resolve, 5));
      oldest = await oldestRunning(db);
    }
    mark = now.mark;
  }
  let sealed = 0;
  for (;;) {
    const count = await sealBlock(db, mark.seq, blockSize);
    sealed += count;
    if (count < blockSize) return sealed;
  }
}

/** Whether records wait to be sealed. */
async function unsealedWaiting(db: Kysely<Database>): Promise<boolean> {
  const last = await db
    .selectFrom('audit_seal')
    .select('last_seq')
    .orderBy('pos', 'desc')
    .limit(1)
    .executeTakeFirst();
  let query = db.selectFrom('audit_record').select('seq').where('chain_pos', 'is', null);
  if (last) query = query.where('seq', '>', last.last_seq);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Seals every `intervalMs` while the process runs; `stop` seals what is left and ends. Each round
 * takes a mark; it seals up to it when nothing was running, else up to the mark of a round before
 * once the transactions running then have ended (under load, those of the round before).
 */
export function startAuditSealer(
  db: Kysely<Database>,
  onError: (error: unknown) => void,
  intervalMs = 1_000,
) {
  let kept: SealMark | undefined;
  const poller = startPoller(
    {
      waiting: () => unsealedWaiting(db),
      work: async () => {
        const { mark, oldest } = await markNow(db);
        const upTo = settled(mark, oldest)
          ? mark
          : kept && settled(kept, oldest)
            ? kept
            : undefined;
        if (upTo) await sealAuditLog(db, { upTo });
        // the oldest mark not reached stays until it is
        kept = upTo === mark ? undefined : upTo === kept || kept === undefined ? mark : kept;
      },
    },
    onError,
    intervalMs,
  );
  return {
    async stop() {
      await poller.stop();
      await sealAuditLog(db).catch(onError);
    },
  };
}

/** Where the chain breaks: a record sealed one by one, or a block, and why. */
export type AuditBreak = {
  reason: 'altered' | 'unlinked';
  /** The numbers of the records the break lies in: one record, or a block's. */
  fromSeq: number;
  toSeq: number;
  /** When the first and the last of them were written, when there are any. */
  writtenFrom: Date | null;
  writtenTo: Date | null;
};

export type AuditVerification =
  | { intact: true; records: number; lastHash: string }
  | { intact: false; records: number; broken: AuditBreak };

/** Verifies the records sealed one by one before blocks, in their order. */
async function verifyRecordByRecord(
  db: Kysely<Database>,
  batchSize: number,
): Promise<{ broken: AuditBreak; records: number } | { lastHash: string; records: number }> {
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
    if (rows.length === 0) return { lastHash: prevHash, records };
    const chained = rows.map((r) => ({
      ...fieldsOf(r),
      prevHash: r.prev_hash ?? '',
      hash: r.hash ?? '',
    }));
    const result = verifyChainSegment(chained, prevHash);
    if ('broken' in result) {
      const { seq, reason } = result.broken;
      const at = chained.find((r) => r.seq === seq)?.occurredAt ?? null;
      return {
        records: records + chained.findIndex((r) => r.seq === seq),
        broken: { reason, fromSeq: seq, toSeq: seq, writtenFrom: at, writtenTo: at },
      };
    }
    prevHash = result.lastHash;
    records += rows.length;
    afterPosition = rows.at(-1)?.chain_pos ?? afterPosition;
  }
}

/** Recomputes one block from its records, read `batchSize` at a time. */
async function verifyBlock(
  db: Kysely<Database>,
  block: Selectable<AuditSealTable>,
  afterSeq: number | null,
  batchSize: number,
): Promise<AuditBreak | undefined> {
  let hash = block.prev_hash;
  let count = 0;
  let after = afterSeq;
  let writtenFrom: Date | null = null;
  let writtenTo: Date | null = null;
  for (;;) {
    const rows = await blockRecords(db, after, block.last_seq).limit(batchSize).execute();
    for (const row of rows) hash = auditHash(fieldsOf(row), hash);
    count += rows.length;
    writtenFrom ??= rows[0]?.occurred_at ?? null;
    writtenTo = rows.at(-1)?.occurred_at ?? writtenTo;
    if (rows.length < batchSize) break;
    after = rows.at(-1)?.seq ?? after;
  }
  if (count === block.records && hash === block.hash) return undefined;
  return {
    // a record removed or slipped in changes the count; a changed one only the hash
    reason: count === block.records ? 'altered' : 'unlinked',
    fromSeq: (afterSeq ?? 0) + 1,
    toSeq: block.last_seq,
    writtenFrom,
    writtenTo,
  };
}

/** Seals what is committed, then recomputes the whole chain in its order, a batch at a time. */
export async function verifyAuditLog(
  db: Kysely<Database>,
  batchSize = 5_000,
): Promise<AuditVerification> {
  await sealAuditLog(db);
  const before = await verifyRecordByRecord(db, batchSize);
  if ('broken' in before) return { intact: false, ...before };
  let { lastHash, records } = before;
  let afterSeq: number | null = null;
  let afterPos = 0;
  for (;;) {
    const blocks = await db
      .selectFrom('audit_seal')
      .selectAll()
      .where('pos', '>', afterPos)
      .orderBy('pos')
      .limit(100)
      .execute();
    if (blocks.length === 0) return { intact: true, records, lastHash };
    for (const block of blocks) {
      const broken =
        block.prev_hash === lastHash
          ? await verifyBlock(db, block, afterSeq, batchSize)
          : {
              reason: 'unlinked' as const,
              fromSeq: (afterSeq ?? 0) + 1,
              toSeq: block.last_seq,
              writtenFrom: null,
              writtenTo: null,
            };
      if (broken) return { intact: false, records, broken };
      lastHash = block.hash;
      records += block.records;
      afterSeq = block.last_seq;
      afterPos = block.pos;
    }
  }
}
