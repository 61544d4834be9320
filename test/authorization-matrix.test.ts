import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtures, type Fixtures } from './authorization/fixtures.ts';
import {
  ALL_PERSONAS,
  allowedByPolicy,
  PERSONAS,
  WARD_H29,
  WARD_H41,
  type Persona,
} from './authorization/personas.ts';
import { ROUTE_ACCESS, type Probe } from './authorization/route-access.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';
import { freePort } from './helpers/server-process.ts';

let t: TestApp;
let fx: Fixtures;
const callers = new Map<Persona, Caller>();

/** Who may see each side's data: the owner and the staff of the agency holding the dossier. */
const MAY_SEE: Record<keyof Fixtures['markers'], readonly Persona[]> = {
  dossierA: ['citizenA', ...allowedByPolicy('dossier.read', WARD_H29)],
  dossierB: ['citizenB', ...allowedByPolicy('dossier.read', WARD_H41)],
};

const callerOf = async (persona: Persona, fresh = false) => {
  const name = PERSONAS[persona];
  if (name === undefined) return t.anonymous;
  if (fresh) return t.signIn(name);
  const known = callers.get(persona);
  if (known) return known;
  const caller = await t.signIn(name);
  callers.set(persona, caller);
  return caller;
};

function send(caller: Caller, method: string, probe: Probe): Promise<LightMyRequestResponse> {
  if (probe.upload) {
    const { name, content, type } = probe.upload;
    return caller.upload(name, content, type, probe.url);
  }
  if (probe.raw)
    return t.app.inject({
      method: 'POST',
      url: probe.url,
      headers: { ...caller.headers, 'content-type': probe.raw.type },
      payload: probe.raw.content,
    });
  if (method === 'GET') return caller.get(probe.url);
  if (method === 'PUT') return caller.put(probe.url, probe.body);
  if (method === 'DELETE') return caller.delete(probe.url);
  return caller.post(probe.url, probe.body);
}

/**
 * Everything a refused request might have changed; it must be the same after. The refusal's own
 * record in the audit log is the one thing it adds, counted apart (`refusalsAudited`).
 */
async function fingerprint() {
  const result = await sql<{ state: string }>`
    select concat_ws('|',
      (select count(*) from dossier), (select count(*) from dossier_event),
      (select count(*) from stored_file), (select count(*) from service),
      (select count(*) from service_version), (select count(*) from document_template),
      (select count(*) from officer_role),
      (select count(*) from audit_record where action <> 'access.refused'),
      (select string_agg(status || lock_version, ',' order by id) from dossier),
      (select string_agg(status, ',' order by id) from service),
      (select string_agg(date::text || kind, ',' order by date) from calendar_override),
      (select count(*) from notification), (select count(*) from mail_message),
      (select string_agg(coalesce(phone, '') || coalesce(email, '') || coalesce(address, ''), ',' order by id) from account)
    ) as state`.execute(t.database.db);
  return result.rows[0]?.state ?? '';
}

async function refusalsAudited() {
  const row = await t.database.db
    .selectFrom('audit_record')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'access.refused')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  const port = await freePort();
  t = await createTestApp({ PUBLIC_URL: `http://127.0.0.1:${String(port)}` });
  await t.app.listen({ port, host: '127.0.0.1' }); // the embedded identity provider answers discovery
  fx = await buildFixtures(t);
});
afterAll(() => t.close());

describe('authorization matrix', () => {
  it('declares every route of the OpenAPI document, and only those', async () => {
    const document = (await t.anonymous.get('/docs/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((route) => !(route in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('lets each persona do only what its role allows, on its own data, and leaks nothing', async () => {
    const failures: string[] = [];
    let checks = 0;
    for (const [route, access] of Object.entries(ROUTE_ACCESS)) {
      const method = route.slice(0, route.indexOf(' '));
      // refusals first: they must change nothing, and the allowed calls may change state
      const order = [
        ...ALL_PERSONAS.filter((p) => !access.allowed.includes(p)),
        ...ALL_PERSONAS.filter((p) => access.allowed.includes(p)),
      ];
      for (const persona of order) {
        checks += 1;
        const allowed = access.allowed.includes(persona);
        const probe = await access.request(fx, persona);
        const before = allowed ? '' : await fingerprint();
        const auditedBefore = await refusalsAudited();
        const response = await send(await callerOf(persona, access.endsSession), method, probe);
        const status = response.statusCode;
        const where = `${route} as ${persona}: ${String(status)}`;

        if (allowed && status >= 400 && !(access.acceptedAlso ?? []).includes(status))
          failures.push(`${where}, expected success: ${response.body.slice(0, 200)}`);
        if (!allowed) {
          const refusal = [401, 403, 404, ...(access.refusedAlso ?? [])];
          if (!refusal.includes(status)) failures.push(`${where}, expected a refusal`);
          if ((await fingerprint()) !== before) failures.push(`${where}, a refusal changed data`);
          // A signed-in persona refused by the policy leaves one record in the audit log, whether
          // the answer was 403 (may see, may not act) or 404 (may not see: decision 0016).
          const audited = (await refusalsAudited()) - auditedBefore;
          const expected = (status === 403 || status === 404) && persona !== 'anonymous' ? 1 : 0;
          if (audited !== expected)
            failures.push(`${where}, ${String(audited)} refusals audited, not ${String(expected)}`);
        }
        for (const [side, { identifiers, personal }] of Object.entries(fx.markers) as [
          keyof Fixtures['markers'],
          { identifiers: string[]; personal: string[] },
        ][]) {
          if (MAY_SEE[side].includes(persona)) continue;
          const markers = access.identifiersVisibleTo?.includes(persona)
            ? personal
            : [...identifiers, ...personal];
          const leaked = markers.filter(
            (marker) => !probe.url.includes(marker) && response.body.includes(marker),
          );
          if (leaked.length > 0) failures.push(`${where} leaks ${side}: ${leaked.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checks).toBe(Object.keys(ROUTE_ACCESS).length * ALL_PERSONAS.length);
  });
});
