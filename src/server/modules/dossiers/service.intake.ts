import type { Kysely, Transaction } from 'kysely';
import { isCitizenId } from '../../../domain/citizen-id.ts';
import { formatDossierCode } from '../../../domain/dossier-code.ts';
import { decide, initialState, type DossierChannel } from '../../../domain/dossier-lifecycle.ts';
import { dueAtSubmission, FEE_REFUSALS, feeFor, type FeeChoice } from '../../../domain/fees.ts';
import {
  compileFormCheck,
  createFormAjv,
  type FieldError,
  type FormCheck,
} from '../../../domain/form-validation.ts';
import { vietnamDate } from '../../../domain/vietnam-time.ts';
import type { Database } from '../../db/schema.ts';
import { agenciesAllowed, processingRolesAt } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { outboxRecord } from '../../platform/outbox.ts';
import { insertRows } from '../../platform/row-writes.ts';
import { progressEntry } from './outbox.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import type { MalwareScanner } from '../../platform/malware-scan.ts';
import { storeSniffedUpload } from '../../platform/uploads.ts';
import { isCommuneOf, type CatalogService, type PublishedService } from '../catalog/index.ts';
import {
  citizenIdOfAccount,
  findOrCreateApplicant,
  type CounterApplicant,
} from '../identity/index.ts';
import { dossierErrors } from './errors.ts';
import { deleteDraft } from './repository.drafts.ts';
import * as repository from './repository.ts';

/** Files citizens may attach: sniffed from the bytes, never trusted from the name or the browser. */
const ACCEPTED_MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
};

export type RegisterDossierInput = SubmitDossierInput & {
  channel: 'counter' | 'post';
  applicant: CounterApplicant;
};

export type SubmitDossierInput = {
  serviceId: string;
  formData: Record<string, unknown>;
  /** What the applicant chose that sets the fee: an option, a quantity, an exempted group. */
  feeChoice?: FeeChoice | undefined;
  documents: { documentKey: string; fileId: string }[];
};

/** How dossiers come in: uploads, online submission, and the desk's registration of counter and postal dossiers. */
export function createIntake({
  db,
  catalog,
  storage,
  scanner,
}: {
  db: Kysely<Database>;
  catalog: CatalogService;
  storage: FileStorage;
  /** Scans every upload for malware before it is stored (ClamAV); unset in development. */
  scanner: MalwareScanner | undefined;
}) {
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

  /** What is wrong with an application to a service: its answers, its documents, its fee choice. */
  function submissionProblems(
    service: PublishedService,
    input: Pick<SubmitDossierInput, 'formData' | 'feeChoice' | 'documents'>,
  ): FieldError[] {
    const fee = feeFor(service.feeSchedule, input.feeChoice ?? {});
    return [
      ...formCheckOf(service)(input.formData).map((e) => ({
        ...e,
        field: `/formData${e.field === '/' ? '' : e.field}`,
      })),
      ...documentErrors(service, input.documents),
      ...(fee.ok
        ? []
        : [
            {
              field: `/feeChoice/${FEE_REFUSALS[fee.refusal].field}`,
              code: fee.refusal,
              message: FEE_REFUSALS[fee.refusal].vi,
            },
          ]),
    ];
  }

  /** Validates the form and documents, then writes the dossier, its code, event and attachments in one transaction. */
  async function createDossier(
    actor: Actor,
    input: SubmitDossierInput,
    intake: {
      action: 'submit' | 'register';
      channel: DossierChannel;
      /** Who files: their account, name and CCCD (the CCCD only for the national portal). */
      applicant: (
        tx: Transaction<Database>,
      ) => Promise<{ id: string; name: string; citizenId: string | null }>;
    },
  ) {
    const service = await catalog.getPublishedService(input.serviceId);
    const feeChoice = input.feeChoice ?? {};
    const fee = feeFor(service.feeSchedule, feeChoice);
    const fieldErrors = submissionProblems(service, input);
    if (fieldErrors.length > 0 || !fee.ok)
      throw dossierErrors.formInvalid(
        'Vui lòng kiểm tra lại các trường được đánh dấu',
        fieldErrors,
      );

    const feeDue = fee.amountVnd;
    const decision = decide(initialState(service.agency.id), {
      action: intake.action,
      // Online, a fee due at submission is paid before reception where the agency takes payment
      // online; at the desk or by post, or where it does not, it is collected there.
      feeDue:
        intake.action === 'submit' &&
        service.paymentOnline &&
        feeDue > 0 &&
        dueAtSubmission(service.feeSchedule),
      actor:
        intake.action === 'submit'
          ? { kind: 'applicant' }
          : {
              kind: 'officer',
              id: actor.accountId,
              roles: processingRolesAt(actor.roles, service.agency.id),
            },
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
        fee_due_vnd: feeDue,
        fee_outstanding: decision.event.changes.feeOutstanding ?? false,
        fee_choice:
          service.feeSchedule.kind === 'none' || Object.keys(feeChoice).length === 0
            ? null
            : JSON.stringify(feeChoice),
      });
      await repository.insertEvent(tx, {
        dossierId: dossier.id,
        agencyId: service.agency.id,
        action: intake.action,
        from: null,
        to: status,
        actorId: actor.accountId,
      });
      await insertRows(tx, [
        outboxRecord(
          progressEntry({
            code: dossier.code,
            agencyCode: service.agency.code,
            procedureCode: service.procedureCode,
            procedureName: service.procedureName,
            channel: intake.channel,
            action: intake.action,
            from: null,
            to: status,
            occurredAt: submittedAt,
            submittedAt,
            receivedAt: null,
            dueAt: null,
            finishedAt: null,
            applicantCitizenId: applicant.citizenId,
          }),
        ),
      ]);
      for (const document of input.documents) {
        await repository.attachFile(
          tx,
          document.fileId,
          dossier.id,
          service.agency.id,
          document.documentKey,
        );
      }
      // The application is sent: the citizen's unfinished copy of it is no longer needed.
      if (intake.action === 'submit') await deleteDraft(tx, actor.accountId, service.id);
      await appendAudit(tx, {
        actor,
        action: 'dossier.transition',
        subject: { type: 'dossier', id: dossier.id },
        agencyId: service.agency.id,
        details: {
          action: intake.action,
          code: dossier.code,
          from: null,
          to: status,
          ...(fee.exempt ? { feeExemption: feeChoice.exemption } : {}),
        },
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
    submissionProblems,

    async uploadFile(actor: Actor, upload: { fileName: string; content: Buffer }) {
      const stored = await storeSniffedUpload(
        storage,
        upload.content,
        Object.values(ACCEPTED_MEDIA),
        'dossiers',
        scanner,
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
        applicant: async (tx) => ({
          id: actor.accountId,
          name: actor.fullName,
          citizenId: await citizenIdOfAccount(tx, actor.accountId),
        }),
      }),

    /**
     * A dossier handed in at the one-stop desk or by post, registered by the desk with its scans
     * so that every dossier is counted. The applicant's account is found by CCCD or created
     * without credentials; signing in later with that CCCD links to it.
     */
    async registerDossier(actor: Actor, input: RegisterDossierInput) {
      const service = await catalog.getPublishedService(input.serviceId);
      if (!agenciesAllowed(actor.roles, 'dossier.register').includes(service.agency.id))
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
        applicant: (tx) => findOrCreateApplicant(tx, input.applicant),
      });
    },
  };
}
