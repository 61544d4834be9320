import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthRegistrationForm } from './helpers/factories.ts';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

type Draft = {
  formData: Record<string, unknown>;
  documents: { documentKey: string; fileId: string; fileName: string }[];
  step: number;
  expiresAt: string;
};
type Saved = { savedAt: string; expiresAt: string; problems: { field: string }[] };

let t: TestApp;
let citizen: Caller;
let otherCitizen: Caller;
let admin: Caller;
let serviceId: string;
let agencyId: string;

const draftUrl = () => `/api/v1/drafts/${serviceId}`;

async function upload(caller: Caller) {
  const response = await caller.upload('giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf');
  return response.json<{ id: string }>().id;
}

beforeAll(async () => {
  t = await createTestApp();
  citizen = await t.signIn('Nguyễn Văn An');
  otherCitizen = await t.signIn('Trần Thị Bình');
  admin = await t.signIn('Bùi Thị Lan');
  const services = (
    await t.anonymous.get('/api/v1/catalog/services?q=khai%20sinh&agency=000.00.31.H29')
  ).json<{ items: { id: string; agency: { id: string; code: string } }[] }>().items;
  const found = services.find((s) => s.agency.code === '000.00.31.H29');
  if (!found) throw new Error('demo birth registration service missing');
  serviceId = found.id;
  agencyId = found.agency.id;
});
afterAll(() => t.close());

describe("a citizen's unfinished application, kept on the server", () => {
  it('is saved with what is still missing, and read back on another device', async () => {
    const fileId = await upload(citizen);
    const saved = await citizen.put(draftUrl(), {
      formData: { hoTenNguoiYeuCau: 'Nguyễn Văn An', soCccdNguoiYeuCau: '12345' },
      documents: [{ documentKey: 'giay-chung-sinh', fileId }],
      step: 1,
    });
    expect(saved.statusCode).toBe(200);
    const fields = saved.json<Saved>().problems.map((p) => p.field);
    // the wrong CCCD and the missing child's name are said; the attached certificate is not
    expect(fields).toContain('/formData/soCccdNguoiYeuCau');
    expect(fields).toContain('/formData/hoTenTre');
    expect(fields).not.toContain('/documents/giay-chung-sinh');

    // another device: a second session of the same person
    const elsewhere = await t.signIn('Nguyễn Văn An');
    const draft = (await elsewhere.get(draftUrl())).json<Draft>();
    expect(draft.formData.soCccdNguoiYeuCau).toBe('12345');
    expect(draft.step).toBe(1);
    expect(draft.documents).toEqual([
      {
        documentKey: 'giay-chung-sinh',
        fileId,
        fileName: 'giay-chung-sinh.pdf',
        mediaType: 'application/pdf',
        sizeBytes: SAMPLE_PDF.length,
      },
    ]);
  });

  it("is nobody else's: another citizen finds none, and cannot keep someone else's file in theirs", async () => {
    expect((await otherCitizen.get(draftUrl())).statusCode).toBe(404);
    const fileOfAn = await upload(citizen);
    const saved = await otherCitizen.put(draftUrl(), {
      formData: {},
      documents: [{ documentKey: 'giay-chung-sinh', fileId: fileOfAn }],
      step: 0,
    });
    expect(saved.statusCode).toBe(200);
    expect((await otherCitizen.get(draftUrl())).json<Draft>().documents).toEqual([]);
    expect((await admin.get(draftUrl())).statusCode).toBe(403);
  });

  it('refuses what is not a draft, with problem JSON, and keeps the one saved', async () => {
    const refused = await citizen.put(draftUrl(), {
      formData: 'không phải biểu mẫu',
      documents: [],
      step: -1,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const unknown = await citizen.put('/api/v1/drafts/00000000-0000-4000-8000-000000000000', {
      formData: {},
      documents: [],
      step: 0,
    });
    expect(unknown.statusCode).toBe(404);
    expect((await citizen.get(draftUrl())).json<Draft>().step).toBe(1);
  });

  it('expires after the days the agency sets, and its administrator sets them (audited)', async () => {
    const settings = `/api/v1/admin/agencies/${agencyId}/settings`;
    expect((await admin.get(settings)).json()).toEqual({ draftRetentionDays: 30 });
    expect((await admin.put(settings, { draftRetentionDays: 0 })).statusCode).toBe(400);
    expect((await citizen.put(settings, { draftRetentionDays: 7 })).statusCode).toBe(403);
    expect((await admin.put(settings, { draftRetentionDays: 7 })).statusCode).toBe(200);

    const saved = (
      await citizen.put(draftUrl(), { formData: {}, documents: [], step: 0 })
    ).json<Saved>();
    const days = (Date.parse(saved.expiresAt) - Date.parse(saved.savedAt)) / 86_400_000;
    expect(days).toBe(7);
    const audit = await t.database.db
      .selectFrom('audit_record')
      .select('details')
      .where('action', '=', 'agency.settings_changed')
      .execute();
    expect(audit.map((a) => a.details)).toContainEqual({
      draftRetentionDays: { from: 30, to: 7 },
    });

    // past its date it is gone, as if never saved
    await sql`update dossier_draft set expires_at = now() - interval '1 second'`.execute(
      t.database.db,
    );
    expect((await citizen.get(draftUrl())).statusCode).toBe(404);
  });

  it('is discarded when the application is submitted, in the same transaction', async () => {
    const fileId = await upload(citizen);
    await citizen.put(draftUrl(), { formData: birthRegistrationForm, documents: [], step: 2 });
    const submitted = await citizen.post('/api/v1/dossiers', {
      serviceId,
      formData: birthRegistrationForm,
      documents: [{ documentKey: 'giay-chung-sinh', fileId }],
    });
    expect(submitted.statusCode).toBe(201);
    expect((await citizen.get(draftUrl())).statusCode).toBe(404);

    await citizen.put(draftUrl(), { formData: {}, documents: [], step: 0 });
    expect((await citizen.delete(draftUrl())).statusCode).toBe(204);
    expect((await citizen.get(draftUrl())).statusCode).toBe(404);
  });
});
