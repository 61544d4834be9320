import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import {
  asParameter,
  encodeAny,
  hostileString,
  malformedMultipart,
  operationsOf,
  rawHostileJson,
  valueFor,
  type Operation,
} from './helpers/openapi-fuzz.ts';
import { freePort } from './helpers/server-process.ts';
import { createTestApp, type DemoName, type TestApp } from './helpers/test-app.ts';

// Every operation of the OpenAPI document, called with generated hostile input by every kind of
// caller: no answer may be a 5xx, and every refusal must be problem JSON.
const TOTAL_REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 20_400);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

let t: TestApp;
const known: Record<string, string[]> = {};
beforeAll(async () => {
  // Listening at its public address, so the sign-in start reaches the embedded identity provider.
  const port = await freePort();
  t = await createTestApp({ PUBLIC_URL: `http://127.0.0.1:${String(port)}` });
  await t.app.listen({ host: '127.0.0.1', port });
  const citizen = await t.signIn('Nguyễn Văn An');
  const serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
  const dossier = await submitBirthRegistration(citizen, serviceId);
  const officer = await t.signIn('Lê Minh Châu');
  const detail = (await officer.get('/api/v1/officer/inbox')).json<{
    items: { id: string; code: string }[];
  }>();
  known.code = [dossier.code, 'H29.31-261202-0001'];
  known.dossierId = [dossier.id, ...detail.items.map((d) => d.id).slice(0, 1)];
  known.serviceId = [serviceId];
  known.year = ['2026', '1999'];
  known.form = ['01', '02', '03', '04', '05', '06'];
});
afterAll(() => t.close());

/** Who calls: nobody signed in (undefined), a citizen, a desk officer, administrators. */
const CALLERS: (DemoName | undefined)[] = [
  undefined,
  'Nguyễn Văn An',
  'Lê Minh Châu',
  'Bùi Thị Lan',
  'Trịnh Quốc Việt',
];

type FuzzRequest = {
  caller: number;
  url: string;
  payload?: string | Buffer;
  contentType?: string;
};

function requestsFor(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const queryParameters = operation.parameters.filter((p) => p.in === 'query');
  const pathValues = fc.tuple(
    ...pathParameters.map((p) =>
      fc.oneof(fc.constantFrom(...(known[p.name] ?? ['x'])), valueFor(p.schema).map(asParameter)),
    ),
  );
  const queryValues = fc.tuple(
    ...queryParameters.map((p) =>
      fc.option(valueFor(p.schema).map(asParameter), { nil: undefined }),
    ),
  );
  const body: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> =
    operation.multipart
      ? fc.oneof(
          malformedMultipart,
          rawHostileJson.map((payload) => ({ payload, contentType: 'application/json' })),
        )
      : operation.method === 'GET' || operation.method === 'DELETE'
        ? fc.constant({})
        : fc.oneof(
            {
              weight: 4,
              arbitrary: valueFor(operation.body).map((v) => ({
                payload: JSON.stringify(v),
                contentType: 'application/json',
              })),
            },
            {
              weight: 1,
              arbitrary: rawHostileJson.map((payload) => ({
                payload,
                contentType: 'application/json',
              })),
            },
            {
              weight: 1,
              arbitrary: hostileString.map((s) => ({
                payload: `returnTo=${encodeAny(s)}&username=${encodeAny(s)}`,
                contentType: 'application/x-www-form-urlencoded',
              })),
            },
          );
  return fc
    .tuple(
      fc.nat({ max: CALLERS.length - 1 }),
      pathValues,
      queryValues,
      body,
      fc.option(hostileString, { nil: undefined }),
    )
    .map(([caller, path, query, requestBody, extraQuery]) => {
      let url = operation.path;
      pathParameters.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, encodeAny(path[i] ?? '') || '%20');
      });
      const pairs = queryParameters.flatMap((p, i) =>
        query[i] === undefined ? [] : [`${p.name}=${encodeAny(query[i])}`],
      );
      if (extraQuery !== undefined) pairs.push(`returnTo=${encodeAny(extraQuery)}`);
      return {
        caller,
        url: pairs.length > 0 ? `${url}?${pairs.join('&')}` : url,
        ...requestBody,
      };
    });
}

/**
 * Problem JSON; the OAuth token endpoint answers RFC 6749's own error object (decision 0005), and
 * Open311 its specification's error list (decision 0018).
 */
function isRefusal(
  operation: Operation,
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
) {
  const header = response.headers['content-type'];
  const type = typeof header === 'string' ? header : '';
  // Open311 answers the GeoReport v2 error list: [{ code, description }], code = the status
  if (operation.path.startsWith('/api/open311/'))
    return (
      type.startsWith('application/json') &&
      (JSON.parse(response.body) as { code?: unknown }[])[0]?.code === response.statusCode
    );
  if (operation.path === '/api/v1/oauth/token')
    return (
      type.startsWith('application/json') &&
      typeof (JSON.parse(response.body) as { error?: unknown }).error === 'string'
    );
  return type.startsWith('application/problem+json');
}

describe('fuzzing every operation of the OpenAPI document', () => {
  // 20,000 requests: about a minute alone, several while the other files run beside it.
  it('never answers 5xx, and refuses with problem JSON', { timeout: 600_000 }, async () => {
    const operations = operationsOf(t.app.swagger() as never);
    const perOperation = Math.ceil(TOTAL_REQUESTS / operations.length);
    const failures: string[] = [];
    let sent = 0;
    for (const [index, operation] of operations.entries()) {
      // Fresh sessions per operation: a fuzzed sign-out must not blunt the next operation.
      const callers = await Promise.all(
        CALLERS.map(async (name) => (name === undefined ? undefined : t.signIn(name))),
      );
      const headersOf = (caller: number) => callers[caller]?.headers ?? {};
      const samples = fc.sample(requestsFor(operation), {
        numRuns: perOperation,
        seed: SEED + index,
      });
      for (const request of samples) {
        const response = await t.app.inject({
          method: operation.method as 'GET',
          url: request.url,
          headers: {
            ...headersOf(request.caller),
            ...(request.contentType ? { 'content-type': request.contentType } : {}),
          },
          ...(request.payload !== undefined ? { payload: request.payload } : {}),
        });
        sent += 1;
        const refusedCleanly = response.statusCode < 400 || isRefusal(operation, response);
        if (response.statusCode >= 500 || !refusedCleanly)
          failures.push(
            `${String(response.statusCode)} ${operation.method} ${request.url.slice(0, 200)} ${String(request.payload ?? '').slice(0, 120)} → ${response.body.slice(0, 200)}`,
          );
      }
    }
    process.stdout.write(
      `FUZZ engine=${t.database.engine} operations=${String(operations.length)} requests=${String(sent)} failures=${String(failures.length)} seed=${String(SEED)}\n`,
    );
    if (process.env.FUZZ_DUMP) process.stdout.write(`${failures.join('\n')}\n`);
    expect(failures.slice(0, 40)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(TOTAL_REQUESTS, 20_000));
  });
});
