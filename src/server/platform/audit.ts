import { startPoller } from './poller.ts';
import { sql, type Kysely, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import type { AuditRecordTable, Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { GENESIS_HASH, verifyChainSegment } from './audit-chain.ts';
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

/** What a record's hash covers, as `audit-chain` takes it (records sealed one by one). */
export const auditFieldsOf = (r: AuditRow) => ({
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

/**
 * A record as a block's hash takes it: jsonb's text of its fields, which is canonical (keys and
 * spacing fixed by PostgreSQL), the time in microseconds since 1970 (no time zone or date style).
 */
const recordText = sql`jsonb_build_array(seq,
  trunc(extract(epoch from occurred_at) * 1000000)::bigint, actor_id, actor_name, action,
  subject_type, subject_id, agency_id, ip, details)::text`;

/**
 * A block's hash: SHA-256 (hex) of the previous hash followed by each record's text on a line of
 * its own, in number order. Computed by PostgreSQL: the records never travel to the server.
 */
const blockHash = (prevHash: RawBuilder<unknown>) => sql<string>`encode(sha256(convert_to(
  ${prevHash} || coalesce(string_agg(E'\n' || r.body, '' order by r.seq), ''), 'UTF8')), 'hex')`;

/** The records of a block, or of a run being sealed: numbered after `afterSeq`, up to `upTo`. */
const blockRecords = (
  afterSeq: RawBuilder<unknown> | number | null,
  upTo: RawBuilder<unknown> | number,
) =>
  sql`select seq, occurred_at, ${recordText} as body from audit_record
    where seq <= ${upTo} and chain_pos is null
      ${afterSeq === null ? sql`` : sql`and seq > ${afterSeq}`}
    order by seq`;

/** Writes the next block: up to `blockSize` records numbered up to `upTo`; answers how many. */
async function sealBlock(db: Kysely<Database>, upTo: number, blockSize: number): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${SEALER_LOCK_KEY})`.execute(tx);
    const end = await chainEnd(tx);
    if (end.afterSeq !== null && end.afterSeq >= upTo) return 0;
    // The first block is written even empty: where blocks start, after the records sealed one by
    // one, so that no round reads those again.
    const { rows } = await sql<{ records: number }>`
      insert into audit_seal (pos, last_seq, records, prev_hash, hash)
      select ${end.pos + 1}::bigint,
        -- a full block may stop before the mark; a smaller one reaches it
        case when count(*) = ${blockSize}::int then max(r.seq) else ${upTo}::bigint end,
        count(*), ${end.hash}::text, ${blockHash(sql`${end.hash}::text`)}
      from (${blockRecords(end.afterSeq, upTo)} limit ${blockSize}::int) r
      having count(*) > 0 or ${end.afterSeq === null}::boolean
      returning records`.execute(tx);
    return rows[0]?.records ?? 0;
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

/** Whether numbers were given out after the last block (one statement, by key). */
async function unsealedWaiting(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ waiting: boolean | null }>`
    select (select last_value from audit_record_number where is_called)
      > coalesce((select last_seq from audit_seal order by pos desc limit 1), 0) as waiting`.execute(
    db,
  );
  return rows[0]?.waiting === true;
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
        if (settled(mark, oldest)) {
          await sealAuditLog(db, { upTo: mark });
          kept = undefined;
        } else if (kept && settled(kept, oldest)) {
          await sealAuditLog(db, { upTo: kept });
          kept = mark;
        } else {
          kept ??= mark; // the oldest mark not reached stays until it is
        }
      },
    },
    onError,
    intervalMs,
  );
  return {
    async stop() {
      await poller.stop();
      // what a long transaction elsewhere holds back is sealed by the next process to run
      await sealAuditLog(db, { waitMs: 2_000 }).catch(onError);
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
      ...auditFieldsOf(r),
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

/** Blocks after `afterPos`, each with the count and hash of the records it covers now. */
const blocksRecomputed = (db: Kysely<Database>, afterPos: number) =>
  sql<{
    pos: number;
    last_seq: number;
    records: number;
    prev_hash: string;
    hash: string;
    found: number;
    found_hash: string;
    first_seq: number | null;
    written_from: Date | null;
    written_to: Date | null;
  }>`
    select b.pos, b.last_seq, b.records, b.prev_hash, b.hash, now.found, now.found_hash,
      now.first_seq, now.written_from, now.written_to
    from audit_seal b
    cross join lateral (
      select count(*)::int as found, ${blockHash(sql`b.prev_hash`)} as found_hash,
        min(r.seq) as first_seq, min(r.occurred_at) as written_from,
        max(r.occurred_at) as written_to
      from (${blockRecords(
        sql`coalesce((select p.last_seq from audit_seal p where p.pos = b.pos - 1),
          -9223372036854775808)`,
        sql`b.last_seq`,
      )}) r
    ) now
    where b.pos > ${afterPos}
    order by b.pos
    limit 100`.execute(db);

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
    const { rows: blocks } = await blocksRecomputed(db, afterPos);
    if (blocks.length === 0) return { intact: true, records, lastHash };
    for (const block of blocks) {
      const linked = block.prev_hash === lastHash && block.pos === afterPos + 1;
      if (!linked || block.found !== block.records || block.found_hash !== block.hash)
        return {
          intact: false,
          records,
          broken: {
            // a record removed or slipped in changes the count; a changed one only the hash
            reason: linked && block.found === block.records ? 'altered' : 'unlinked',
            fromSeq: afterSeq === null ? Math.min(block.first_seq ?? 1, 1) : afterSeq + 1,
            toSeq: block.last_seq,
            writtenFrom: block.written_from,
            writtenTo: block.written_to,
          },
        };
      lastHash = block.hash;
      records += block.records;
      afterSeq = block.last_seq;
      afterPos = block.pos;
    }
  }
}
