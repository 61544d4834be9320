import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFileName } from '../src/server/platform/uploads.ts';
import { birthRegistrationForm, countDossiers, findServiceId } from './helpers/factories.ts';
import { freePort } from './helpers/server-process.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let citizen: Caller;
let url: string;
beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${String(port)}`;
  t = await createTestApp({ PUBLIC_URL: url, UPLOAD_MAX_BYTES: String(64 * 1024) });
  await t.app.listen({ host: '127.0.0.1', port });
  citizen = await t.signIn('Nguyễn Văn An');
});
afterAll(() => t.close());

async function storedFileCount() {
  const walk = async (dir: string): Promise<number> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    let count = 0;
    for (const entry of entries)
      count += entry.isDirectory() ? await walk(`${dir}/${entry.name}`) : 1;
    return count;
  };
  return walk(t.filesDir);
}

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown> },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
}

describe('strings and numbers no database can take', () => {
  it('refuses a NUL character in a search with 400 naming the field', async () => {
    const response = await t.anonymous.get('/api/v1/catalog/services?q=khai%00sinh');
    expectProblem(response, 400);
    expect(response.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('/q');
  });

  it('refuses a lone surrogate in a stored value, and stores nothing', async () => {
    const serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
    const before = await countDossiers(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...citizen.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({
        serviceId,
        formData: { ...birthRegistrationForm, noiSinh: 'Bệnh viện \ud800' },
        documents: [],
      }), // JSON.stringify writes the lone surrogate as the escape \ud800
    });
    expectProblem(response, 400);
    expect(response.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe(
      '/formData/noiSinh',
    );
    expect(await countDossiers(t)).toBe(before);
  });

  it('refuses Infinity and 1e309 in paging and path numbers', async () => {
    expectProblem(await t.anonymous.get('/api/v1/catalog/services?page=1e309'), 400);
    expectProblem(await t.anonymous.get('/api/v1/catalog/services?page=Infinity'), 400);
    expectProblem(await t.anonymous.get('/api/v1/calendar/-Infinity'), 400);
  });

  it('refuses form data nested 5,000 deep and undeclared form fields', async () => {
    const serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const nested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...citizen.headers, 'content-type': 'application/json' },
      payload: `{"serviceId":"${serviceId}","documents":[],"formData":${deep}}`,
    });
    expectProblem(nested, 400);

    const upload = await citizen.upload('giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf');
    const undeclared = await citizen.post('/api/v1/dossiers', {
      serviceId,
      formData: { ...birthRegistrationForm, ghiChuAn: 'x'.repeat(1000) },
      documents: [{ documentKey: 'giay-chung-sinh', fileId: upload.json<{ id: string }>().id }],
    });
    expectProblem(undeclared, 400);
    expect(undeclared.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(
      '/formData/ghiChuAn',
    );
  });

  it('answers the OAuth token endpoint with RFC 6749 errors whatever the body', async () => {
    for (const payload of ['{', '{"scope": 5}', '{"grant_type": "a\\u0000"}']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/oauth/token',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });
});

describe('uploads', () => {
  it('refuses a file over the limit with 413 and stores nothing', async () => {
    const before = await storedFileCount();
    const big = Buffer.concat([SAMPLE_PDF, Buffer.alloc(80 * 1024, 0x20)]);
    const response = await citizen.upload('lon.pdf', big, 'application/pdf');
    expectProblem(response, 413);
    expect(response.json<{ detail: string }>().detail).toMatch(/tối đa/);
    expect(await storedFileCount()).toBe(before);
  });

  it('refuses malformed multipart with 400 on every upload route, the anonymous verification too', async () => {
    const routes = ['/api/v1/files', '/api/v1/results/verify'];
    for (const route of routes)
      for (const [contentType, body] of [
        ['multipart/form-data', '--x\r\n\r\n'],
        [
          'multipart/form-data; boundary=x',
          '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF',
        ],
        ['text/plain', 'x'],
      ] as const) {
        const response = await t.app.inject({
          method: 'POST',
          url: route,
          headers: { ...citizen.headers, 'content-type': contentType },
          payload: body,
        });
        expect([400, 415], `${route} ${contentType}`).toContain(response.statusCode);
        expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      }
  });

  it('keeps file names free of control and bidirectional characters', async () => {
    expect(safeFileName('hoa\u202edon.pdf')).toBe('hoadon.pdf');
    expect(safeFileName('a\u0000b\r\n.pdf')).toBe('ab.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('\ud800')).toBe('tep-dinh-kem');
    expect(safeFileName('Giấy khai sinh.pdf'.normalize('NFD'))).toBe('Giấy khai sinh.pdf');
    const response = await citizen.upload('giay\u202efdp.exe.pdf', SAMPLE_PDF, 'application/pdf');
    expect(response.statusCode).toBe(201);
    expect(response.json<{ fileName: string }>().fileName).toBe('giayfdp.exe.pdf');
  });
});

describe('what Node refuses before routing', () => {
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const request = httpRequest(`${url}${path}`, { headers }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: String(response.headers['content-type']),
            body,
          }),
        );
      });
      request.on('error', reject);
      request.end();
    });

  it('answers an address that does not decode, a too-long parameter and oversized headers with problem JSON', async () => {
    const badUrl = await raw('/api/v1/dossiers/%ed%a0%80');
    expect(badUrl.status).toBe(400);
    expect(badUrl.type).toMatch(/^application\/problem\+json/);

    // 414 from the router's parameter limit; 404 when the built web app's catch-all takes it.
    const long = await raw(`/api/v1/public/dossiers/${'x'.repeat(3000)}`);
    expect([404, 414]).toContain(long.status);
    expect(long.type).toMatch(/^application\/problem\+json/);

    const headers = await raw('/health', { 'x-big': 'y'.repeat(20_000) });
    expect(headers.status).toBe(431);
    expect(headers.type).toMatch(/^application\/problem\+json/);
  });
});
