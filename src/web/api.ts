import type { Static, TSchema } from 'typebox';
import { translateNow } from './i18n.tsx';
import type * as catalogAdmin from '../server/modules/catalog/schemas.admin.ts';
import type * as catalog from '../server/modules/catalog/schemas.ts';
import type * as identity from '../server/modules/identity/schemas.ts';
import type * as integration from '../server/modules/integration/schemas.ts';
import type * as monitoring from '../server/modules/monitoring/schemas.ts';
import type * as dossiers from '../server/modules/dossiers/schemas.ts';
import type * as feedback from '../server/modules/feedback/schemas.ts';
import type * as notifications from '../server/modules/notifications/schemas.ts';
import type * as payments from '../server/modules/payments/schemas.ts';
import type * as results from '../server/modules/results/schemas.ts';
import type { PortalInfo } from '../server/portal-schema.ts';

export type FieldProblem = { field: string; in?: string; code: string; message: string };
export type Problem = {
  title: string;
  status: number;
  detail?: string;
  code: string;
  requestId: string;
  errors?: FieldProblem[];
};

/** A failed API call, carrying the server's problem JSON (RFC 9457). */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
}

let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, {
    method,
    headers,
    body: payload ?? null,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
    throw new ApiError(
      problem?.title
        ? problem
        : {
            title: translateNow('common.networkError'),
            status: response.status,
            code: 'NETWORK',
            requestId: '',
          },
    );
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<undefined>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

/*
 * The API's answers as the pages use them, derived from the server's TypeBox schemas (one contract
 * for both sides): a type-only import, so no server code reaches the browser. Instants the server
 * hands as Date arrive as ISO strings.
 */
type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
type Answer<S extends TSchema> = Wire<Static<S>>;

export type ServiceSummary = Answer<typeof catalog.ServiceSummary>;
export type ServicePage = Answer<typeof catalog.ServicePage>;
export type DeskService = Answer<typeof catalog.DeskService>;
export type ReceivingCenter = Answer<typeof catalog.ReceivingCenter>;
export type ProcedureSummary = Answer<typeof catalog.ProcedureSummary>;
export type ProcedurePage = Answer<typeof catalog.ProcedurePage>;
export type RequiredDocument = Answer<typeof catalog.RequiredDocument>;
export type ServiceDetail = Answer<typeof catalog.ServiceDetail>;
export type DossierSummary = Answer<typeof dossiers.DossierSummary>;
export type DossierDetail = Answer<typeof dossiers.DossierDetail>;
export type SubmittedDossier = Answer<typeof dossiers.SubmittedDossier>;
/** At the national portal: kept until the agency system issues its code (decision 0017). */
export type HandedOverApplication = Answer<typeof dossiers.HandedOverApplication>;
export type SubmissionReceipt = SubmittedDossier | HandedOverApplication;
/** A citizen's unfinished application, as the server keeps it. */
export type DossierDraft = Answer<typeof dossiers.Draft>;
export type SavedDraft = Answer<typeof dossiers.SavedDraft>;
export type UploadedFile = Answer<typeof dossiers.UploadedFile>;
export type Payment = Answer<typeof payments.PaymentSummary>;
export type ReturnedPayment = Answer<typeof payments.ReturnedPayment>;
export type Reconciliation = Answer<typeof payments.Reconciliation>;
export type Notice = Answer<typeof notifications.Notice>;
export type ResultDocument = Answer<typeof results.ResultDocumentView>;
export type ResultRecord = Answer<typeof results.VerificationRecord>;
export type VerificationReport = Answer<typeof results.VerificationReport>;

export type FeedbackCategory = Answer<typeof feedback.FeedbackCategoryView>;
export type SentFeedback = Answer<typeof feedback.SentFeedback>;
export type UploadedFeedbackFile = Answer<typeof feedback.UploadedFeedbackFile>;
export type FeedbackSummary = Answer<typeof feedback.FeedbackSummary>;
export type FeedbackView = Answer<typeof feedback.FeedbackView>;
export type PublicFeedbackPage = Answer<typeof feedback.PublicFeedbackPage>;
export type FeedbackDeskPage = Answer<typeof feedback.DeskPage>;
export type FeedbackDeskDetail = Answer<typeof feedback.DeskDetail>;
export type FeedbackFigures = Answer<typeof feedback.FeedbackFigures>;
export type FeedbackBehindPage = Answer<typeof feedback.FeedbackBehindPage>;

export type Portal = Answer<typeof PortalInfo>;
export type Webhook = Answer<typeof integration.Webhook>;
export type NewWebhookCreated = Answer<typeof integration.NewWebhookCreated>;
export type WebhookDelivery = Answer<typeof integration.WebhookDelivery>;
export type SyncStatus = Answer<typeof integration.SyncStatus>;
export type NationalDossier = Answer<typeof integration.NationalDossier>;
export type NationalDossierDetail = Answer<typeof integration.NationalDossierDetail>;
export type NationalSubmission = Answer<typeof integration.NationalSubmission>;
export type MemberStatus = Answer<typeof integration.MemberStatus>;
export type Me = Answer<typeof identity.Me>;
export type Agency = Answer<typeof catalog.Agency>;
export type AgencyMerger = Answer<typeof catalogAdmin.AgencyMerger>;
export type ManagedServiceSummary = Answer<typeof catalogAdmin.ManagedServiceSummary>;
export type ManagedServiceDetail = Answer<typeof catalogAdmin.ManagedServiceDetail>;
export type ServiceVersion = ManagedServiceDetail['versions'][number];
export type StatsRanking = Answer<typeof monitoring.Ranking>;
export type Evaluation = Answer<typeof monitoring.Evaluation>;
export type EvaluationIndicator = Evaluation['indicators'][number];
export type PopularProcedure = Answer<typeof monitoring.PopularProcedures>[number];
export type StatsPeriodInfo = StatsRanking['period'];
export type DossiersBehind = Answer<typeof monitoring.DossiersBehind>;
export type AgencyStats = Answer<typeof monitoring.AgencyStats>;
export type StatsAgency = AgencyStats['agency'];

export const templateUrl = (templateId: string) => `/api/v1/catalog/templates/${templateId}`;
export type DossierStatus = import('../domain/dossier-lifecycle.ts').DossierStatus;
export type DeadlineStatus = import('../domain/deadline.ts').DeadlineStatus;
export type DossierAction = import('../domain/dossier-lifecycle.ts').DossierAction;

// Shapes not yet derived from a schema: their schemas (reports, processing) import their module's
// services, which the web app's compiler cannot read.
export type MonthlyReport = import('../domain/monthly-report.ts').MonthlyReport & {
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  late: boolean | null;
};
export type InboxPage = { items: DossierSummary[]; page: number; hasMore: boolean };
