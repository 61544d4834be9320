import type { FeeChoice, FeeSchedule } from '../domain/fees.ts';
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
            title: 'Không kết nối được với hệ thống, vui lòng thử lại',
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

// Shapes of the API as the pages use them (the server's TypeBox schemas are the source).
export type Portal = {
  name: string;
  agency: string;
  contact: string;
  demoMode: boolean;
  demoOfficerPassword?: string;
  officersSignInWithOidc: boolean;
  uploadMaxBytes: number;
};
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
export type ServiceSummary = {
  id: string;
  onlineLevel: 'full' | 'partial';
  procedureCode: string;
  procedureName: string;
  field: string;
  agency: { id: string; code: string; name: string };
  processingDays: number;
  feeVnd: number;
};
export type ServicePage = {
  items: ServiceSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** Procedure names close to a query that found nothing. */
  suggestions: string[];
};
export type RequiredDocument = {
  key: string;
  name: string;
  mandatory: boolean;
  accept: string[];
  maxSizeMb?: number;
  template?: { id: string; fileName: string };
};
export const templateUrl = (templateId: string) => `/api/v1/catalog/templates/${templateId}`;
export type ServiceDetail = ServiceSummary & {
  legalBasis: string;
  carriedOutBy: ('central' | 'province' | 'commune')[];
  conditions: string;
  resultType: string;
  versionId: string;
  version: number;
  formSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  requiredDocuments: RequiredDocument[];
  feeSchedule: FeeSchedule;
  paymentOnline: boolean;
};
export type DossierStatus = import('../domain/dossier-lifecycle.ts').DossierStatus;
export type DossierSummary = {
  id: string;
  code: string;
  status: DossierStatus;
  channel: 'online' | 'counter' | 'post';
  procedureCode: string;
  procedureName: string;
  agencyId: string;
  agencyName: string;
  applicantName: string;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  holderAgencyName: string;
  stepName: string | null;
  deadline: DeadlineStatus | null;
};
export type DeadlineStatus = import('../domain/deadline.ts').DeadlineStatus;
export type DossierAction = import('../domain/dossier-lifecycle.ts').DossierAction;
export type Payment = {
  txnRef: string;
  amountVnd: number;
  status: 'pending' | 'paid' | 'failed' | 'refunded';
  createdAt: string;
  settledAt: string | null;
  receiptNo: string | null;
  bankCode: string | null;
};

export type Reconciliation = {
  agencyName: string;
  date: string;
  paidCount: number;
  paidTotalVnd: number;
  pendingCount: number;
  failedCount: number;
  rows: (Pick<Payment, 'txnRef' | 'amountVnd' | 'status' | 'receiptNo' | 'bankCode'> & {
    dossierCode: string;
    procedureName: string;
    gatewayTransactionNo: string | null;
    createdAt: string;
    settledAt: string | null;
    settledBy: string | null;
    refundedAt: string | null;
    refundable: boolean;
  })[];
};

export type MonthlyReport = import('../domain/monthly-report.ts').MonthlyReport & {
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  late: boolean | null;
};

export type ResultDocument = {
  source: 'template' | 'upload';
  preparedAt: string;
  verificationCode: string;
  verificationUrl: string;
  signed: boolean;
  signedAt: string | null;
  signerName: string | null;
};

export type ResultRecord = {
  dossierCode: string;
  agencyName: string;
  procedureName: string;
  signerName: string;
  signedAt: string;
  sha256: string;
  verificationCode: string;
};

export type VerificationReport = {
  verdict: 'valid' | 'untrusted' | 'modified' | 'unsigned';
  signatures: {
    intact: boolean;
    coversWholeFile: boolean;
    trusted: boolean;
    signedAt: string | null;
    timestamp: { time: string; trusted: boolean; authority: string | null } | null;
    revocation: 'good' | 'revoked' | 'unknown';
    signer: {
      commonName: string | null;
      organization: string | null;
      issuer: string | null;
    } | null;
  }[];
  record: ResultRecord | null;
};

export type ReturnedPayment = Payment & { dossierCode: string; responseCode: string };

export type DossierDetail = DossierSummary & {
  lockVersion: number;
  formData: Record<string, unknown>;
  formLabels: Record<string, string>;
  workflow: { name: string; role: string }[];
  stepIndex: number | null;
  stepDueAt: string | null;
  assigneeId: string | null;
  rating: number | null;
  feeDueVnd: number;
  feeOutstanding: boolean;
  feeChoice: FeeChoice | null;
  feeBasis: string | null;
  resultOnline: boolean;
  availableActions: DossierAction[];
  events: {
    id: number;
    action: DossierAction;
    fromStatus: DossierStatus | null;
    toStatus: DossierStatus;
    note: string | null;
    occurredAt: string;
    byOfficer: boolean;
    agencyName: string;
    actorName: string | null;
    details: Record<string, unknown>;
  }[];
  files: {
    id: string;
    documentKey: string | null;
    fileName: string;
    mediaType: string;
    sizeBytes: number;
    sha256: string;
  }[];
};
export type InboxPage = { items: DossierSummary[]; page: number; hasMore: boolean };
export type Notice = {
  id: string;
  title: string;
  body: string;
  dossierCode: string | null;
  createdAt: string;
  read: boolean;
};
export type SubmittedDossier = {
  id: string;
  code: string;
  status: DossierStatus;
  submittedAt: string;
  procedureName: string;
  agencyName: string;
  processingDays: number;
};
/** A citizen's unfinished application, as the server keeps it (dossiers/schemas.ts `Draft`). */
export type DossierDraft = {
  formData: Record<string, unknown>;
  feeChoice?: FeeChoice;
  documents: { documentKey: string; fileId: string; fileName: string }[];
  step: number;
  savedAt: string;
  expiresAt: string;
};
export type SavedDraft = { savedAt: string; expiresAt: string; problems: FieldProblem[] };

export type UploadedFile = {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
};
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
