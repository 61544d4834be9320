import { birthRegistrationForm, marriageRegistrationForm } from './factories.ts';
import { SAMPLE_PDF } from './test-app.ts';

/** Headers a signed-in citizen sends to a running server: the session cookie and the CSRF token. */
export type CitizenHeaders = { cookie: string; 'x-csrf-token': string };

/** Signs a demo person in to a running server over HTTP (demo sign-in); their id and headers. */
export async function signInDemo(
  url: string,
  fullName: string,
): Promise<{ accountId: string; headers: CitizenHeaders }> {
  const accounts = (await (await fetch(`${url}/api/v1/auth/demo/accounts`)).json()) as {
    id: string;
    fullName: string;
  }[];
  const account = accounts.find((a) => a.fullName === fullName);
  if (!account) throw new Error(`no demo account ${fullName}`);
  const response = await fetch(`${url}/api/v1/auth/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: account.id }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie } })).json()) as {
    account: { csrfToken: string };
  };
  return { accountId: account.id, headers: { cookie, 'x-csrf-token': me.account.csrfToken } };
}

/** Signs the demo citizen Nguyễn Văn An in to a running server over HTTP (demo sign-in). */
export async function signInDemoCitizen(url: string): Promise<CitizenHeaders> {
  return (await signInDemo(url, 'Nguyễn Văn An')).headers;
}

/** The id of the first published birth-registration service. */
export async function birthRegistrationServiceId(url: string) {
  const services = (await (await fetch(`${url}/api/v1/catalog/services?q=khai%20sinh`)).json()) as {
    items: { id: string }[];
  };
  return services.items[0]?.id ?? '';
}

/** Uploads the sample birth certificate; the HTTP status and, on 201, the file id. */
export async function uploadBirthCertificate(url: string, headers: CitizenHeaders) {
  const form = new FormData();
  form.append('file', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'giay-chung-sinh.pdf');
  const response = await fetch(`${url}/api/v1/files`, { method: 'POST', headers, body: form });
  const body = (await response.json()) as { id?: string };
  return { status: response.status, fileId: response.status === 201 ? body.id : undefined };
}

export type SubmissionOutcome = {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  contentType: string | null;
};

/** Submits a birth registration over HTTP; status 0 when the connection itself failed. */
export function submitBirthRegistrationOver(
  url: string,
  headers: CitizenHeaders,
  serviceId: string,
  fileId: string,
): Promise<SubmissionOutcome> {
  return submitOver(url, headers, {
    serviceId,
    formData: birthRegistrationForm,
    documents: [{ documentKey: 'giay-chung-sinh', fileId }],
  });
}

/** The id of the marriage registration of Phường Sài Gòn (000.00.31.H29), which needs no file. */
export async function marriageRegistrationServiceId(url: string) {
  const services = (await (await fetch(`${url}/api/v1/catalog/services?q=ket%20hon`)).json()) as {
    items: { id: string; agency: { code: string } }[];
  };
  const id = services.items.find((s) => s.agency.code === '000.00.31.H29')?.id;
  if (!id) throw new Error('no marriage registration at Phường Sài Gòn');
  return id;
}

/** Submits a marriage registration, with no file, over HTTP; status 0 when the connection failed. */
export function submitMarriageRegistrationOver(
  url: string,
  headers: CitizenHeaders,
  serviceId: string,
): Promise<SubmissionOutcome> {
  return submitOver(url, headers, { serviceId, formData: marriageRegistrationForm, documents: [] });
}

async function submitOver(
  url: string,
  headers: CitizenHeaders,
  application: unknown,
): Promise<SubmissionOutcome> {
  try {
    const response = await fetch(`${url}/api/v1/dossiers`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(application),
    });
    const text = await response.text();
    return {
      status: response.status,
      code: response.status === 201 ? (JSON.parse(text) as { code: string }).code : undefined,
      retryAfter: response.headers.get('retry-after'),
      contentType: response.headers.get('content-type'),
    };
  } catch {
    return { status: 0, code: undefined, retryAfter: null, contentType: null };
  }
}
