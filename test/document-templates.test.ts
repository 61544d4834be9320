import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, SAMPLE_PDF, type Caller, type TestApp } from './helpers/test-app.ts';

type Version = {
  formSchema: object;
  uiSchema: object;
  requiredDocuments: { key: string; template?: { id: string; fileName: string } }[];
  processingDays: number;
  feeVnd: number;
  publishedAt: string | null;
};

let t: TestApp;
let admin: Caller;
let otherAdmin: Caller;
let citizen: Caller;
let serviceId: string;
let otherServiceId: string;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function spreadsheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Tờ khai').addRow(['Họ và tên', 'Ngày sinh']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const serviceOf = async (caller: Caller, procedureCode: string) =>
  (await caller.get('/api/v1/admin/services'))
    .json<{ id: string; procedureCode: string }[]>()
    .find((s) => s.procedureCode === procedureCode)?.id ?? '';

async function currentVersion(caller: Caller, id: string): Promise<Version> {
  const versions = (await caller.get(`/api/v1/admin/services/${id}`)).json<{
    versions: Version[];
  }>().versions;
  const newest = versions[0];
  if (!newest) throw new Error('service without a version');
  return newest;
}

/** Saves a draft whose first document offers the given template. */
async function draftWithTemplate(caller: Caller, id: string, template: object) {
  const { formSchema, uiSchema, requiredDocuments, processingDays, feeVnd } = await currentVersion(
    caller,
    id,
  );
  const [first, ...rest] = requiredDocuments;
  return caller.put(`/api/v1/admin/services/${id}/draft`, {
    formSchema,
    uiSchema,
    requiredDocuments: [{ ...first, template }, ...rest],
    processingDays,
    feeVnd,
  });
}

const templateCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('document_template')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('Bùi Thị Lan');
  otherAdmin = await t.signIn('Ngô Đức Minh');
  citizen = await t.signIn('Nguyễn Văn An');
  serviceId = await serviceOf(admin, '1.001193');
  otherServiceId = await serviceOf(otherAdmin, '1.001193');
});
afterAll(() => t.close());

describe('template files of required documents', () => {
  it('lets the administrator attach a template that citizens download once published', async () => {
    const sheet = await spreadsheet();
    const uploaded = await admin.upload(
      'To khai dang ky khai sinh.xlsx',
      sheet,
      'application/octet-stream',
      `/api/v1/admin/services/${serviceId}/templates`,
    );
    expect(uploaded.statusCode).toBe(201);
    const template = uploaded.json<{ id: string; mediaType: string }>();
    expect(template.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );

    const saved = await draftWithTemplate(admin, serviceId, {
      id: template.id,
      fileName: 'a name the browser made up',
    });
    expect(saved.statusCode).toBe(200);
    const draft = await currentVersion(admin, serviceId);
    expect(draft.requiredDocuments[0]?.template).toEqual({
      id: template.id,
      fileName: 'To khai dang ky khai sinh.xlsx',
    });

    // A draft's template is for its administrators only.
    const url = `/api/v1/catalog/templates/${template.id}`;
    expect((await t.anonymous.get(url)).statusCode).toBe(404);
    expect((await admin.get(url)).statusCode).toBe(200);

    expect((await admin.post(`/api/v1/admin/services/${serviceId}/publish`)).statusCode).toBe(200);
    const download = await t.anonymous.get(url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(sheet)).toBe(true);
    expect(download.headers['content-disposition']).toContain(
      "filename*=UTF-8''To%20khai%20dang%20ky%20khai%20sinh.xlsx",
    );

    const detail = (await t.anonymous.get(`/api/v1/catalog/services/${serviceId}`)).json<{
      requiredDocuments: { template?: { id: string } }[];
    }>();
    expect(detail.requiredDocuments[0]?.template?.id).toBe(template.id);
  });

  it('refuses a template that is not a document, and stores nothing', async () => {
    const before = await templateCount();
    for (const [name, content] of [
      ['mau.pdf', PNG],
      ['mau.docx', Buffer.from('MZ an executable')],
    ] as const) {
      const response = await admin.upload(
        name,
        content,
        'application/pdf',
        `/api/v1/admin/services/${serviceId}/templates`,
      );
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ code: 'TEMPLATE_TYPE_NOT_ALLOWED' });
    }
    expect(await templateCount()).toBe(before);
  });

  it('keeps one agency’s templates out of another agency’s services', async () => {
    const mine = (
      await admin.upload(
        'mau.pdf',
        SAMPLE_PDF,
        'application/pdf',
        `/api/v1/admin/services/${serviceId}/templates`,
      )
    ).json<{ id: string }>();

    const borrowed = await draftWithTemplate(otherAdmin, otherServiceId, {
      id: mine.id,
      fileName: 'mau.pdf',
    });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json()).toMatchObject({
      code: 'DRAFT_INVALID',
      errors: [expect.objectContaining({ field: '/requiredDocuments/0/template' })],
    });
    // Nor may it read the other agency's draft template, or upload to its services.
    expect((await otherAdmin.get(`/api/v1/catalog/templates/${mine.id}`)).statusCode).toBe(404);
    const intrusion = await otherAdmin.upload(
      'mau.pdf',
      SAMPLE_PDF,
      'application/pdf',
      `/api/v1/admin/services/${serviceId}/templates`,
    );
    expect(intrusion.statusCode).toBe(404);
  });

  it('keeps citizens from uploading templates', async () => {
    const response = await citizen.upload(
      'mau.pdf',
      SAMPLE_PDF,
      'application/pdf',
      `/api/v1/admin/services/${serviceId}/templates`,
    );
    expect(response.statusCode).toBe(403);
  });
});
