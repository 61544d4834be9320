import { Type } from 'typebox';
import type { AppInstance } from '../../app-instance.ts';
import { actorOf, type RateLimitBuckets } from '../../platform/route-rules.ts';
import { BinaryFile } from '../../platform/binary-file.ts';
import { sendStoredFile } from '../../platform/uploads.ts';
import {
  DossierCodeParams,
  GatewayQuery,
  IpnAnswer,
  PaymentSummary,
  Reconciliation,
  ReconciliationQuery,
  ReceiptParams,
  RefundParams,
  RefundRequest,
  ReturnedPayment,
  StartedPayment,
} from './schemas.ts';
import { reconciliationWorkbook } from './report.ts';
import type { PaymentService } from './service.ts';

export function paymentRoutes(
  app: AppInstance,
  deps: { payments: PaymentService; buckets: RateLimitBuckets },
) {
  const { payments, buckets } = deps;
  const tags = ['payments'];

  app.post(
    '/api/v1/dossiers/:code/payments',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'Pay the dossier’s fee online: answers the gateway address to send the browser to',
        params: DossierCodeParams,
        response: { 201: StartedPayment },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await payments.start(actorOf(request), request.params.code, request.ip)),
  );

  app.get(
    '/api/v1/dossiers/:code/payments',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'The payments of one of my dossiers, newest first',
        params: DossierCodeParams,
        response: { 200: Type.Array(PaymentSummary) },
      },
    },
    (request) => payments.listForApplicant(actorOf(request), request.params.code),
  );

  app.get(
    '/api/v1/dossiers/:code/payments/:txnRef/receipt',
    {
      config: { access: 'citizen', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'The electronic receipt (biên lai điện tử) of a fee paid online, as PDF',
        params: ReceiptParams,
        response: { 200: BinaryFile },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await payments.applicantReceipt(
          actorOf(request),
          request.params.code,
          request.params.txnRef,
        ),
      ),
  );

  app.get(
    '/api/v1/officer/payments/reconciliation',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'An agency’s online payments of a day (reconciliation), with totals',
        querystring: ReconciliationQuery,
        response: { 200: Reconciliation },
      },
    },
    (request) =>
      payments.reconciliation(actorOf(request), request.query.agencyId, request.query.date),
  );

  app.get(
    '/api/v1/officer/payments/reconciliation/xlsx',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'The same reconciliation as an XLSX workbook',
        querystring: ReconciliationQuery,
        response: { 200: BinaryFile },
      },
    },
    async (request, reply) => {
      const { agencyId, date } = request.query;
      const report = await payments.reconciliation(actorOf(request), agencyId, date);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="doi-soat-${date}.xlsx"`)
        .send(await reconciliationWorkbook(report));
    },
  );

  app.post(
    '/api/v1/officer/payments/:txnRef/refund',
    {
      config: { access: 'officer', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'Pays a fee back through the gateway (dossier refused or withdrawn); the agency’s leader or administrator, with a reason',
        params: RefundParams,
        body: RefundRequest,
        response: { 200: PaymentSummary },
      },
    },
    (request) =>
      payments.refund(actorOf(request), request.params.txnRef, {
        reason: request.body.reason,
        ip: request.ip,
      }),
  );

  app.get(
    '/api/v1/payments/vnpay/ipn',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary: 'VNPay IPN: the gateway confirms a payment (answers VNPay’s RspCode)',
        querystring: GatewayQuery,
        response: { 200: IpnAnswer },
      },
    },
    (request) => payments.ipn(request.query),
  );

  app.post(
    '/api/v1/payments/vnpay/return',
    {
      config: { access: 'public', rateLimit: buckets.api },
      schema: {
        tags,
        summary:
          'The applicant back from VNPay: the return URL’s query, checked and settled; answers the outcome',
        body: GatewayQuery,
        response: { 200: ReturnedPayment },
      },
    },
    (request) => payments.returned(request.body),
  );
}
