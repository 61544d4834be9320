import type { Static, TSchema } from 'typebox';
import { translateNow } from './i18n.tsx';
import type * as catalog from '../server/modules/catalog/schemas.ts';
import type * as dossiers from '../server/modules/dossiers/schemas.ts';
import type * as notifications from '../server/modules/notifications/schemas.ts';
import type * as payments from '../server/modules/payments/schemas.ts';
import type * as results from '../server/modules/results/schemas.ts';
import type { PortalInfo } from '../server/portal-schema.ts';
import type { FeeSchedule } from '../domain/fees.ts';
import type { DossierChannel } from '../domain/dossier-lifecycle.ts';
import type { Indicators } from '../domain/indicators.ts';
import type { DrillMeasure } from '../domain/stats-drill.ts';

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
export type RequiredDocument = Answer<typeof catalog.RequiredDocument>;
export type ServiceDetail = Answer<typeof catalog.ServiceDetail>;
export type DossierSummary = Answer<typeof dossiers.DossierSummary>;
export type DossierDetail = Answer<typeof dossiers.DossierDetail>;
export type SubmittedDossier = Answer<typeof dossiers.SubmittedDossier>;
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

export type Portal = Answer<typeof PortalInfo>;

// Shapes not yet derived from a schema.
export type Me = {
  id: string;
  kind: 'citizen' | 'officer';
  fullName: string;
  citizenId: string | null;
  birthDate: string | null;
  sex: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  taxCode: string | null;
  roles: { agencyId: string; agencyName: string; role: string; includeSubAgencies: boolean }[];
  csrfToken: string;
};
export const templateUrl = (templateId: string) => `/api/v1/catalog/templates/${templateId}`;
export type DossierStatus = import('../domain/dossier-lifecycle.ts').DossierStatus;
export type DeadlineStatus = import('../domain/deadline.ts').DeadlineStatus;
export type DossierAction = import('../domain/dossier-lifecycle.ts').DossierAction;
export type MonthlyReport = import('../domain/monthly-report.ts').MonthlyReport & {
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  late: boolean | null;
};

export type InboxPage = { items: DossierSummary[]; page: number; hasMore: boolean };
export type Agency = {
  id: string;
  code: string | null;
  name: string;
  level: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  successorId: string | null;
};
export type ManagedServiceSummary = {
  id: string;
  status: 'draft' | 'published' | 'unpublished';
  onlineLevel: 'full' | 'partial';
  procedureCode: string;
  procedureName: string;
  agencyName: string;
  publishedVersion: number | null;
  draftVersion: number | null;
};
export type ServiceVersion = {
  id: string;
  version: number;
  formSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  requiredDocuments: RequiredDocument[];
  processingDays: number;
  feeVnd: number;
  feeSchedule: FeeSchedule;
  paymentOnline: boolean;
  resultOnline: boolean;
  resultTemplate: { title: string; body: string } | null;
  publishedAt: string | null;
  createdAt: string;
};
export type ManagedServiceDetail = Omit<
  ManagedServiceSummary,
  'publishedVersion' | 'draftVersion'
> & {
  agencyId: string;
  versions: ServiceVersion[];
};

export type StatsPeriodInfo = {
  key: string;
  kind: string;
  from: string;
  to: string;
  label: string;
};
export type StatsAgency = { id: string; code: string | null; name: string; level: string };

export type StatsRanking = {
  period: StatsPeriodInfo;
  indicator: string;
  national: Indicators;
  agencies: (StatsAgency & { rank: number; laggard: boolean; indicators: Indicators })[];
};

export type DossiersBehind = {
  period: StatsPeriodInfo;
  agency: StatsAgency;
  measure: DrillMeasure;
  field: string | null;
  procedure: string | null;
  total: number;
  page: number;
  pageSize: number;
  dossiers: {
    id: string;
    code: string;
    procedureCode: string;
    procedureName: string;
    agencyName: string;
    channel: DossierChannel;
    status: DossierStatus;
    receivedAt: string | null;
    dueAt: string | null;
    finishedAt: string | null;
    countedAt: string | null;
  }[];
};

export type AgencyStats = {
  period: StatsPeriodInfo;
  agency: StatsAgency;
  indicators: Indicators;
  units: (StatsAgency & { indicators: Indicators })[];
  field: string | null;
  fields: { field: string; indicators: Indicators }[];
  procedures: { id: string; code: string; name: string; indicators: Indicators }[];
  trend: {
    month: string;
    received: number;
    receivedOnline: number;
    finished: number;
    finishedOnTime: number;
  }[];
};
