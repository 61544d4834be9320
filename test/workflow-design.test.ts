import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW } from '../src/domain/access.ts';
import type { WorkflowStep } from '../src/domain/dossier-lifecycle.ts';
import {
  actAsOfficer,
  expectActed,
  findServiceId,
  submitBirthRegistration,
} from './helpers/factories.ts';
import { createTestApp, type Caller, type TestApp } from './helpers/test-app.ts';

type Version = {
  version: number;
  formSchema: object;
  uiSchema: object;
  requiredDocuments: object[];
  processingDays: number;
  feeVnd: number;
  workflow: WorkflowStep[];
  publishedAt: string | null;
};

/** The ward's birth registration, with a department head between the specialist and the leader. */
const THREE_STEPS: WorkflowStep[] = [
  {
    key: 'tham-dinh',
    name: 'Công chức tư pháp - hộ tịch thẩm định',
    role: 'specialist',
    sharePercent: 50,
  },
  { key: 'phong', name: 'Lãnh đạo phòng xem xét', role: 'department_head', sharePercent: 25 },
  { key: 'ky', name: 'Chủ tịch UBND phường ký', role: 'leader', sharePercent: 25 },
];

let t: TestApp;
let admin: Caller;
let citizen: Caller;
let reception: Caller;
let specialist: Caller;
let departmentHead: Caller;
let leader: Caller;
let serviceId: string;

const versions = async () =>
  (await admin.get(`/api/v1/admin/services/${serviceId}`)).json<{ versions: Version[] }>().versions;

const contentOf = (version: Version) => ({
  formSchema: version.formSchema,
  uiSchema: version.uiSchema,
  requiredDocuments: version.requiredDocuments,
  processingDays: version.processingDays,
  feeVnd: version.feeVnd,
});

const workflowOf = async (officer: Caller, dossierId: string) =>
  (await officer.get(`/api/v1/officer/dossiers/${dossierId}`)).json<{
    workflow: { name: string; role: string }[];
  }>().workflow;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('Bùi Thị Lan');
  citizen = await t.signIn('Nguyễn Văn An');
  reception = await t.signIn('Lê Minh Châu');
  specialist = await t.signIn('Võ Thanh Giang');
  departmentHead = await t.signIn('Đặng Thị Oanh');
  leader = await t.signIn('Đỗ Văn Khoa');
  serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
});
afterAll(() => t.close());

describe('the internal workflow in the designer', () => {
  it('starts from the standard workflow the access policy states', async () => {
    const [current] = await versions();
    expect(current?.workflow).toEqual(DEFAULT_WORKFLOW);
  });

  it('refuses a workflow whose shares miss 100% or whose last step a specialist would sign, and saves nothing', async () => {
    const [current] = await versions();
    if (!current) throw new Error('no version');
    const refused = await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
      ...contentOf(current),
      workflow: [
        { key: 'a', name: 'Lãnh đạo xem xét', role: 'leader', sharePercent: 40 },
        { key: 'b', name: 'Chuyên viên ký', role: 'specialist', sharePercent: 50 },
      ],
    });
    expect(refused.statusCode).toBe(400);
    const problem = refused.json<{ errors: { field: string; message: string }[] }>();
    expect(problem.errors.map((e) => e.field)).toEqual(['/workflow', '/workflow/1/role']);
    expect(problem.errors[0]?.message).toBe(
      'Tổng thời gian các bước phải bằng 100% thời hạn giải quyết (hiện là 90%)',
    );
    expect(await versions()).toHaveLength(1);
  });

  it('a published three-step workflow routes new dossiers through the department head; earlier ones keep theirs', async () => {
    const earlier = await submitBirthRegistration(citizen, serviceId);
    const [current] = await versions();
    if (!current) throw new Error('no version');
    const saved = await admin.put(`/api/v1/admin/services/${serviceId}/draft`, {
      ...contentOf(current),
      workflow: THREE_STEPS,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const published = await admin.post(`/api/v1/admin/services/${serviceId}/publish`);
    expect(published.statusCode, published.body).toBe(200);

    // the change is on the record: who saved which steps, who published
    const audit = await t.database.db
      .selectFrom('audit_record')
      .select(['action', 'actor_name', 'details'])
      .where('subject_id', '=', serviceId)
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      {
        action: 'catalog.draft_saved',
        actor_name: 'Bùi Thị Lan',
        details: { version: 2, workflow: ['specialist', 'department_head', 'leader'] },
      },
      { action: 'catalog.published', actor_name: 'Bùi Thị Lan', details: { version: 2 } },
    ]);

    const dossier = await submitBirthRegistration(citizen, serviceId);
    await expectActed(reception, dossier.id, 'receive');
    await expectActed(specialist, dossier.id, 'claim');
    await expectActed(specialist, dossier.id, 'forward');
    // Step 2 is the department head's: the leader may not take it.
    const byLeader = await actAsOfficer(leader, dossier.id, 'claim');
    expect(byLeader.statusCode).toBe(403);
    await expectActed(departmentHead, dossier.id, 'claim');
    await expectActed(departmentHead, dossier.id, 'forward');
    await expectActed(leader, dossier.id, 'claim');
    const approved = await expectActed(leader, dossier.id, 'approve');
    expect(approved.json()).toMatchObject({ status: 'result_ready' });

    expect((await workflowOf(leader, dossier.id)).map((s) => s.role)).toEqual([
      'specialist',
      'department_head',
      'leader',
    ]);
    expect((await workflowOf(leader, earlier.id)).map((s) => s.role)).toEqual([
      'specialist',
      'leader',
    ]);
  });

  it('a new draft saved without a workflow keeps the published one', async () => {
    const [current] = await versions();
    if (!current) throw new Error('no version');
    const saved = await admin.put(`/api/v1/admin/services/${serviceId}/draft`, contentOf(current));
    expect(saved.statusCode, saved.body).toBe(200);
    const [draft] = await versions();
    expect(draft?.publishedAt).toBeNull();
    expect(draft?.workflow).toEqual(THREE_STEPS);
  });
});
