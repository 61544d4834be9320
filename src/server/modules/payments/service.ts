import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { formatMoney } from '../../../domain/vietnam-time.ts';
import type { Database, PaymentTable } from '../../db/schema.ts';
import { allowedAt, allowedSomewhere } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { visibleOr404 } from '../../platform/errors.ts';
import { outboxRecord, type OutboxEntry } from '../../platform/outbox.ts';
import { insertRows } from '../../platform/row-writes.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import { payableDossier, type PayableDossier } from '../dossiers/index.ts';
import { notifyAccount } from '../notifications/index.ts';
import { paymentErrors } from './errors.ts';
import { renderReceipt } from './receipt.ts';
import * as repository from './repository.ts';
import {
  IPN_ANSWERS,
  paymentUrl,
  queryTransaction,
  readCallback,
  refundTransaction,
  vnpayTime,
  type IpnAnswer,
  type PaymentCallback,
  type VnpayTerminal,
} from './vnpay.ts';

/**
 * What the national portal learns of a payment (Decision 31/2021 art. 30 cl. 3): amount, receipt
 * number and state, by the dossier's code; nothing of the payer or the card.
 */
function paymentEntry(
  type: 'payment.settled' | 'payment.refunded',
  agencyCode: string,
  code: string,
  payment: { txn_ref: string; amount_vnd: number; receipt_no: string | null },
): OutboxEntry {
  return {
    type,
    agencyCode,
    key: code,
    body: {
      code,
      txnRef: payment.txn_ref,
      amountVnd: payment.amount_vnd,
      receiptNo: payment.receipt_no,
      at: new Date().toISOString(),
    },
  };
}

/** A refund claimed longer ago than this without an answer may be asked again. */
const REFUND_CLAIM_MS = 2 * 60_000;
/** A fee is paid back only when the service was not rendered: refused, or withdrawn. */
const REFUNDABLE_DOSSIER_STATUSES: readonly string[] = ['refused', 'withdrawn'];

/** How long the applicant has at the gateway; VNPay refuses the payment afterwards. */
const PAYMENT_WINDOW_MS = 15 * 60_000;
/** The reconciliation job asks about a pending payment this long after its window closed. */
const RECONCILE_AFTER_MS = 5 * 60_000;

type Payment = Selectable<PaymentTable>;
type Query = Readonly<Record<string, string | undefined>>;

export type PaymentServiceDeps = {
  db: Kysely<Database>;
  /** Undefined when online payment is not configured. */
  terminal: VnpayTerminal | undefined;
  publicUrl: string;
  /** Where the e-receipt mailed to the applicant is kept until the mail job sends it. */
  storage: FileStorage;
  /** Tells the dossier its fee is paid, in the settlement's transaction (the dossiers module). */
  onPaid: (
    tx: Transaction<Database>,
    dossierId: string,
    facts: { receiptNo: string; amountVnd: number },
  ) => Promise<unknown>;
  fetchFn?: typeof fetch;
};

export type PaymentService = ReturnType<typeof createPaymentService>;

/** A transaction reference VNPay has never seen: the date, then random letters and digits. */
function newTxnRef(now: Date) {
  return `${vnpayTime(now).slice(2, 8)}${randomBytes(6).toString('hex').toUpperCase()}`;
}

/** The e-receipt of a settled payment, as PDF bytes, with the file name it goes by. */
async function receiptOf(payment: Payment, dossier: PayableDossier) {
  const receiptNo = payment.receipt_no ?? '';
  const content = await renderReceipt({
    receiptNo,
    agencyName: dossier.agency_name,
    applicantName: dossier.applicant_name,
    dossierCode: dossier.code,
    procedureName: dossier.procedure_name,
    amountVnd: payment.amount_vnd,
    paidAt: payment.settled_at ?? new Date(),
    gatewayTransactionNo: payment.gateway_transaction_no,
    bankCode: payment.bank_code,
  });
  return { fileName: `bien-lai-${receiptNo}.pdf`, content: Buffer.from(content) };
}

function describe(payment: Payment) {
  return {
    txnRef: payment.txn_ref,
    amountVnd: payment.amount_vnd,
    status: payment.status,
    createdAt: payment.created_at,
    settledAt: payment.settled_at,
    receiptNo: payment.receipt_no,
    bankCode: payment.bank_code,
  };
}

/**
 * Online fee payment through a VNPay-protocol gateway. A payment is settled once — by the IPN,
 * the signed return or the reconciliation job, whichever comes first, compare-and-set — and a
 * dossier has at most one payment the applicant can still complete, so nothing is paid twice.
 */
export function createPaymentService({
  db,
  terminal,
  publicUrl,
  storage,
  onPaid,
  fetchFn = fetch,
}: PaymentServiceDeps) {
  const base = publicUrl.replace(/\/$/, '');

  function urlOf(payment: Payment, gateway: VnpayTerminal) {
    return paymentUrl(gateway, {
      txnRef: payment.txn_ref,
      amountVnd: payment.amount_vnd,
      orderInfo: payment.description,
      ipAddr: payment.ip_addr,
      createdAt: payment.created_at,
      expiresAt: payment.expires_at,
      locale: 'vn',
      returnUrl: `${base}/thanh-toan/ket-qua`,
    });
  }

  async function settle(
    payment: Payment,
    callback: Pick<PaymentCallback, 'paid' | 'responseCode' | 'transactionNo' | 'bankCode'>,
    settledBy: 'ipn' | 'return' | 'reconciliation',
  ): Promise<Payment | undefined> {
    const settledAt = new Date();
    if (!callback.paid) {
      await repository.markFailed(db, payment.id, {
        responseCode: callback.responseCode,
        settledBy,
        settledAt,
      });
      return undefined;
    }
    return db.transaction().execute(async (tx) => {
      const paid = await repository.markPaid(tx, payment.id, {
        settledBy,
        transactionNo: callback.transactionNo,
        bankCode: callback.bankCode,
        responseCode: callback.responseCode,
        settledAt,
      });
      if (!paid) return undefined;
      await onPaid(tx, paid.dossier_id, {
        receiptNo: paid.receipt_no ?? '',
        amountVnd: paid.amount_vnd,
      });
      const dossier = await payableDossier(tx, { id: payment.dossier_id });
      if (dossier) {
        // The e-receipt goes with the mail; the account's notice links to the dossier instead.
        const receipt = await receiptOf(paid, dossier);
        const storageKey = `receipts/${dossier.id}/${receipt.fileName}`;
        if (dossier.applicant_email) await storage.put(storageKey, receipt.content);
        await notifyAccount(tx, {
          accountId: dossier.applicant_id,
          email: dossier.applicant_email,
          dossierId: dossier.id,
          title: `Hồ sơ ${dossier.code}: đã thanh toán phí, lệ phí`,
          body: `Đã nhận ${formatMoney(paid.amount_vnd)} phí, lệ phí của hồ sơ ${dossier.code} (${dossier.procedure_name}). Biên lai điện tử số ${paid.receipt_no ?? ''} tải được trong mục Hồ sơ của tôi${dossier.applicant_email ? ' và được gửi kèm thư điện tử' : ''}.`,
          attachments: [{ fileName: receipt.fileName, mediaType: 'application/pdf', storageKey }],
        });
      }
      if (dossier?.agency_code)
        await insertRows(tx, [
          outboxRecord(paymentEntry('payment.settled', dossier.agency_code, dossier.code, paid)),
        ]);
      await appendAudit(tx, {
        actor: { anonymous: 'Cổng thanh toán VNPay', ip: '' },
        action: 'payment.settled',
        subject: { type: 'dossier', id: payment.dossier_id },
        agencyId: payment.agency_id,
        details: {
          txnRef: paid.txn_ref,
          amountVnd: paid.amount_vnd,
          receiptNo: paid.receipt_no,
          settledBy,
        },
      });
      return paid;
    });
  }

  /** Asks the gateway about a pending payment and settles it by the answer. */
  async function reconcileOne(payment: Payment, gateway: VnpayTerminal, now: Date) {
    const state = await queryTransaction(
      gateway,
      {
        requestId: randomUUID().replace(/-/g, '').slice(0, 32),
        txnRef: payment.txn_ref,
        orderInfo: payment.description,
        transactionDate: payment.created_at,
        ipAddr: '127.0.0.1',
        now,
      },
      fetchFn,
    );
    await repository.logMessage(db, {
      kind: 'query',
      txnRef: payment.txn_ref,
      paymentId: payment.id,
      answer: state.responseCode,
      params: { ...state },
    });
    const answered = state.responseCode === '00';
    if (answered && state.transactionStatus === '00') {
      if (state.amountVnd !== payment.amount_vnd) return undefined;
      return settle(
        payment,
        {
          paid: true,
          responseCode: '00',
          transactionNo: state.transactionNo,
          bankCode: state.bankCode,
        },
        'reconciliation',
      );
    }
    // Not paid only on the gateway's word: no such transaction, failed, or unfinished when its
    // window has closed. Any other answer (duplicate request, gateway error) leaves it pending for
    // the next run, so money taken but not yet reported is never written off.
    const expired = payment.expires_at.getTime() < now.getTime();
    const unfinished = state.transactionStatus === '01';
    if (state.responseCode === '91' || (answered && (!unfinished || expired)))
      await settle(
        payment,
        {
          paid: false,
          responseCode: state.transactionStatus ?? state.responseCode,
          transactionNo: null,
          bankCode: null,
        },
        'reconciliation',
      );
    return undefined;
  }

  async function refuseCallback(
    kind: 'ipn' | 'return',
    query: Query,
    payment: Payment | undefined,
    reason: 'signature' | 'amount',
  ) {
    await appendAudit(db, {
      actor: { anonymous: 'Cổng thanh toán VNPay', ip: '' },
      action: 'payment.callback_refused',
      subject: payment ? { type: 'dossier', id: payment.dossier_id } : undefined,
      agencyId: payment?.agency_id ?? null,
      details: { kind, reason, txnRef: query.vnp_TxnRef ?? null, amount: query.vnp_Amount ?? null },
    });
  }

  return {
    /**
     * Sends the applicant to the gateway for what the dossier owes: the payment still open if
     * there is one, else a new one (after asking the gateway about an expired one).
     */
    async start(actor: Actor, code: string, ip: string) {
      const dossier = visibleOr404(
        await payableDossier(db, { code, applicantId: actor.accountId }),
        paymentErrors.dossierNotFound,
      );
      if (dossier.fee_due_vnd === 0) throw paymentErrors.nothingToPay();
      if (!terminal) throw paymentErrors.notConfigured();
      const now = new Date();
      for (const payment of await repository.paymentsOfDossier(db, dossier.id)) {
        if (payment.status === 'paid') throw paymentErrors.alreadyPaid();
        if (payment.status !== 'pending') continue;
        if (payment.expires_at > now)
          return { ...describe(payment), paymentUrl: urlOf(payment, terminal) };
        if (await reconcileOne(payment, terminal, now)) throw paymentErrors.alreadyPaid();
        // The gateway could not say what became of it: a new payment might charge twice.
        const known = await repository.findByTxnRef(db, payment.txn_ref);
        if (known?.status === 'pending') throw paymentErrors.previousUnsettled();
      }
      // Owed but not asked for yet (due on the officer's request, or collected at the desk).
      if (!dossier.fee_outstanding)
        throw paymentErrors.nothingToPay(
          'Phí, lệ phí của hồ sơ này chưa đến hạn nộp trực tuyến: cơ quan sẽ đề nghị khi cần',
        );
      const payment = await createPayment(dossier, terminal, ip, now, actor);
      return { ...describe(payment), paymentUrl: urlOf(payment, terminal) };
    },

    /** The gateway's server-to-server notice; answers in VNPay's codes (99: try again later). */
    async ipn(query: Query): Promise<IpnAnswer> {
      if (!terminal) return IPN_ANSWERS.unknownError;
      const payment = query.vnp_TxnRef
        ? await repository.findByTxnRef(db, query.vnp_TxnRef)
        : undefined;
      const answer = await (async (): Promise<IpnAnswer> => {
        const callback = readCallback(terminal, query);
        if (!callback) {
          await refuseCallback('ipn', query, payment, 'signature');
          return IPN_ANSWERS.invalidSignature;
        }
        if (!payment) return IPN_ANSWERS.orderNotFound;
        if (callback.amountVnd !== payment.amount_vnd) {
          await refuseCallback('ipn', query, payment, 'amount');
          return IPN_ANSWERS.invalidAmount;
        }
        if (payment.status !== 'pending') return IPN_ANSWERS.alreadyConfirmed;
        const settled = await settle(payment, callback, 'ipn');
        if (callback.paid && !settled) return IPN_ANSWERS.alreadyConfirmed;
        return IPN_ANSWERS.confirmed;
      })();
      await repository.logMessage(db, {
        kind: 'ipn',
        txnRef: query.vnp_TxnRef ?? null,
        paymentId: payment?.id ?? null,
        answer: answer.RspCode,
        params: { ...query },
      });
      return answer;
    },

    /** The applicant's browser back from the gateway: settles from the signed answer, tells the outcome. */
    async returned(query: Query) {
      if (!terminal) throw paymentErrors.notConfigured();
      const payment = query.vnp_TxnRef
        ? await repository.findByTxnRef(db, query.vnp_TxnRef)
        : undefined;
      const callback = readCallback(terminal, query);
      if (!callback) {
        await refuseCallback('return', query, payment, 'signature');
        throw paymentErrors.invalidSignature();
      }
      if (!payment) throw paymentErrors.paymentNotFound();
      if (callback.amountVnd !== payment.amount_vnd) {
        await refuseCallback('return', query, payment, 'amount');
        throw paymentErrors.amountMismatch();
      }
      if (payment.status === 'pending') await settle(payment, callback, 'return');
      await repository.logMessage(db, {
        kind: 'return',
        txnRef: callback.txnRef,
        paymentId: payment.id,
        answer: callback.responseCode,
        params: { ...query },
      });
      const current = await repository.findByTxnRef(db, callback.txnRef);
      const dossier = await payableDossier(db, { id: payment.dossier_id });
      return {
        dossierCode: dossier?.code ?? '',
        responseCode: callback.responseCode,
        ...describe(current ?? payment),
      };
    },

    /** The reconciliation job: settles payments whose IPN never came by asking the gateway. */
    async reconcile(now = new Date()) {
      if (!terminal) return 0;
      let settled = 0;
      const due = new Date(now.getTime() - RECONCILE_AFTER_MS);
      for (const payment of await repository.pendingExpired(db, due, 100))
        if (await reconcileOne(payment, terminal, now)) settled += 1;
      return settled;
    },

    /** The e-receipt of a paid payment of one of the applicant's dossiers, as PDF. */
    async applicantReceipt(actor: Actor, code: string, txnRef: string) {
      const dossier = visibleOr404(
        await payableDossier(db, { code, applicantId: actor.accountId }),
        paymentErrors.dossierNotFound,
      );
      const payment = await repository.findByTxnRef(db, txnRef);
      if (
        payment?.dossier_id !== dossier.id ||
        payment.status !== 'paid' ||
        !payment.receipt_no ||
        !payment.settled_at
      )
        throw paymentErrors.paymentNotFound();
      const receipt = await receiptOf(payment, dossier);
      return {
        file_name: receipt.fileName,
        media_type: 'application/pdf',
        size_bytes: receipt.content.byteLength,
        content: Readable.from(receipt.content),
      };
    },

    /**
     * An agency's reconciliation for a day (Vietnam time): the payments settled that day and
     * those still open or failed from it. For the agency's desk, leaders and administrators.
     */
    async reconciliation(actor: Actor, agencyId: string, date: string) {
      if (!allowedAt(actor.roles, 'payment.reconcile', agencyId))
        throw paymentErrors.reportForbidden();
      const agency = await repository.agencyName(db, agencyId);
      if (!agency) throw paymentErrors.reportForbidden();
      const from = new Date(`${date}T00:00:00+07:00`);
      const to = new Date(from.getTime() + 86_400_000);
      const rows = await repository.paymentsOfAgencyDay(db, agencyId, from, to);
      const paid = rows.filter((r) => r.status === 'paid');
      return {
        agencyName: agency.name,
        date,
        paidCount: paid.length,
        paidTotalVnd: paid.reduce((sum, r) => sum + r.amount_vnd, 0),
        pendingCount: rows.filter((r) => r.status === 'pending').length,
        failedCount: rows.filter((r) => r.status === 'failed').length,
        rows: rows.map((r) => ({
          receiptNo: r.receipt_no,
          txnRef: r.txn_ref,
          dossierCode: r.dossier_code,
          procedureName: r.procedure_name,
          amountVnd: r.amount_vnd,
          status: r.status,
          bankCode: r.bank_code,
          gatewayTransactionNo: r.gateway_transaction_no,
          createdAt: r.created_at,
          settledAt: r.settled_at,
          settledBy: r.settled_by,
          refundedAt: r.refunded_at,
          refundable: r.status === 'paid' && REFUNDABLE_DOSSIER_STATUSES.includes(r.dossier_status),
        })),
      };
    },

    /**
     * Pays a fee back through the gateway, for a dossier the agency refused or the applicant
     * withdrew: by the agency's leader or administrator, with a reason. The payment is claimed
     * before the gateway is asked (no transaction is held meanwhile), so two officers pressing at
     * once refund once.
     */
    async refund(actor: Actor, txnRef: string, input: { reason: string; ip: string }) {
      if (!allowedSomewhere(actor.roles, 'payment.refund')) throw paymentErrors.refundForbidden();
      const payment = await repository.findWithDossier(db, txnRef);
      if (!payment) throw paymentErrors.paymentNotFound();
      if (!allowedAt(actor.roles, 'payment.refund', payment.agency_id))
        throw paymentErrors.refundForbidden();
      if (payment.status === 'refunded') throw paymentErrors.alreadyRefunded();
      if (payment.status !== 'paid') throw paymentErrors.notRefundable();
      if (!REFUNDABLE_DOSSIER_STATUSES.includes(payment.dossier_status))
        throw paymentErrors.refundNotAllowed();
      if (!terminal) throw paymentErrors.notConfigured();
      const now = new Date();
      const claimed = await repository.claimRefund(db, payment.id, {
        now,
        staleBefore: new Date(now.getTime() - REFUND_CLAIM_MS),
        refundedBy: actor.accountId,
        reason: input.reason,
      });
      if (!claimed) {
        const current = await repository.findByTxnRef(db, txnRef);
        throw current?.status === 'refunded'
          ? paymentErrors.alreadyRefunded()
          : paymentErrors.refundInProgress();
      }
      const state = await refundTransaction(
        terminal,
        {
          requestId: randomUUID().replace(/-/g, '').slice(0, 32),
          txnRef: claimed.txn_ref,
          orderInfo: `Hoan tra ${claimed.description}`,
          transactionDate: claimed.created_at,
          ipAddr: input.ip,
          now,
          amountVnd: claimed.amount_vnd,
          transactionType: '02',
          transactionNo: claimed.gateway_transaction_no,
          createdBy: actor.fullName,
        },
        fetchFn,
      ).catch(async (error: unknown) => {
        await repository.releaseRefund(db, claimed.id);
        throw error;
      });
      // Kept whatever happens next: the gateway's word on money is evidence.
      await repository.logMessage(db, {
        kind: 'refund',
        txnRef: claimed.txn_ref,
        paymentId: claimed.id,
        answer: state.responseCode,
        params: { ...state },
      });
      if (state.responseCode !== '00') {
        await repository.releaseRefund(db, claimed.id);
        throw paymentErrors.refundRefused(
          `Mã trả lời của cổng thanh toán: ${state.responseCode || 'không có'}`,
        );
      }
      return db.transaction().execute(async (tx) => {
        const refunded = await repository.markRefunded(tx, claimed.id, new Date());
        const dossier = await payableDossier(tx, { id: claimed.dossier_id });
        if (dossier)
          await notifyAccount(tx, {
            accountId: dossier.applicant_id,
            email: dossier.applicant_email,
            dossierId: dossier.id,
            title: `Hồ sơ ${dossier.code}: đã hoàn trả phí, lệ phí`,
            body: `Cơ quan đã hoàn trả ${formatMoney(refunded.amount_vnd)} phí, lệ phí của hồ sơ ${dossier.code} (biên lai số ${refunded.receipt_no ?? ''}) qua cổng thanh toán. Lý do: ${input.reason}. Tiền về tài khoản hoặc thẻ đã dùng để thanh toán theo thời gian xử lý của ngân hàng.`,
          });
        if (dossier?.agency_code)
          await insertRows(tx, [
            outboxRecord(
              paymentEntry('payment.refunded', dossier.agency_code, dossier.code, refunded),
            ),
          ]);
        await appendAudit(tx, {
          actor,
          action: 'payment.refunded',
          subject: { type: 'dossier', id: claimed.dossier_id },
          agencyId: claimed.agency_id,
          details: {
            txnRef: refunded.txn_ref,
            amountVnd: refunded.amount_vnd,
            receiptNo: refunded.receipt_no,
            reason: input.reason,
          },
        });
        return describe(refunded);
      });
    },

    async listForApplicant(actor: Actor, code: string) {
      const dossier = visibleOr404(
        await payableDossier(db, { code, applicantId: actor.accountId }),
        paymentErrors.dossierNotFound,
      );
      return (await repository.paymentsOfDossier(db, dossier.id)).map(describe);
    },
  };

  async function createPayment(
    dossier: PayableDossier,
    gateway: VnpayTerminal,
    ip: string,
    now: Date,
    actor: Actor,
  ) {
    return db.transaction().execute(async (tx) => {
      const payment = await repository.insertPayment(tx, {
        dossier_id: dossier.id,
        agency_id: dossier.agency_id,
        gateway: 'vnpay',
        txn_ref: newTxnRef(now),
        amount_vnd: dossier.fee_due_vnd,
        description: `Phi le phi ho so ${dossier.code}`,
        ip_addr: ip,
        created_at: now,
        expires_at: new Date(now.getTime() + PAYMENT_WINDOW_MS),
      });
      await appendAudit(tx, {
        actor,
        action: 'payment.started',
        subject: { type: 'dossier', id: dossier.id },
        agencyId: dossier.agency_id,
        details: {
          txnRef: payment.txn_ref,
          amountVnd: payment.amount_vnd,
          gateway: gateway.tmnCode,
        },
      });
      return payment;
    });
  }
}
