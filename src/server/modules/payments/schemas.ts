import { Type } from 'typebox';
import { MaybeTimestamp, Timestamp } from '../../platform/schema-types.ts';

export const PaymentSummary = Type.Object({
  txnRef: Type.String(),
  amountVnd: Type.Integer(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('paid'),
    Type.Literal('failed'),
    Type.Literal('refunded'),
  ]),
  createdAt: Timestamp,
  settledAt: MaybeTimestamp,
  receiptNo: Type.Union([Type.String(), Type.Null()]),
  bankCode: Type.Union([Type.String(), Type.Null()]),
});

export const StartedPayment = Type.Intersect([
  PaymentSummary,
  Type.Object({ paymentUrl: Type.String({ description: 'Send the browser here (the gateway)' }) }),
]);

export const ReturnedPayment = Type.Intersect([
  PaymentSummary,
  Type.Object({
    dossierCode: Type.String(),
    responseCode: Type.String({ description: 'VNPay vnp_ResponseCode: 00 paid, 24 cancelled, …' }),
  }),
]);

/** The query VNPay sends: vnp_* parameters, all strings. */
export const GatewayQuery = Type.Record(
  Type.String({ pattern: '^vnp_' }),
  Type.String({ maxLength: 1000 }),
  {
    maxProperties: 40,
  },
);

export const IpnAnswer = Type.Object({ RspCode: Type.String(), Message: Type.String() });

export const DossierCodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });

export const ReconciliationQuery = Type.Object(
  {
    agencyId: Type.String({ format: 'uuid' }),
    date: Type.String({ format: 'date', description: 'The day, in Vietnam time (yyyy-MM-dd)' }),
  },
  { additionalProperties: false },
);

export const Reconciliation = Type.Object({
  agencyName: Type.String(),
  date: Type.String(),
  paidCount: Type.Integer(),
  paidTotalVnd: Type.Integer(),
  pendingCount: Type.Integer(),
  failedCount: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      receiptNo: Type.Union([Type.String(), Type.Null()]),
      txnRef: Type.String(),
      dossierCode: Type.String(),
      procedureName: Type.String(),
      amountVnd: Type.Integer(),
      status: PaymentSummary.properties.status,
      bankCode: Type.Union([Type.String(), Type.Null()]),
      gatewayTransactionNo: Type.Union([Type.String(), Type.Null()]),
      createdAt: Timestamp,
      settledAt: MaybeTimestamp,
      settledBy: Type.Union([Type.String(), Type.Null()]),
      refundedAt: MaybeTimestamp,
      refundable: Type.Boolean({
        description: 'Paid, and its dossier was refused or withdrawn: the fee may be paid back',
      }),
    }),
  ),
});

export const RefundParams = Type.Object({ txnRef: Type.String({ maxLength: 64 }) });

export const RefundRequest = Type.Object(
  {
    reason: Type.String({
      minLength: 10,
      maxLength: 500,
      description: 'Why the fee is paid back (the applicant reads it)',
    }),
  },
  { additionalProperties: false },
);

export const ReceiptParams = Type.Object({
  code: Type.String({ maxLength: 64 }),
  txnRef: Type.String({ maxLength: 64 }),
});
