import { DEMO_OFFICER_PASSWORD } from '../../src/server/db/seed/demo-data.ts';
import { agencyIdOf, birthRegistrationForm, findServiceId } from '../helpers/factories.ts';
import { SAMPLE_PDF, type Caller, type TestApp } from '../helpers/test-app.ts';

type Dossier = { id: string; code: string; fileId: string };

/** The world the matrix probes: a dossier, a file, a draft and a session on each side. */
export type Fixtures = Awaited<ReturnType<typeof buildFixtures>>;

export async function buildFixtures(t: TestApp) {
  const db = t.database.db;
  const citizenA = await t.signIn('Nguyễn Văn An');
  const citizenB = await t.signIn('Trần Thị Bình');
  const adminH29 = await t.signIn('Bùi Thị Lan');
  const serviceH29 = await findServiceId(t, 'khai sinh', '000.00.31.H29');
  const serviceH41 = await findServiceId(t, 'khai sinh', '000.00.31.H41');

  const upload = async (caller: Caller) =>
    (await caller.upload('giay-chung-sinh.pdf', SAMPLE_PDF, 'application/pdf')).json<{
      id: string;
    }>().id;
  const submission = (serviceId: string, fileId: string, formData: object) => ({
    serviceId,
    formData,
    documents: [{ documentKey: 'giay-chung-sinh', fileId }],
  });
  async function submit(caller: Caller, serviceId: string, formData: object): Promise<Dossier> {
    const fileId = await upload(caller);
    const response = await caller.post('/api/v1/dossiers', submission(serviceId, fileId, formData));
    if (response.statusCode !== 201) throw new Error(`fixture dossier: ${response.body}`);
    return { ...response.json<{ id: string; code: string }>(), fileId };
  }

  const dossierA = await submit(citizenA, serviceH29, birthRegistrationForm);
  const dossierB = await submit(citizenB, serviceH41, {
    ...birthRegistrationForm,
    hoTenNguoiYeuCau: 'Trần Thị Bình',
    soCccdNguoiYeuCau: '040195004567',
    hoTenTre: 'Trần Gia Hân',
  });

  const draftTemplateH29 = (
    await adminH29.upload(
      'mau-to-khai.pdf',
      SAMPLE_PDF,
      'application/pdf',
      `/api/v1/admin/services/${serviceH29}/templates`,
    )
  ).json<{ id: string }>().id;
  const versions = (await adminH29.get(`/api/v1/admin/services/${serviceH29}`)).json<{
    versions: {
      formSchema: object;
      uiSchema: object;
      requiredDocuments: object[];
      processingDays: number;
      feeVnd: number;
    }[];
  }>().versions;
  const current = versions[0];
  if (!current) throw new Error('fixture service without a version');

  const agencyH29 = await agencyIdOf(t, '000.00.31.H29');
  // Two communes of their own for the merger probe: merging them touches nobody else's fixtures.
  const [mergedCommune, successorCommune] = await db
    .insertInto('agency')
    .values(
      ['Xã Thử Nghiệm Sáp Nhập', 'Xã Thử Nghiệm Kế Thừa'].map((name) => ({
        name,
        code: null,
        level: 'commune' as const,
        parent_id: null,
        valid_from: '2020-01-01',
      })),
    )
    .returning('id')
    .execute();
  const unofferedProcedure = (
    await db
      .selectFrom('procedure')
      .select('id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('service')
              .select('service.id')
              .whereRef('service.procedure_id', '=', 'procedure.id')
              .where('service.agency_id', '=', agencyH29),
          ),
        ),
      )
      .executeTakeFirstOrThrow()
  ).id;
  const accountOfA = (
    await db
      .selectFrom('account')
      .select('id')
      .where('full_name', '=', 'Nguyễn Văn An')
      .executeTakeFirstOrThrow()
  ).id;

  // An officer of the ward who is none of the personas: resetting a password ends sessions.
  const managedOfficer = (
    await db
      .insertInto('account')
      .values({ kind: 'officer', full_name: 'Đặng Văn Phúc', username: 'phuc.dv' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('officer_role')
    .values({ account_id: managedOfficer, agency_id: agencyH29, role: 'specialist' })
    .execute();

  // Two subscriptions of the ward's administrator: one the probes act on, one they remove.
  const subscribe = async () =>
    (
      await adminH29.post('/api/v1/admin/webhooks', {
        agencyId: agencyH29,
        url: 'http://127.0.0.1:9/hooks',
        eventTypes: ['dossier.progress'],
      })
    ).json<{ webhook: { id: string } }>().webhook.id;
  const webhookH29 = await subscribe();
  const webhookToRemoveH29 = await subscribe();

  // Feedback of citizen A about dossier A: one forwarded to the ward, one answered there.
  const nationalDesk = await t.signIn('Đinh Thị Phượng');
  const wardDesk = await t.signIn('Mạc Văn Sơn');
  const specialistH29 = await t.signIn('Võ Thanh Giang');
  const leaderH29 = await t.signIn('Đỗ Văn Khoa');
  const feedbackPhoto = (
    await t.anonymous.upload('anh.pdf', SAMPLE_PDF, 'application/pdf', '/api/v1/feedback/files')
  ).json<{ id: string; key: string }>();
  async function feedbackAtWard(topic: string, attachments: object[] = []) {
    const sent = await citizenA.post('/api/v1/feedback', {
      categoryCode: 'giai-quyet-ho-so',
      title: `Phản ánh về ${topic}`,
      content: `Nội dung phản ánh về ${topic} của hồ sơ khai sinh cần được phường xem xét`,
      dossierCode: dossierA.code,
      consentToPublish: false,
      attachments,
    });
    if (sent.statusCode !== 201) throw new Error(`fixture feedback: ${sent.body}`);
    const { code } = sent.json<{ code: string }>();
    const act = async (caller: Caller, body: object) => {
      const answer = await caller.post(`/api/v1/officer/feedback/${code}/actions`, body);
      if (answer.statusCode !== 200) throw new Error(`fixture feedback: ${answer.body}`);
    };
    await act(nationalDesk, { action: 'forward', agencyCode: '000.00.31.H29' });
    return { code, act };
  }
  const feedbackOpen = await feedbackAtWard('thời hạn trả kết quả', [feedbackPhoto]);
  const feedbackAnswered = await feedbackAtWard('thái độ tiếp nhận');
  const giang = (await wardDesk.get(`/api/v1/officer/feedback/${feedbackAnswered.code}`))
    .json<{
      assignable: { id: string; name: string }[];
    }>()
    .assignable.find((o) => o.name === 'Võ Thanh Giang');
  await feedbackAnswered.act(wardDesk, { action: 'assign', officerId: giang?.id });
  await feedbackAnswered.act(specialistH29, {
    action: 'submitAnswer',
    answer: 'Phường đã nhắc nhở cán bộ tiếp nhận và xin lỗi ông.',
  });
  await feedbackAnswered.act(leaderH29, { action: 'approve', publicInterest: false });

  return {
    pdf: SAMPLE_PDF,
    feedbackOpen: { code: feedbackOpen.code, fileId: feedbackPhoto.id },
    feedbackAnswered: feedbackAnswered.code,
    /** A photo of a feedback item yet to be sent, with the key that attaches it. */
    feedbackUpload: async () =>
      (
        await t.anonymous.upload('anh.pdf', SAMPLE_PDF, 'application/pdf', '/api/v1/feedback/files')
      ).json<{ id: string; key: string }>(),
    webhookH29,
    webhookToRemoveH29,
    managedOfficer,
    /** Makes sure the managed officer holds the department-head role the revocation probe takes back. */
    async ensureDepartmentHeadRole() {
      await db
        .insertInto('officer_role')
        .values({ account_id: managedOfficer, agency_id: agencyH29, role: 'department_head' })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    officerPassword: DEMO_OFFICER_PASSWORD,
    serviceH29,
    agencyH29,
    merger: {
      from: [mergedCommune!.id],
      into: successorCommune!.id,
      note: 'Nghị quyết thử nghiệm',
    },
    accountOfA,
    unofferedProcedure,
    dossierA,
    dossierB,
    draftTemplateH29,
    draftH29: {
      formSchema: current.formSchema,
      uiSchema: current.uiSchema,
      requiredDocuments: current.requiredDocuments,
      processingDays: current.processingDays,
      feeVnd: current.feeVnd,
    },
    serviceImportH29: Buffer.from(
      JSON.stringify({
        procedures: [],
        services: [{ agencyCode: '000.00.31.H29', procedureCode: '1.001193', onlineLevel: 'full' }],
      }),
    ),
    submission: (fileId: string) => submission(serviceH29, fileId, birthRegistrationForm),
    unattachedFileOfA: () => upload(citizenA),
    /** A fresh second session of citizen A, by its id. */
    async otherSessionOfA() {
      await t.signIn('Nguyễn Văn An');
      const newest = await db
        .selectFrom('session')
        .select('id')
        .where('account_id', '=', accountOfA)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      return newest.id;
    },
    /**
     * What each side's data looks like in a response: the other side must never see it. The
     * child's name lives only in the form data; the ids and codes only in those dossiers.
     */
    markers: {
      dossierA: {
        identifiers: [dossierA.id, dossierA.code, dossierA.fileId],
        personal: ['Nguyễn Minh Khôi', '079090001234'],
      },
      dossierB: {
        identifiers: [dossierB.id, dossierB.code, dossierB.fileId],
        personal: ['Trần Gia Hân', '040195004567'],
      },
    },
  };
}
