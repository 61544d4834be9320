import { TIMESTAMP_QUERY, timestampQuery } from '../../src/server/modules/results/timestamping.ts';
import type { Fixtures } from './fixtures.ts';
import {
  ALL_PERSONAS,
  allowedByPolicy,
  allowedEverywhereByPolicy,
  allowedSomewhereByPolicy,
  stepAllowedByPolicy,
  union,
  CITIZENS,
  OFFICERS,
  SIGNED_IN,
  WARD_H29,
  NATIONAL_OFFICE,
  type Persona,
} from './personas.ts';

/** One request the matrix sends, built per persona (each may need its own file or session). */
export type Probe = {
  url: string;
  body?: unknown;
  upload?: { name: string; content: Buffer; type: string };
  /** A body that is neither JSON nor a form: its bytes and media type. */
  raw?: { content: Buffer; type: string };
};

export type RouteAccess = {
  /** Who may succeed on the fixture's resource; everyone else must be refused. */
  allowed: readonly Persona[];
  request: (fx: Fixtures, persona: Persona) => Probe | Promise<Probe>;
  /** Statuses that count as a refusal besides 401, 403 and 404 (a foreign file is a 400). */
  refusedAlso?: readonly number[];
  /** Success for the allowed ones besides 2xx and 3xx (409: already done by an earlier persona). */
  acceptedAlso?: readonly number[];
  /** The call ends the caller's session: each persona uses a fresh one. */
  endsSession?: boolean;
  /** Personas who may see other sides' dossier identifiers here (never their personal data). */
  identifiersVisibleTo?: readonly Persona[];
};

const everyone = ALL_PERSONAS;
/** The staff who see the ward's dossiers, as the access policy says. */
const agencyInbox = allowedByPolicy('dossier.read', WARD_H29);
/** Who may read the feedback forwarded to the ward: its officers, the national desk that received it, the national roles. */
const feedbackReaders = union(
  allowedByPolicy('feedback.read', WARD_H29),
  allowedByPolicy('feedback.read', NATIONAL_OFFICE),
);
/** The ward's designers: its services, their drafts and templates, its settings. */
const wardDesigners = allowedByPolicy('catalog.manage', WARD_H29);
/** Who manages the ward's officers: its administrator, and the system administrator everywhere. */
const wardOfficerManagers = union(
  allowedByPolicy('officer.manage', WARD_H29),
  allowedEverywhereByPolicy('officer.grant_national'),
);

/**
 * Every API route, by "METHOD /path" as the OpenAPI document names it, with who may use it on
 * whose data. A route the document has and this table lacks fails the matrix: new endpoints join
 * by declaration. The order is the order of the run (state-changing routes come last).
 */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'GET /health': { allowed: everyone, request: () => ({ url: '/health' }) },
  'GET /ready': { allowed: everyone, request: () => ({ url: '/ready' }) },
  'GET /api/v1/portal': { allowed: everyone, request: () => ({ url: '/api/v1/portal' }) },
  'GET /api/v1/auth/me': { allowed: everyone, request: () => ({ url: '/api/v1/auth/me' }) },
  // Demo mode only (refused in production): what would have been mailed, for reviewers.
  'GET /api/v1/demo/mailbox': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/demo/mailbox' }),
  },
  'GET /api/v1/auth/demo/accounts': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/auth/demo/accounts' }),
  },
  'GET /api/v1/catalog/services': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/catalog/services?q=khai%20sinh' }),
  },
  'GET /api/v1/catalog/services/{serviceId}': {
    allowed: everyone,
    request: (fx) => ({ url: `/api/v1/catalog/services/${fx.serviceH29}` }),
  },
  'GET /api/v1/catalog/procedures': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/catalog/procedures?q=khai%20sinh' }),
  },
  'GET /api/v1/catalog/services/{serviceId}/centers': {
    allowed: everyone,
    request: (fx) => ({ url: `/api/v1/catalog/services/${fx.serviceH29}/centers` }),
  },
  'GET /api/v1/catalog/fields': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/catalog/fields' }),
  },
  'GET /api/v1/catalog/agencies': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/catalog/agencies' }),
  },
  'GET /api/v1/catalog/communes': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/catalog/communes?province=79' }),
  },
  'GET /api/v1/catalog/templates/{templateId}': {
    // a draft's template: only the administrators of its agency
    allowed: wardDesigners,
    request: (fx) => ({ url: `/api/v1/catalog/templates/${fx.draftTemplateH29}` }),
  },
  'GET /api/v1/public/dossiers/{code}': {
    // status only, for anyone holding the code; the leak check keeps personal data out
    allowed: everyone,
    request: (fx) => ({ url: `/api/v1/public/dossiers/${fx.dossierA.code}` }),
  },

  'GET /api/v1/admin/agencies/{agencyId}/settings': {
    allowed: allowedByPolicy('agency.settings', WARD_H29),
    request: (fx) => ({ url: `/api/v1/admin/agencies/${fx.agencyH29}/settings` }),
  },
  'PUT /api/v1/admin/agencies/{agencyId}/settings': {
    allowed: allowedByPolicy('agency.settings', WARD_H29),
    request: (fx) => ({
      url: `/api/v1/admin/agencies/${fx.agencyH29}/settings`,
      body: { draftRetentionDays: 30 },
    }),
  },
  'GET /api/v1/dossiers': { allowed: CITIZENS, request: () => ({ url: '/api/v1/dossiers' }) },
  // Each citizen's own unfinished application: saved first, so that reading it finds it.
  'PUT /api/v1/drafts/{serviceId}': {
    allowed: CITIZENS,
    request: (fx) => ({
      url: `/api/v1/drafts/${fx.serviceH29}`,
      body: { formData: { hoTenNguoiYeuCau: 'Bản nháp' }, documents: [], step: 0 },
    }),
  },
  'GET /api/v1/drafts/{serviceId}': {
    allowed: CITIZENS,
    request: (fx) => ({ url: `/api/v1/drafts/${fx.serviceH29}` }),
  },
  'DELETE /api/v1/drafts/{serviceId}': {
    allowed: CITIZENS,
    request: (fx) => ({ url: `/api/v1/drafts/${fx.serviceH29}` }),
  },
  'GET /api/v1/dossiers/{code}': {
    allowed: ['citizenA'],
    request: (fx) => ({ url: `/api/v1/dossiers/${fx.dossierA.code}` }),
  },
  'GET /api/v1/dossiers/{code}/files/{fileId}': {
    allowed: ['citizenA'],
    request: (fx) => ({ url: `/api/v1/dossiers/${fx.dossierA.code}/files/${fx.dossierA.fileId}` }),
  },
  'POST /api/v1/files': {
    // citizens attach to their dossiers, the one-stop desk scans counter and postal dossiers
    allowed: SIGNED_IN,
    request: (fx) => ({
      url: '/api/v1/files',
      upload: { name: 'giay-chung-sinh.pdf', content: fx.pdf, type: 'application/pdf' },
    }),
  },
  'POST /api/v1/dossiers': {
    // a file citizen A uploaded: only A may submit with it
    allowed: ['citizenA'],
    refusedAlso: [400],
    request: async (fx) => ({
      url: '/api/v1/dossiers',
      body: fx.submission(await fx.unattachedFileOfA()),
    }),
  },
  'PUT /api/v1/auth/profile': {
    allowed: CITIZENS,
    request: () => ({
      url: '/api/v1/auth/profile',
      body: { phone: '0912345678', email: null, address: '12 Lê Lợi, Phường Sài Gòn' },
    }),
  },

  'GET /api/v1/officer/inbox': {
    allowed: OFFICERS,
    request: () => ({ url: '/api/v1/officer/inbox' }),
  },
  'GET /api/v1/officer/dossiers/{dossierId}': {
    allowed: agencyInbox,
    request: (fx) => ({ url: `/api/v1/officer/dossiers/${fx.dossierA.id}` }),
  },
  'GET /api/v1/officer/dossiers/{dossierId}/files/{fileId}': {
    allowed: agencyInbox,
    request: (fx) => ({
      url: `/api/v1/officer/dossiers/${fx.dossierA.id}/files/${fx.dossierA.fileId}`,
    }),
  },
  'GET /api/v1/officer/register': {
    allowed: allowedSomewhereByPolicy('dossier.read'),
    request: () => ({ url: '/api/v1/officer/register?from=2026-01-01&to=2026-12-31&format=csv' }),
  },
  'GET /api/v1/officer/desk-services': {
    allowed: allowedSomewhereByPolicy('dossier.register'),
    request: () => ({ url: '/api/v1/officer/desk-services' }),
  },
  'POST /api/v1/officer/dossiers': {
    // Registering without the mandatory scan: the desk of the service's own ward reaches the
    // form check (400 naming the document); everyone else is refused before it.
    allowed: allowedByPolicy('dossier.register', WARD_H29),
    acceptedAlso: [400],
    request: (fx) => ({
      url: '/api/v1/officer/dossiers',
      body: {
        serviceId: fx.serviceH29,
        channel: 'counter',
        applicant: { fullName: 'Phạm Thị Hoa', citizenId: '079195012345' },
        formData: {},
        documents: [],
      },
    }),
  },
  'POST /api/v1/officer/dossiers/{dossierId}/actions': {
    allowed: stepAllowedByPolicy('receive', WARD_H29),
    request: (fx) => ({
      url: `/api/v1/officer/dossiers/${fx.dossierA.id}/actions`,
      body: { action: 'receive', lockVersion: 0 },
    }),
  },
  'POST /api/v1/dossiers/{code}/actions': {
    allowed: ['citizenA'],
    // Rating a dossier not yet returned: the owner reaches it and is told the state is wrong.
    acceptedAlso: [409],
    request: (fx) => ({
      url: `/api/v1/dossiers/${fx.dossierA.code}/actions`,
      body: { action: 'rate', lockVersion: 0, rating: 5 },
    }),
  },
  'GET /api/v1/dossiers/{code}/payments': {
    allowed: ['citizenA'],
    request: (fx) => ({ url: `/api/v1/dossiers/${fx.dossierA.code}/payments` }),
  },
  // The fixture's birth registration owes nothing: the owner reaches it and is told so (409).
  'POST /api/v1/dossiers/{code}/payments': {
    allowed: ['citizenA'],
    acceptedAlso: [409],
    request: (fx) => ({ url: `/api/v1/dossiers/${fx.dossierA.code}/payments` }),
  },
  // The fixture's dossier has no paid payment, so everyone gets 404 here; the owner's receipt and
  // a stranger's refusal on a paid one are tested in test/payments.test.ts.
  'GET /api/v1/dossiers/{code}/payments/{txnRef}/receipt': {
    allowed: ['citizenA'],
    acceptedAlso: [404],
    request: (fx) => ({ url: `/api/v1/dossiers/${fx.dossierA.code}/payments/NONE/receipt` }),
  },
  // The ward's desk and administrator read its reconciliation; the system administrator every agency's.
  'GET /api/v1/officer/payments/reconciliation': {
    allowed: allowedByPolicy('payment.reconcile', WARD_H29),
    request: (fx) => ({
      url: `/api/v1/officer/payments/reconciliation?agencyId=${fx.agencyH29}&date=2026-11-23`,
    }),
  },
  'GET /api/v1/officer/payments/reconciliation/xlsx': {
    allowed: allowedByPolicy('payment.reconcile', WARD_H29),
    request: (fx) => ({
      url: `/api/v1/officer/payments/reconciliation/xlsx?agencyId=${fx.agencyH29}&date=2026-11-23`,
    }),
  },
  // No such payment: 404 to the agencies' leaders and administrators, refused before to the rest;
  // a refund, its conditions and a stranger's refusal are tested in test/payments.test.ts.
  'POST /api/v1/officer/payments/{txnRef}/refund': {
    allowed: allowedSomewhereByPolicy('payment.refund'),
    acceptedAlso: [404],
    request: () => ({
      url: '/api/v1/officer/payments/NONE/refund',
      body: { reason: 'Hồ sơ bị từ chối, hoàn trả lệ phí' },
    }),
  },
  // Results. The fixture's dossier has no result yet (404 to everyone on reads) and is not being
  // processed (409 to those who may draft); reaching a result of one's own and being refused
  // another's are tested in test/results.test.ts.
  'GET /api/v1/officer/dossiers/{dossierId}/result': {
    allowed: agencyInbox,
    acceptedAlso: [404],
    request: (fx) => ({ url: `/api/v1/officer/dossiers/${fx.dossierA.id}/result` }),
  },
  'GET /api/v1/officer/dossiers/{dossierId}/result/pdf': {
    allowed: agencyInbox,
    acceptedAlso: [404],
    request: (fx) => ({ url: `/api/v1/officer/dossiers/${fx.dossierA.id}/result/pdf?kind=draft` }),
  },
  'POST /api/v1/officer/dossiers/{dossierId}/result/draft': {
    allowed: allowedByPolicy('result.draft', WARD_H29),
    acceptedAlso: [409],
    request: (fx) => ({ url: `/api/v1/officer/dossiers/${fx.dossierA.id}/result/draft` }),
  },
  'POST /api/v1/officer/dossiers/{dossierId}/result/upload': {
    allowed: allowedByPolicy('result.draft', WARD_H29),
    acceptedAlso: [409],
    request: (fx) => ({
      url: `/api/v1/officer/dossiers/${fx.dossierA.id}/result/upload`,
      upload: { name: 'ket-qua.pdf', content: fx.pdf, type: 'application/pdf' },
    }),
  },
  'GET /api/v1/dossiers/{code}/result': {
    allowed: ['citizenA'],
    acceptedAlso: [404],
    request: (fx) => ({ url: `/api/v1/dossiers/${fx.dossierA.code}/result` }),
  },
  'GET /api/v1/dossiers/{code}/result/pdf': {
    allowed: ['citizenA'],
    acceptedAlso: [404],
    request: (fx) => ({ url: `/api/v1/dossiers/${fx.dossierA.code}/result/pdf` }),
  },
  // Verification is for anyone holding a document.
  'POST /api/v1/results/verify': {
    allowed: everyone,
    request: (fx) => ({
      url: '/api/v1/results/verify',
      upload: { name: 'ket-qua.pdf', content: fx.pdf, type: 'application/pdf' },
    }),
  },
  // Demo mode only: the demo time-stamping authority, an RFC 3161 service open to anyone.
  'POST /api/v1/timestamps': {
    allowed: everyone,
    request: () => ({
      url: '/api/v1/timestamps',
      raw: { content: timestampQuery(Buffer.alloc(32, 7)).query, type: TIMESTAMP_QUERY },
    }),
  },
  'GET /api/v1/results/verify/{verificationCode}': {
    allowed: everyone,
    acceptedAlso: [404],
    request: () => ({ url: '/api/v1/results/verify/ABCDEFGHJKMN' }),
  },
  // Statistics are public figures: anyone may read them.
  'GET /api/v1/stats/evaluation': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/stats/evaluation?period=live' }),
  },
  'PUT /api/v1/admin/evaluation/indicators/{code}': {
    allowed: allowedEverywhereByPolicy('evaluation.manage'),
    request: () => ({
      url: '/api/v1/admin/evaluation/indicators/online.payment',
      body: { points: 6 },
    }),
  },
  'GET /api/v1/stats/popular-procedures': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/stats/popular-procedures' }),
  },
  'GET /api/v1/stats/agencies': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/stats/agencies?period=2026-11' }),
  },
  'GET /api/v1/stats/agencies/{code}': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/stats/agencies/000.00.31.H29?period=2026' }),
  },
  // The dossiers behind a figure: those who answer for the ward's figures (its administrator and
  // leader) and the national office; not the desk, nor another agency.
  'GET /api/v1/stats/agencies/{code}/dossiers': {
    allowed: allowedByPolicy('stats.drill', WARD_H29),
    identifiersVisibleTo: allowedByPolicy('stats.drill', WARD_H29),
    request: () => ({
      url: '/api/v1/stats/agencies/000.00.31.H29/dossiers?period=live&measure=received',
    }),
  },
  // Monthly reports: the ward's administrator (and leader) for the ward, the national office for
  // every agency; not the desk, nor another agency. Sending is last among them: once sent, a
  // second sender is told it was (409).
  'GET /api/v1/reports/monthly': {
    allowed: allowedByPolicy('report.read', WARD_H29),
    request: () => ({ url: '/api/v1/reports/monthly?agency=000.00.31.H29&month=2026-10' }),
  },
  'GET /api/v1/reports/monthly/file': {
    allowed: allowedByPolicy('report.read', WARD_H29),
    request: () => ({
      url: '/api/v1/reports/monthly/file?agency=000.00.31.H29&month=2026-10&format=xlsx',
    }),
  },
  'GET /api/v1/reports/monthly/archive': {
    allowed: allowedByPolicy('report.read', WARD_H29),
    request: () => ({ url: '/api/v1/reports/monthly/archive?agency=000.00.31.H29' }),
  },
  'POST /api/v1/reports/monthly': {
    allowed: allowedByPolicy('report.submit', WARD_H29),
    acceptedAlso: [409],
    request: () => ({
      url: '/api/v1/reports/monthly',
      body: { agency: '000.00.31.H29', month: '2026-10' },
    }),
  },
  // The gateway's calls: public, judged by their signature (an unsigned one is answered 97 / 400).
  'GET /api/v1/payments/vnpay/ipn': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/payments/vnpay/ipn?vnp_TxnRef=X&vnp_Amount=100' }),
  },
  'POST /api/v1/payments/vnpay/return': {
    allowed: everyone,
    acceptedAlso: [400],
    request: () => ({
      url: '/api/v1/payments/vnpay/return',
      body: { vnp_TxnRef: 'X', vnp_Amount: '100', vnp_SecureHash: '00' },
    }),
  },
  // After the reception above, the dossier has its receipt.
  'GET /api/v1/officer/dossiers/{dossierId}/forms/{form}': {
    allowed: agencyInbox,
    request: (fx) => ({ url: `/api/v1/officer/dossiers/${fx.dossierA.id}/forms/receipt` }),
  },
  'GET /api/v1/dossiers/{code}/forms/{form}': {
    allowed: ['citizenA'],
    request: (fx) => ({ url: `/api/v1/dossiers/${fx.dossierA.code}/forms/receipt` }),
  },
  'GET /api/v1/notifications': {
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/v1/notifications' }),
  },
  'POST /api/v1/notifications/read': {
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/v1/notifications/read' }),
  },
  'GET /api/v1/calendar/{year}': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/calendar/2026' }),
  },
  'PUT /api/v1/admin/calendar/overrides': {
    allowed: allowedEverywhereByPolicy('calendar.manage'),
    request: () => ({
      url: '/api/v1/admin/calendar/overrides',
      body: { date: '2031-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam' },
    }),
  },
  'DELETE /api/v1/admin/calendar/overrides/{date}': {
    allowed: allowedEverywhereByPolicy('calendar.manage'),
    request: () => ({ url: '/api/v1/admin/calendar/overrides/2031-11-24' }),
  },

  'POST /api/v1/admin/agencies/merge': {
    allowed: allowedEverywhereByPolicy('agency.reorganise'),
    request: (fx) => ({ url: '/api/v1/admin/agencies/merge', body: fx.merger }),
  },

  'GET /api/v1/admin/services': {
    allowed: OFFICERS,
    request: () => ({ url: '/api/v1/admin/services' }),
  },
  'GET /api/v1/admin/procedures': {
    allowed: OFFICERS,
    request: () => ({ url: '/api/v1/admin/procedures' }),
  },
  'GET /api/v1/admin/services/{serviceId}': {
    allowed: wardDesigners,
    request: (fx) => ({ url: `/api/v1/admin/services/${fx.serviceH29}` }),
  },
  'GET /api/v1/admin/catalog/export': {
    allowed: allowedSomewhereByPolicy('catalog.export'),
    request: () => ({ url: '/api/v1/admin/catalog/export?format=json' }),
  },
  'POST /api/v1/admin/catalog/import': {
    // a services-only file for the ward of Sài Gòn: its administrator, and the instance's system
    // administrator who loads catalogs for every agency
    allowed: union(wardDesigners, allowedEverywhereByPolicy('catalog.procedures')),
    refusedAlso: [400],
    request: (fx) => ({
      url: '/api/v1/admin/catalog/import',
      upload: { name: 'dich-vu.json', content: fx.serviceImportH29, type: 'application/json' },
    }),
  },
  'POST /api/v1/admin/services': {
    allowed: wardDesigners,
    request: (fx) => ({
      url: '/api/v1/admin/services',
      body: { agencyId: fx.agencyH29, procedureId: fx.unofferedProcedure, onlineLevel: 'partial' },
    }),
  },
  'PUT /api/v1/admin/services/{serviceId}/draft': {
    allowed: wardDesigners,
    request: (fx) => ({ url: `/api/v1/admin/services/${fx.serviceH29}/draft`, body: fx.draftH29 }),
  },
  'POST /api/v1/admin/services/{serviceId}/templates': {
    allowed: wardDesigners,
    request: (fx) => ({
      url: `/api/v1/admin/services/${fx.serviceH29}/templates`,
      upload: { name: 'mau.pdf', content: fx.pdf, type: 'application/pdf' },
    }),
  },
  'POST /api/v1/admin/services/{serviceId}/publish': {
    allowed: wardDesigners,
    request: (fx) => ({ url: `/api/v1/admin/services/${fx.serviceH29}/publish` }),
  },
  'POST /api/v1/admin/services/{serviceId}/unpublish': {
    allowed: wardDesigners,
    request: (fx) => ({ url: `/api/v1/admin/services/${fx.serviceH29}/unpublish` }),
  },

  'GET /api/v1/admin/officers': {
    allowed: OFFICERS,
    request: () => ({ url: '/api/v1/admin/officers' }),
  },
  'POST /api/v1/admin/officers': {
    allowed: wardOfficerManagers,
    request: (fx, persona) => ({
      url: '/api/v1/admin/officers',
      body: {
        fullName: 'Cán bộ Kiểm Thử',
        username: `matrix.${persona.toLowerCase()}`,
        email: null,
        agencyId: fx.agencyH29,
        role: 'reception',
        includeSubAgencies: false,
      },
    }),
  },
  'POST /api/v1/admin/officers/{officerId}/reset-password': {
    allowed: wardOfficerManagers,
    request: (fx) => ({
      url: `/api/v1/admin/officers/${fx.managedOfficer}/reset-password`,
      body: { resetTotp: false },
    }),
  },
  'POST /api/v1/admin/officers/{officerId}/roles': {
    allowed: wardOfficerManagers,
    request: (fx) => ({
      url: `/api/v1/admin/officers/${fx.managedOfficer}/roles`,
      body: { agencyId: fx.agencyH29, role: 'leader', includeSubAgencies: false },
    }),
  },
  'POST /api/v1/admin/officers/{officerId}/roles/revoke': {
    allowed: wardOfficerManagers,
    request: async (fx) => {
      await fx.ensureDepartmentHeadRole();
      return {
        url: `/api/v1/admin/officers/${fx.managedOfficer}/roles/revoke`,
        body: { agencyId: fx.agencyH29, role: 'department_head' },
      };
    },
  },

  'GET /api/v1/admin/audit': {
    // the national audit sees which dossiers were touched, by id and code, not what is in them
    allowed: allowedSomewhereByPolicy('audit.read'),
    identifiersVisibleTo: allowedEverywhereByPolicy('audit.read'),
    request: () => ({ url: '/api/v1/admin/audit' }),
  },
  'GET /api/v1/admin/audit/verify': {
    allowed: allowedEverywhereByPolicy('audit.verify'),
    request: () => ({ url: '/api/v1/admin/audit/verify' }),
  },

  // Sign-in routes are public by nature: the credentials or the token are the authority.
  'POST /api/v1/auth/demo/sign-in': {
    allowed: everyone,
    request: (fx) => ({ url: '/api/v1/auth/demo/sign-in', body: { accountId: fx.accountOfA } }),
  },
  'POST /api/v1/auth/officer/sign-in': {
    allowed: everyone,
    request: (fx) => ({
      url: '/api/v1/auth/officer/sign-in',
      body: { username: 'chau.lm', password: fx.officerPassword },
    }),
  },
  'POST /api/v1/auth/officer/change-password': {
    allowed: [],
    refusedAlso: [401],
    request: () => ({
      url: '/api/v1/auth/officer/change-password',
      body: { attemptToken: 'not-an-attempt', newPassword: 'sông Hồng mùa lũ về' },
    }),
  },
  'POST /api/v1/auth/officer/totp': {
    allowed: [],
    request: () => ({
      url: '/api/v1/auth/officer/totp',
      body: { attemptToken: 'not-an-attempt', code: '123456' },
    }),
  },
  'GET /api/v1/auth/oidc/start': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/auth/oidc/start?returnTo=/ho-so-cua-toi' }),
  },
  'GET /api/v1/auth/oidc/callback': {
    // without the state it started, nobody gets a session: back to the sign-in page
    allowed: everyone,
    request: () => ({ url: '/api/v1/auth/oidc/callback?code=x&state=forged' }),
  },

  // Other systems: a bearer token or nothing; no person's session opens these.
  'POST /api/v1/oauth/token': {
    allowed: [],
    request: () => ({
      url: '/api/v1/oauth/token',
      body: { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'nothing' },
    }),
  },
  // An agency system's public keys for the national portal (decision 0017).
  'GET /api/v1/federation/jwks.json': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/federation/jwks.json' }),
  },
  // The synchronisation's state and its retry: the system administrator. No cursor exists yet in
  // the matrix's world, so the retry finds no destination (404) for the one allowed.
  'GET /api/v1/admin/federation/status': {
    allowed: allowedEverywhereByPolicy('federation.members'),
    request: () => ({ url: '/api/v1/admin/federation/status' }),
  },
  'POST /api/v1/admin/federation/destinations/{destination}/retry': {
    allowed: allowedEverywhereByPolicy('federation.members'),
    acceptedAlso: [404],
    request: () => ({ url: '/api/v1/admin/federation/destinations/hub/retry' }),
  },
  // An agency's webhooks: its administrator's, at that agency only.
  'GET /api/v1/admin/webhooks': {
    allowed: allowedSomewhereByPolicy('webhook.manage'),
    request: () => ({ url: '/api/v1/admin/webhooks' }),
  },
  'POST /api/v1/admin/webhooks': {
    allowed: allowedByPolicy('webhook.manage', WARD_H29),
    request: (fx) => ({
      url: '/api/v1/admin/webhooks',
      body: {
        agencyId: fx.agencyH29,
        url: 'https://hooks.example.gov.vn/opendvc',
        eventTypes: ['dossier.progress'],
      },
    }),
  },
  'DELETE /api/v1/admin/webhooks/{id}': {
    allowed: allowedByPolicy('webhook.manage', WARD_H29),
    request: (fx) => ({ url: `/api/v1/admin/webhooks/${fx.webhookToRemoveH29}` }),
  },
  'POST /api/v1/admin/webhooks/{id}/retry': {
    allowed: allowedByPolicy('webhook.manage', WARD_H29),
    request: (fx) => ({ url: `/api/v1/admin/webhooks/${fx.webhookH29}/retry` }),
  },
  'POST /api/v1/admin/webhooks/{id}/replay': {
    allowed: allowedByPolicy('webhook.manage', WARD_H29),
    request: (fx) => ({
      url: `/api/v1/admin/webhooks/${fx.webhookH29}/replay`,
      body: { fromSeq: 1 },
    }),
  },
  'GET /api/v1/admin/webhooks/{id}/deliveries': {
    allowed: allowedByPolicy('webhook.manage', WARD_H29),
    request: (fx) => ({ url: `/api/v1/admin/webhooks/${fx.webhookH29}/deliveries` }),
  },
  'GET /.well-known/jwks.json': {
    allowed: everyone,
    request: () => ({ url: '/.well-known/jwks.json' }),
  },
  'GET /api/v1/machine/dossiers': {
    allowed: [],
    request: () => ({ url: '/api/v1/machine/dossiers?since=2020-01-01T00:00:00Z' }),
  },

  // Feedback (phản ánh, kiến nghị): anyone sends; the sender alone reads theirs; the desks and the
  // competent agency's officers handle it; the published answers, the figures and Open311 are public.
  'GET /api/v1/feedback/categories': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/feedback/categories' }),
  },
  'GET /api/v1/feedback/mine': {
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/v1/feedback/mine' }),
  },
  'GET /api/v1/feedback/{code}': {
    allowed: ['citizenA'],
    request: (fx) => ({ url: `/api/v1/feedback/${fx.feedbackOpen.code}` }),
  },
  'GET /api/v1/feedback/{code}/files/{fileId}': {
    allowed: ['citizenA'],
    request: (fx) => ({
      url: `/api/v1/feedback/${fx.feedbackOpen.code}/files/${fx.feedbackOpen.fileId}`,
    }),
  },
  'GET /api/v1/public/feedback': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/public/feedback?q=phan anh' }),
  },
  'GET /api/v1/stats/feedback': {
    allowed: everyone,
    request: () => ({ url: '/api/v1/stats/feedback?period=2026' }),
  },
  'GET /api/v1/stats/feedback/items': {
    allowed: allowedByPolicy('stats.drill', WARD_H29),
    identifiersVisibleTo: allowedByPolicy('stats.drill', WARD_H29),
    request: () => ({
      url: '/api/v1/stats/feedback/items?period=live&agencyCode=000.00.31.H29&measure=received',
    }),
  },
  'GET /api/v1/officer/feedback': {
    allowed: OFFICERS,
    identifiersVisibleTo: feedbackReaders,
    request: () => ({ url: '/api/v1/officer/feedback?view=desk' }),
  },
  'GET /api/v1/officer/feedback/{code}': {
    allowed: feedbackReaders,
    identifiersVisibleTo: feedbackReaders,
    request: (fx) => ({ url: `/api/v1/officer/feedback/${fx.feedbackOpen.code}` }),
  },
  'GET /api/v1/officer/feedback/{code}/files/{fileId}': {
    allowed: feedbackReaders,
    request: (fx) => ({
      url: `/api/v1/officer/feedback/${fx.feedbackOpen.code}/files/${fx.feedbackOpen.fileId}`,
    }),
  },
  'GET /api/v1/officer/dossiers/{code}/feedback': {
    allowed: allowedByPolicy('feedback.read', WARD_H29),
    request: (fx) => ({ url: `/api/v1/officer/dossiers/${fx.dossierA.code}/feedback` }),
  },
  'GET /api/open311/v2/services.json': {
    allowed: everyone,
    request: () => ({ url: '/api/open311/v2/services.json' }),
  },
  'GET /api/open311/v2/services/{service_code}.json': {
    allowed: everyone,
    request: () => ({ url: '/api/open311/v2/services/giai-quyet-ho-so.json' }),
  },
  'GET /api/open311/v2/requests.json': {
    allowed: everyone,
    request: () => ({ url: '/api/open311/v2/requests.json?status=open' }),
  },
  'GET /api/open311/v2/requests/{id}.json': {
    allowed: everyone,
    request: (fx) => ({ url: `/api/open311/v2/requests/${fx.feedbackOpen.code}.json` }),
  },
  'POST /api/v1/feedback/files': {
    allowed: everyone,
    request: (fx) => ({
      url: '/api/v1/feedback/files',
      upload: { name: 'anh.pdf', content: fx.pdf, type: 'application/pdf' },
    }),
  },
  'POST /api/v1/feedback': {
    allowed: everyone,
    request: async (fx, persona) => {
      const photo = await fx.feedbackUpload();
      return {
        url: '/api/v1/feedback',
        body: {
          categoryCode: 'quy-dinh-hanh-chinh',
          title: `Kiến nghị của ${persona}`,
          content: `Kiến nghị đơn giản hóa giấy tờ, gửi bởi ${persona} ${persona} ${persona}`,
          senderName: 'Người dân gửi ẩn danh',
          phone: '0901234567',
          consentToPublish: true,
          attachments: [photo],
        },
      };
    },
  },
  'POST /api/open311/v2/requests.json': {
    allowed: everyone,
    request: (_fx, persona) => ({
      url: '/api/open311/v2/requests.json',
      raw: {
        content: Buffer.from(
          new URLSearchParams({
            service_code: 'dich-vu-cong-truc-tuyen',
            address_string: 'Phường Sài Gòn',
            email: `${persona.toLowerCase()}@example.vn`,
            description: `Trang dịch vụ công báo lỗi khi thanh toán, báo bởi ${persona}`,
          }).toString(),
        ),
        type: 'application/x-www-form-urlencoded',
      },
    }),
  },
  'POST /api/v1/feedback/{code}/rating': {
    allowed: ['citizenA'],
    request: (fx) => ({
      url: `/api/v1/feedback/${fx.feedbackAnswered}/rating`,
      body: { satisfied: true },
    }),
  },
  'POST /api/v1/officer/feedback/{code}/actions': {
    // extending once: the desk and the leader of the ward may; the second of them finds it done
    allowed: union(
      allowedByPolicy('feedback.desk', WARD_H29),
      allowedByPolicy('feedback.approve', WARD_H29),
    ),
    acceptedAlso: [409],
    request: (fx) => ({
      url: `/api/v1/officer/feedback/${fx.feedbackOpen.code}/actions`,
      body: { action: 'extend', reason: 'Cần xác minh thêm với bộ phận một cửa' },
    }),
  },

  'GET /api/v1/auth/sessions': {
    allowed: SIGNED_IN,
    request: () => ({ url: '/api/v1/auth/sessions' }),
  },
  'POST /api/v1/auth/sessions/{sessionId}/revoke': {
    // another session of citizen A: nobody else may end it
    allowed: ['citizenA'],
    request: async (fx) => ({
      url: `/api/v1/auth/sessions/${await fx.otherSessionOfA()}/revoke`,
    }),
  },
  'POST /api/v1/auth/sign-out': {
    allowed: SIGNED_IN,
    endsSession: true,
    request: () => ({ url: '/api/v1/auth/sign-out' }),
  },
  'POST /api/v1/auth/sign-out-everywhere': {
    allowed: SIGNED_IN,
    endsSession: true,
    request: () => ({ url: '/api/v1/auth/sign-out-everywhere' }),
  },
};
