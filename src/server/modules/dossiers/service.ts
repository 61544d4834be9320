import type { Kysely, Transaction } from 'kysely';
import { formatDossierCode } from '../../../domain/dossier-code.ts';
import {
  availableActions,
  decide,
  initialState,
  type DossierChannel,
} from '../../../domain/dossier-lifecycle.ts';
import { deadlineStatus } from '../../../domain/deadline.ts';
import {
  compileFormCheck,
  createFormAjv,
  type FieldError,
  type FormCheck,
} from '../../../domain/form-validation.ts';
import { isCitizenId } from '../../../domain/citizen-id.ts';
import { vietnamDate } from '../../../domain/vietnam-time.ts';
import {
  addWorkingMinutes,
  clockStart,
  DEFAULT_OFFICE_HOURS,
  workingMinutesPerDay,
  type WorkingCalendar,
} from '../../../domain/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import { agenciesWithRole, type Actor, type MachineClient } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import { storeSniffedUpload } from '../../platform/uploads.ts';
import { isCommuneOf, type CatalogService, type PublishedService } from '../catalog/index.ts';
import { dossierErrors } from './errors.ts';
import * as repository from './repository.ts';
import type { DossierScope, InboxFilter } from './repository.ts';
import {
  createLifecycle,
  lifecycleActor,
  stateOf,
  type LifecycleInput,
} from './service.lifecycle.ts';

/** Files citizens may attach: sniffed from the bytes, never trusted from the name or the browser. */
const ACCEPTED_MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
};

export type RegisterDossierInput = SubmitDossierInput & {
  channel: 'counter' | 'post';
  applicant: repository.CounterApplicant;
};

export type SubmitDossierInput = {
  serviceId: string;
  formData: Record<string, unknown>;
  documents: { documentKey: string; fileId: string }[];
};

type Deps = {
  db: Kysely<Database>;
  catalog: CatalogService;
  storage: FileStorage;
  calendar: () => Promise<WorkingCalendar>;
};

export type DossierService = ReturnType<typeof createDossierService>;

export function createDossierService({ db, catalog, storage, calendar }: Deps) {
  const lifecycle = createLifecycle({ db, calendar });

  /** "Now" and one working day from now, to colour dossiers by the time left. */
  async function deadlineClock() {
    const now = new Date();
    const hours = DEFAULT_OFFICE_HOURS;
    const workingCalendar = await calendar();
    const dueSoonBefore = addWorkingMinutes(
      clockStart(now, workingCalendar, hours),
      workingMinutesPerDay(hours),
      workingCalendar,
      hours,
    );
    return { now, dueSoonBefore };
  }

  const ajv = createFormAjv({ isCommuneOf });
  // Published versions are immutable, so a compiled form check never goes stale.
  const formChecks = new Map<string, FormCheck>();
  const formCheckOf = (service: PublishedService) => {
    let check = formChecks.get(service.versionId);
    if (!check) {
      check = compileFormCheck(ajv, service.formSchema);
      formChecks.set(service.versionId, check);
    }
    return check;
  };

  function documentErrors(
    service: PublishedService,
    documents: SubmitDossierInput['documents'],
  ): FieldError[] {
    const errors: FieldError[] = [];
    const known = new Set(service.requiredDocuments.map((d) => d.key));
    documents.forEach((document, index) => {
      if (!known.has(document.documentKey)) {
        errors.push({
          field: `/documents/${index}/documentKey`,
          code: 'unknown',
          message: 'Thành phần hồ sơ không có trong thủ tục này',
        });
      }
    });
    for (const required of service.requiredDocuments) {
      if (required.mandatory && !documents.some((d) => d.documentKey === required.key)) {
        errors.push({
          field: `/documents/${required.key}`,
          code: 'required',
          message: `Vui lòng đính kèm: ${required.name}`,
        });
      }
    }
    return errors;
  }

  async function loadDossier(
    where: { code: string } | { id: string },
    scope: DossierScope,
    actor: Actor,
  ) {
    const view = actor.kind === 'citizen' ? 'applicant' : 'officer';
    const dossier = await repository.findDossier(db, where, scope);
    if (!dossier) throw dossierErrors.notFound();
    const [events, files, clock] = await Promise.all([
      repository.listEvents(db, dossier.id),
      repository.listFiles(db, dossier.id),
      deadlineClock(),
    ]);
    return {
      ...toSummary(dossier, clock),
      lockVersion: dossier.lock_version,
      formData: dossier.form_data,
      formLabels: fieldTitles(dossier.form_schema),
      workflow: dossier.workflow.map((step) => ({ name: step.name, role: step.role })),
      stepIndex: dossier.step_index,
      stepDueAt: dossier.step_due_at,
      // The applicant learns which unit holds the dossier, never which person.
      assigneeId: view === 'officer' ? dossier.assignee_id : null,
      rating: dossier.rating,
      availableActions: availableActions(
        stateOf(dossier),
        lifecycleActor(actor, dossier),
        dossier.workflow,
      ),
      events: events.map((e) => ({
        id: e.id,
        action: e.action,
        fromStatus: e.from_status,
        toStatus: e.to_status,
        note: e.note,
        occurredAt: e.occurred_at,
        byOfficer: e.actor_kind === 'officer',
        agencyName: e.agency_name,
        actorName: view === 'officer' || e.actor_kind !== 'officer' ? e.actor_name : null,
        details: publicDetails(e.details, view),
      })),
      files: files.map((f) => ({
        id: f.id,
        documentKey: f.document_key,
        fileName: f.file_name,
        mediaType: f.media_type,
        sizeBytes: f.size_bytes,
        sha256: f.sha256,
      })),
    };
  }

  async function findFile(
    where: { code: string } | { id: string },
    fileId: string,
    scope: DossierScope,
  ) {
    const dossier = await repository.findDossier(db, where, scope);
    if (!dossier) throw dossierErrors.notFound();
    const file = await repository.findFile(db, dossier.id, fileId);
    if (!file) throw dossierErrors.fileNotFound();
    return { ...file, agencyId: dossier.agency_id, dossierCode: dossier.code };
  }

  /** The stream is opened last, once every check has passed: nothing is left open on a refusal. */
  const withContent = <F extends { storage_key: string }>(file: F) => ({
    ...file,
    content: storage.read(file.storage_key),
  });

  /** Validates the form and documents, then writes the dossier, its code, event and attachments in one transaction. */
  async function createDossier(
    actor: Actor,
    input: SubmitDossierInput,
    intake: {
      action: 'submit' | 'register';
      channel: DossierChannel;
      applicant: (tx: Transaction<Database>) => Promise<{ id: string; name: string }>;
    },
  ) {
    const service = await catalog.getPublishedService(input.serviceId);
    const fieldErrors = [
      ...formCheckOf(service)(input.formData).map((e) => ({
        ...e,
        field: `/formData${e.field === '/' ? '' : e.field}`,
      })),
      ...documentErrors(service, input.documents),
    ];
    if (fieldErrors.length > 0)
      throw dossierErrors.formInvalid(
        'Vui lòng kiểm tra lại các trường được đánh dấu',
        fieldErrors,
      );

    const decision = decide(initialState(service.agency.id), {
      action: intake.action,
      actor:
        intake.action === 'submit'
          ? { kind: 'applicant' }
          : { kind: 'officer', id: actor.accountId, roles: ['reception'] },
      workflow: [],
    });
    if (!decision.ok) throw dossierErrors.wrongState();
    const status = decision.event.to;
    const limitFor = new Map(service.requiredDocuments.map((d) => [d.key, d.maxSizeMb]));
    const acceptedFor = new Map(
      service.requiredDocuments.map((d) => [d.key, d.accept.map((ext) => ACCEPTED_MEDIA[ext])]),
    );

    return db.transaction().execute(async (tx) => {
      const fileIds = [...new Set(input.documents.map((d) => d.fileId))];
      const files = new Map(
        (await repository.lockUnattachedFiles(tx, actor.accountId, fileIds)).map((f) => [f.id, f]),
      );
      const fileErrors: FieldError[] = [];
      input.documents.forEach((document, index) => {
        const file = files.get(document.fileId);
        if (!file) {
          fileErrors.push({
            field: `/documents/${index}/fileId`,
            code: 'not_found',
            message: 'Tệp đính kèm không tồn tại hoặc đã được dùng cho hồ sơ khác',
          });
        } else if (!acceptedFor.get(document.documentKey)?.includes(file.media_type)) {
          fileErrors.push({
            field: `/documents/${index}/fileId`,
            code: 'media_type',
            message: 'Định dạng tệp không được chấp nhận cho thành phần hồ sơ này',
          });
        } else if (
          (limitFor.get(document.documentKey) ?? Infinity) * 1024 * 1024 <
          file.size_bytes
        ) {
          fileErrors.push({
            field: `/documents/${index}/fileId`,
            code: 'size',
            message: `Tệp vượt quá dung lượng cho phép của thành phần hồ sơ này (${String(limitFor.get(document.documentKey))} MB)`,
          });
        }
      });
      if (fileErrors.length > 0)
        throw dossierErrors.formInvalid('Vui lòng kiểm tra lại tệp đính kèm', fileErrors);

      const applicant = await intake.applicant(tx);
      const submittedAt = new Date();
      const sequence = await repository.nextDossierSequence(
        tx,
        service.agency.id,
        vietnamDate(submittedAt),
      );
      const dossier = await repository.insertDossier(tx, {
        code: formatDossierCode(service.agency.code, submittedAt, sequence),
        agency_id: service.agency.id,
        service_id: service.id,
        service_version_id: service.versionId,
        applicant_id: applicant.id,
        applicant_name: applicant.name,
        holder_agency_id: service.agency.id,
        workflow_version_id: service.versionId,
        channel: intake.channel,
        status,
        form_data: JSON.stringify(input.formData),
        submitted_at: submittedAt,
      });
      await repository.insertEvent(tx, {
        dossierId: dossier.id,
        agencyId: service.agency.id,
        action: intake.action,
        from: null,
        to: status,
        actorId: actor.accountId,
      });
      for (const document of input.documents) {
        await repository.attachFile(
          tx,
          document.fileId,
          dossier.id,
          service.agency.id,
          document.documentKey,
        );
      }
      await appendAudit(tx, {
        actor,
        action: 'dossier.transition',
        subject: { type: 'dossier', id: dossier.id },
        agencyId: service.agency.id,
        details: { action: intake.action, code: dossier.code, from: null, to: status },
      });
      return {
        id: dossier.id,
        code: dossier.code,
        status: dossier.status,
        submittedAt: dossier.submitted_at,
        procedureName: service.procedureName,
        agencyName: service.agency.name,
        processingDays: service.processingDays,
      };
    });
  }

  return {
    async uploadFile(actor: Actor, upload: { fileName: string; content: Buffer }) {
      const stored = await storeSniffedUpload(
        storage,
        upload.content,
        Object.values(ACCEPTED_MEDIA),
        'dossiers',
      );
      if (!stored) throw dossierErrors.fileTypeRefused();
      const row = await repository.insertFile(db, {
        ownerId: actor.accountId,
        fileName: upload.fileName.slice(0, 255),
        ...stored,
      });
      return {
        id: row.id,
        fileName: row.file_name,
        mediaType: row.media_type,
        sizeBytes: row.size_bytes,
        sha256: row.sha256,
      };
    },

    /** Online submission: validates the form and documents, then writes the dossier, its code, event and attachments in one transaction. */
    submitDossier: (actor: Actor, input: SubmitDossierInput) =>
      createDossier(actor, input, {
        action: 'submit',
        channel: 'online',
        applicant: async () => ({ id: actor.accountId, name: actor.fullName }),
      }),

    /**
     * A dossier handed in at the one-stop desk or by post, registered by the desk with its scans
     * so that every dossier is counted. The applicant's account is found by CCCD or created
     * without credentials; signing in later with that CCCD links to it.
     */
    async registerDossier(actor: Actor, input: RegisterDossierInput) {
      const service = await catalog.getPublishedService(input.serviceId);
      if (!agenciesWithRole(actor, ['reception']).includes(service.agency.id))
        throw dossierErrors.actionNotPermitted();
      if (!isCitizenId(input.applicant.citizenId))
        throw dossierErrors.formInvalid('Vui lòng kiểm tra lại thông tin người nộp', [
          {
            field: '/applicant/citizenId',
            code: 'cccd',
            message: 'Số CCCD không hợp lệ (12 chữ số, đúng mã tỉnh và năm sinh)',
          },
        ]);
      return createDossier(actor, input, {
        action: 'register',
        channel: input.channel,
        applicant: (tx) => repository.findOrCreateApplicant(tx, input.applicant),
      });
    },

    async listOwnDossiers(actor: Actor) {
      const clock = await deadlineClock();
      return (
        await repository.listDossiers(db, { applicantId: actor.accountId }, { limit: 200 })
      ).map((row) => toSummary(row, clock));
    },
    getOwnDossier: (actor: Actor, code: string) =>
      loadDossier({ code }, { applicantId: actor.accountId }, actor),
    openOwnFile: async (actor: Actor, code: string, fileId: string) =>
      withContent(await findFile({ code }, fileId, { applicantId: actor.accountId })),

    /** The applicant's own actions: supplement (with new files), withdraw, rate. */
    async actAsApplicant(
      actor: Actor,
      code: string,
      input: LifecycleInput & { documents?: SubmitDossierInput['documents'] | undefined },
    ) {
      const documents = input.documents ?? [];
      if (documents.length > 0 && input.action !== 'supplement')
        throw dossierErrors.actionInvalid('Chỉ đính kèm tệp khi bổ sung hồ sơ');
      return lifecycle.act(
        actor,
        { code },
        { applicantId: actor.accountId },
        input,
        async (tx, row) => {
          if (documents.length === 0) return;
          const fileIds = [...new Set(documents.map((d) => d.fileId))];
          const files = await repository.lockUnattachedFiles(tx, actor.accountId, fileIds);
          const found = new Set(files.map((f) => f.id));
          const missing = documents.findIndex((d) => !found.has(d.fileId));
          if (missing >= 0)
            throw dossierErrors.formInvalid('Vui lòng kiểm tra lại tệp đính kèm', [
              {
                field: `/documents/${missing}/fileId`,
                code: 'not_found',
                message: 'Tệp đính kèm không tồn tại hoặc đã được dùng cho hồ sơ khác',
              },
            ]);
          for (const document of documents)
            await repository.attachFile(
              tx,
              document.fileId,
              row.id,
              row.agency_id,
              document.documentKey,
            );
        },
      );
    },

    /** Other systems' sync feed (national portal, LGSP): status and dates, no personal data. */
    async changedDossiers(client: MachineClient, since: Date, limit: number) {
      const rows = await repository.listChangedDossiers(db, client.agencyIds, since, limit);
      return rows.map((r) => ({
        code: r.code,
        agencyCode: r.agency_code,
        procedureCode: r.procedure_code,
        channel: r.channel,
        status: r.status,
        submittedAt: r.submitted_at,
        receivedAt: r.received_at,
        dueAt: r.due_at,
        finishedAt: r.finished_at,
        updatedAt: r.updated_at,
      }));
    },

    /** Status and dates only: anyone holding the code may follow the dossier, no personal data is shown. */
    async lookupPublicStatus(code: string) {
      const dossier = await repository.findDossierByCode(db, code);
      if (!dossier) throw dossierErrors.notFound();
      const { applicantName: _, ...publicFields } = toSummary(dossier, await deadlineClock());
      return publicFields;
    },

    // Agency-scoped access for the back office; callers pass the agencies the officer may act in.
    async inbox(
      agencyIds: string[],
      filter: Omit<InboxFilter, 'now' | 'dueSoonBefore' | 'limit' | 'offset'> & {
        page: number;
        pageSize: number;
      },
    ) {
      const clock = await deadlineClock();
      const rows = await repository.listInbox(db, agencyIds, {
        ...filter,
        ...clock,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
      return {
        items: rows.slice(0, filter.pageSize).map((row) => toSummary(row, clock)),
        page: filter.page,
        hasMore: rows.length > filter.pageSize,
      };
    },
    getAgencyDossier: (actor: Actor, agencyIds: string[], dossierId: string) =>
      loadDossier({ id: dossierId }, { agencyIds }, actor),
    findAgencyFile: (agencyIds: string[], dossierId: string, fileId: string) =>
      findFile({ id: dossierId }, fileId, { agencyIds }),
    withContent,

    /** An officer's lifecycle action on a dossier one of `agencyIds` holds. */
    actAsOfficer: (actor: Actor, agencyIds: string[], dossierId: string, input: LifecycleInput) =>
      lifecycle.act(actor, { id: dossierId }, { agencyIds }, input),
  };
}

type DossierListRow = Awaited<ReturnType<typeof repository.listDossiers>>[number];

function toSummary(row: DossierListRow, clock: { now: Date; dueSoonBefore: Date }) {
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    channel: row.channel,
    procedureCode: row.procedure_code,
    procedureName: row.procedure_name,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    holderAgencyName: row.holder_agency_name,
    stepName: row.step_index === null ? null : (row.workflow[row.step_index]?.name ?? null),
    applicantName: row.applicant_name,
    submittedAt: row.submitted_at,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    finishedAt: row.finished_at,
    returnedAt: row.returned_at,
    deadline: deadlineStatus({ dueAt: row.due_at, finishedAt: row.finished_at, ...clock }),
  };
}

/** Event details an applicant may read: the names of units and dates, never officers' ids. */
function publicDetails(details: Record<string, unknown>, view: 'applicant' | 'officer') {
  if (view === 'officer') return details;
  const { assigneeId: _assignee, targetAgencyId: _target, ...rest } = details;
  return rest;
}

/** Field titles of the version's form, so the dossier reads with the labels the citizen saw. */
function fieldTitles(schema: Record<string, unknown>): Record<string, string> {
  const properties = (schema.properties ?? {}) as Record<string, { title?: unknown }>;
  return Object.fromEntries(
    Object.entries(properties).flatMap(([key, field]) =>
      typeof field.title === 'string' ? [[key, field.title]] : [],
    ),
  );
}
