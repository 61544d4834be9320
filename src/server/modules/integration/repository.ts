import { sql, type Kysely, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { Database } from '../../db/schema.ts';
import { lastOutboxSeq } from '../../platform/outbox.ts';
import type { DossierProgressBody as DossierProgress } from './schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;
type DossierProgressBody = Static<typeof DossierProgress>;

/** A member system as the registry keeps it: its codes, keys and public address. */
export type MemberInput = {
  name: string;
  agencyCodes: string[];
  jwks: { keys: Record<string, unknown>[] };
  url?: string | undefined;
};

export function insertMember(db: Db, member: MemberInput) {
  return db
    .insertInto('member_system')
    .values({
      name: member.name,
      agency_codes: member.agencyCodes,
      jwks: JSON.stringify(member.jwks),
      url: member.url ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The member of that name with these codes and keys, made if new (demo mode's joining). */
export async function upsertMemberByName(db: Db, member: MemberInput) {
  const updated = await db
    .updateTable('member_system')
    .set({
      agency_codes: member.agencyCodes,
      jwks: JSON.stringify(member.jwks),
      url: member.url ?? null,
    })
    .where('name', '=', member.name)
    .returningAll()
    .executeTakeFirst();
  return updated ?? insertMember(db, member);
}

export function memberById(db: Db, id: string) {
  return db.selectFrom('member_system').selectAll().where('id', '=', id).executeTakeFirst();
}

export function updateMember(db: Db, id: string, member: MemberInput) {
  return db
    .updateTable('member_system')
    .set({
      name: member.name,
      agency_codes: member.agencyCodes,
      jwks: JSON.stringify(member.jwks),
      url: member.url ?? null,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listMembers(db: Db) {
  return db.selectFrom('member_system').selectAll().orderBy('name').execute();
}

/** The enabled member that answers for an agency code and can be reached. */
export function memberServing(db: Db, agencyCode: string) {
  return db
    .selectFrom('member_system')
    .select(['id', 'name', 'url'])
    .where('disabled_at', 'is', null)
    .where('url', 'is not', null)
    .where(sql<boolean>`${agencyCode} = any(agency_codes)`)
    .orderBy('created_at')
    .executeTakeFirst();
}

/** The enabled member one of whose registered keys has this id. */
export function memberByKey(db: Db, kid: string) {
  return db
    .selectFrom('member_system')
    .selectAll()
    .where('disabled_at', 'is', null)
    .where(sql<boolean>`jwks -> 'keys' @> ${JSON.stringify([{ kid }])}::jsonb`)
    .executeTakeFirst();
}

/** Records a member's dossier as its message describes it, and the change as an event. */
export async function applyDossierProgress(
  tx: Transaction<Database>,
  memberId: string,
  message: { id: string; seq: number },
  progress: DossierProgressBody,
) {
  const at = new Date(progress.occurredAt);
  await tx
    .insertInto('member_dossier')
    .values({
      code: progress.code,
      member_id: memberId,
      agency_code: progress.agencyCode,
      procedure_code: progress.procedureCode,
      procedure_name: progress.procedureName,
      channel: progress.channel,
      status: progress.to,
      applicant_citizen_id: progress.applicantCitizenId,
      submitted_at: progress.submittedAt,
      received_at: progress.receivedAt,
      due_at: progress.dueAt,
      finished_at: progress.finishedAt,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet({
        agency_code: progress.agencyCode,
        status: progress.to,
        received_at: progress.receivedAt,
        due_at: progress.dueAt,
        finished_at: progress.finishedAt,
        updated_at: at,
      }),
    )
    .execute();
  await tx
    .insertInto('member_dossier_event')
    .values({
      message_id: message.id,
      member_id: memberId,
      seq: message.seq,
      code: progress.code,
      agency_code: progress.agencyCode,
      action: progress.action,
      rating: progress.rating ?? null,
      from_status: progress.from,
      to_status: progress.to,
      occurred_at: at,
    })
    // a member that repeats a message id under a new number adds nothing twice
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

/** Locks the member's row for the batch: one batch of a member is applied at a time. */
export function lockMember(tx: Transaction<Database>, memberId: string) {
  return tx
    .selectFrom('member_system')
    .select(['id', 'applied_seq'])
    .where('id', '=', memberId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function setAppliedSeq(tx: Transaction<Database>, memberId: string, seq: number) {
  await tx
    .updateTable('member_system')
    .set({ applied_seq: seq, last_message_at: new Date() })
    .where('id', '=', memberId)
    .execute();
}

/**
 * Makes the destination's cursor if it has none, and then only runs `first` in the same
 * transaction: it writes what a new destination must receive (the catalog and the history as they
 * stand) and answers the number the cursor starts after.
 */
export async function openCursor(
  db: Kysely<Database>,
  destination: string,
  first: (tx: Transaction<Database>) => Promise<number>,
) {
  await db.transaction().execute(async (tx) => {
    const made = await tx
      .insertInto('outbox_cursor')
      .values({ destination })
      .onConflict((oc) => oc.column('destination').doNothing())
      .returning('destination')
      .executeTakeFirst();
    if (!made) return;
    const startAfter = await first(tx);
    await tx
      .updateTable('outbox_cursor')
      .set({ delivered_seq: startAfter })
      .where('destination', '=', destination)
      .execute();
  });
}

/** The destination's cursor (made by `openCursor`). */
export function cursorOf(db: Db, destination: string) {
  return db
    .selectFrom('outbox_cursor')
    .selectAll()
    .where('destination', '=', destination)
    .executeTakeFirstOrThrow();
}

/** Delivered up to `seq` (forward or, on the receiver's request, back): failures are forgotten. */
export async function moveCursor(db: Db, destination: string, seq: number) {
  await db
    .updateTable('outbox_cursor')
    .set({
      delivered_seq: seq,
      failures: 0,
      last_error: null,
      next_attempt_at: new Date(),
      dead_at: null,
      blocked_seq: null,
      updated_at: new Date(),
    })
    .where('destination', '=', destination)
    .execute();
}

/**
 * A failed delivery of the message `blockedSeq`: tried again at `nextAttemptAt`, or after a wait
 * that doubles up to a minute; or never again by itself (`dead`) until an administrator retries.
 */
export async function recordFailure(
  db: Db,
  destination: string,
  failure: { error: string; blockedSeq: number; nextAttemptAt?: Date; dead?: boolean },
) {
  await db
    .updateTable('outbox_cursor')
    .set({
      failures: sql`failures + 1`,
      last_error: failure.error.slice(0, 500),
      blocked_seq: failure.blockedSeq,
      dead_at: failure.dead === true ? new Date() : null,
      next_attempt_at:
        failure.nextAttemptAt ??
        sql<Date>`now() + least(interval '60 seconds', interval '250 milliseconds' * power(2, least(failures, 10)))`,
      updated_at: new Date(),
    })
    .where('destination', '=', destination)
    .execute();
}

/**
 * How far every destination still served has been delivered (a given-up one too: a dead letter
 * is still owed; an ended subscription has no cursor). Null: no destination.
 */
export async function slowestCursor(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('outbox_cursor')
    .select((eb) => eb.fn.min('delivered_seq').as('seq'))
    .executeTakeFirst();
  return row?.seq ?? null;
}

/** Forgets webhook attempts made before `before`. */
export async function pruneAttempts(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('webhook_delivery')
    .where('at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The destination is due again at `at` (after a round that left nothing failing). */
export async function retryAt(db: Db, destination: string, at: Date) {
  await db
    .updateTable('outbox_cursor')
    .set({ next_attempt_at: at })
    .where('destination', '=', destination)
    .execute();
}

/** Every peer's cursor (not the webhooks'), with how far behind the outbox it is. */
export async function cursors(db: Db) {
  const rows = await db
    .selectFrom('outbox_cursor')
    .selectAll()
    .where('destination', 'not like', 'webhook:%')
    .orderBy('destination')
    .execute();
  return { lastSeq: await lastOutboxSeq(db), rows };
}

/** Tries the destination again now, whatever wait its failures had set, even one given up. */
export async function retryNow(db: Db, destination: string) {
  const result = await db
    .updateTable('outbox_cursor')
    .set({ next_attempt_at: new Date(), failures: 0, dead_at: null, updated_at: new Date() })
    .where('destination', '=', destination)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The codes of the agencies that offer services here: what this system answers for. */
export async function agencyCodesOffering(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('service')
    .innerJoin('agency', 'agency.id', 'service.agency_id')
    .select('agency.code')
    .distinct()
    .where('agency.code', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.code ? [r.code] : []));
}

/** The dossiers members reported for this CCCD, newest first. */
export function dossiersOfCitizen(db: Db, citizenId: string) {
  return db
    .selectFrom('member_dossier')
    .leftJoin('agency', 'agency.code', 'member_dossier.agency_code')
    .selectAll('member_dossier')
    .select('agency.name as agency_name')
    .where('applicant_citizen_id', '=', citizenId)
    .orderBy('submitted_at', 'desc')
    .limit(200)
    .execute();
}

/** A member's dossier, and whether this CCCD is its applicant's (`visible`). */
export function dossierForCitizen(db: Db, code: string, citizenId: string | null) {
  return db
    .selectFrom('member_dossier')
    .leftJoin('agency', 'agency.code', 'member_dossier.agency_code')
    .selectAll('member_dossier')
    .select('agency.name as agency_name')
    .select((eb) =>
      (citizenId === null ? eb.lit(false) : eb('applicant_citizen_id', '=', citizenId)).as(
        'visible',
      ),
    )
    .where('member_dossier.code', '=', code)
    .executeTakeFirst();
}

export function eventsOf(db: Db, code: string) {
  return db
    .selectFrom('member_dossier_event')
    .select(['action', 'from_status', 'to_status', 'occurred_at'])
    .where('code', '=', code)
    .orderBy('seq')
    .execute();
}

/** A member's signed result: its reference and hash on the dossier the portal knows. */
export async function applyResultSigned(
  tx: Transaction<Database>,
  result: { code: string; verificationCode: string; sha256: string; signedAt: string },
) {
  await tx
    .updateTable('member_dossier')
    .set({
      result_verification_code: result.verificationCode,
      result_sha256: result.sha256,
      result_signed_at: result.signedAt,
    })
    .where('code', '=', result.code)
    .execute();
}

/** A member's payment, paid or refunded, on a dossier the portal knows (else set aside). */
export async function applyPayment(
  tx: Transaction<Database>,
  memberId: string,
  messageId: string,
  state: 'paid' | 'refunded',
  payment: {
    code: string;
    txnRef: string;
    amountVnd: number;
    receiptNo: string | null;
    at: string;
  },
) {
  await tx
    .insertInto('member_payment')
    .columns([
      'message_id',
      'member_id',
      'code',
      'txn_ref',
      'state',
      'amount_vnd',
      'receipt_no',
      'occurred_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('member_dossier')
        .select([
          eb.val(messageId).as('message_id'),
          eb.val(memberId).as('member_id'),
          'code',
          eb.val(payment.txnRef).as('txn_ref'),
          eb.val(state).as('state'),
          eb.val(payment.amountVnd).as('amount_vnd'),
          eb.val(payment.receiptNo).as('receipt_no'),
          eb.val(payment.at).as('occurred_at'),
        ])
        .where('code', '=', payment.code),
    )
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

export function paymentsOf(db: Db, code: string) {
  return db
    .selectFrom('member_payment')
    .select(['state', 'amount_vnd', 'receipt_no', 'occurred_at'])
    .where('code', '=', code)
    .orderBy('occurred_at')
    .execute();
}
