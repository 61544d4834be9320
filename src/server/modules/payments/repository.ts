import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, PaymentMessageTable, PaymentTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';

type Db = Kysely<Database> | Transaction<Database>;

export function paymentsOfDossier(db: Db, dossierId: string) {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function findByTxnRef(db: Db, txnRef: string) {
  return db.selectFrom('payment').selectAll().where('txn_ref', '=', txnRef).executeTakeFirst();
}

export function insertPayment(db: Db, payment: Insertable<PaymentTable>) {
  return db.insertInto('payment').values(payment).returningAll().executeTakeFirstOrThrow();
}

/**
 * Marks a pending payment paid, with the next receipt number, unless something settled it first
 * (a duplicated IPN, the return and the IPN together, the reconciliation job): compare-and-set.
 */
export function markPaid(
  db: Db,
  paymentId: string,
  facts: {
    settledBy: 'ipn' | 'return' | 'reconciliation';
    transactionNo: string | null;
    bankCode: string | null;
    responseCode: string;
    settledAt: Date;
  },
) {
  return db
    .updateTable('payment')
    .set({
      status: 'paid',
      settled_at: facts.settledAt,
      settled_by: facts.settledBy,
      gateway_transaction_no: facts.transactionNo,
      bank_code: facts.bankCode,
      response_code: facts.responseCode,
      receipt_no: sql<string>`'BL' || to_char(${facts.settledAt}::timestamptz at time zone 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('payment_receipt_seq')::text, 7, '0')`,
    })
    .where('id', '=', paymentId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function markFailed(
  db: Db,
  paymentId: string,
  facts: { responseCode: string; settledBy: 'ipn' | 'return' | 'reconciliation'; settledAt: Date },
) {
  const result = await db
    .updateTable('payment')
    .set({
      status: 'failed',
      response_code: facts.responseCode,
      settled_by: facts.settledBy,
      settled_at: facts.settledAt,
    })
    .where('id', '=', paymentId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A payment with its dossier's state. */
export function findWithDossier(db: Db, txnRef: string) {
  return db
    .selectFrom('payment')
    .innerJoin('dossier', 'dossier.id', 'payment.dossier_id')
    .selectAll('payment')
    .select('dossier.status as dossier_status')
    .where('payment.txn_ref', '=', txnRef)
    .executeTakeFirst();
}

/**
 * Claims a paid payment for a refund, compare-and-set: one request at a time asks the gateway.
 * A claim older than `staleBefore` (its process died while the gateway answered) may be retaken.
 */
export function claimRefund(
  db: Db,
  paymentId: string,
  facts: { now: Date; staleBefore: Date; refundedBy: string; reason: string },
) {
  return db
    .updateTable('payment')
    .set({
      refund_requested_at: facts.now,
      refunded_by: facts.refundedBy,
      refund_reason: facts.reason,
    })
    .where('id', '=', paymentId)
    .where('status', '=', 'paid')
    .where((eb) =>
      eb.or([
        eb('refund_requested_at', 'is', null),
        eb('refund_requested_at', '<', facts.staleBefore),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Lets the payment be claimed again (the gateway did not refund). */
export async function releaseRefund(db: Db, paymentId: string) {
  await db
    .updateTable('payment')
    .set({ refund_requested_at: null, refunded_by: null, refund_reason: null })
    .where('id', '=', paymentId)
    .where('status', '=', 'paid')
    .execute();
}

export function markRefunded(db: Db, paymentId: string, refundedAt: Date) {
  return db
    .updateTable('payment')
    .set({ status: 'refunded', refunded_at: refundedAt })
    .where('id', '=', paymentId)
    .where('status', '=', 'paid')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Pending payments whose time at the gateway ran out: the reconciliation job asks about them. */
export function pendingExpired(db: Db, before: Date, limit: number) {
  return db
    .selectFrom('payment')
    .selectAll()
    .where('status', '=', 'pending')
    .where('expires_at', '<', before)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

/** An agency's payments created or settled on a day (Vietnam time), with their dossiers. */
export function paymentsOfAgencyDay(db: Db, agencyId: string, from: Date, to: Date) {
  return db
    .selectFrom('payment')
    .innerJoin('dossier', 'dossier.id', 'payment.dossier_id')
    .innerJoin('service', 'service.id', 'dossier.service_id')
    .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
    .selectAll('payment')
    .select([
      'dossier.code as dossier_code',
      'dossier.status as dossier_status',
      'procedure.name as procedure_name',
    ])
    .where('payment.agency_id', '=', agencyId)
    .where((eb) =>
      eb.or([
        eb.and([eb('payment.settled_at', '>=', from), eb('payment.settled_at', '<', to)]),
        eb.and([
          eb('payment.settled_at', 'is', null),
          eb('payment.created_at', '>=', from),
          eb('payment.created_at', '<', to),
        ]),
      ]),
    )
    .orderBy('payment.created_at')
    .execute();
}

export function agencyName(db: Db, agencyId: string) {
  return db.selectFrom('agency').select('name').where('id', '=', agencyId).executeTakeFirst();
}

export async function logMessage(
  db: Db,
  message: {
    kind: PaymentMessageTable['kind'];
    txnRef: string | null;
    paymentId: string | null;
    answer: string;
    params: Record<string, unknown>;
  },
) {
  await db
    .insertInto('payment_message')
    .values({
      gateway: 'vnpay',
      kind: message.kind,
      txn_ref: message.txnRef,
      payment_id: message.paymentId,
      answer: message.answer,
      params: JSON.stringify(message.params),
    })
    .execute();
}
