import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { isCitizenId } from '../../../domain/citizen-id.ts';
import { formatDossierCode } from '../../../domain/dossier-code.ts';
import {
  decide,
  initialState,
  type DossierChannel,
  type DossierStatus,
} from '../../../domain/dossier-lifecycle.ts';
import { dueAtSubmission, FEE_REFUSALS, feeFor, type FeeChoice } from '../../../domain/fees.ts';
import {
  compileFormCheck,
  createFormAjv,
  type FieldError,
  type FormCheck,
} from '../../../domain/form-validation.ts';
import type { Database } from '../../db/schema.ts';
import { agenciesAllowed, processingRolesAt } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { auditRecord } from '../../platform/audit.ts';
import { outboxRecord } from '../../platform/outbox.ts';
import { progressEntry } from './outbox.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import type { MalwareScanner } from '../../platform/malware-scan.ts';
import { storeSniffedUpload } from '../../platform/uploads.ts';
import { batched } from '../../platform/batching.ts';
import { isCommuneOf, type CatalogService, type PublishedService } from '../catalog/index.ts';
import {
  citizenIdOfAccount,
  findOrCreateApplicant,
  type CounterApplicant,
} from '../identity/index.ts';
import { dossierErrors } from './errors.ts';
import { createNumberPrediction } from './number-prediction.ts';
import { deleteDraft } from './repository.drafts.ts';
import * as repository from './repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who files a dossier: their account, name and CCCD (the CCCD only for the national portal). */
type Applicant = { id: string; name: string; citizenId: string | null };

/** An application waiting for its number: the agency that numbers it, and its dossier once numbered. */
type PendingApplication = {
  agencyId: string;
  entryFor: (number: repository.DossierNumber) => repository.DossierWithRows;
};

const receiptOf = (
  dossier: { id: string; code: string; status: DossierStatus; submitted_at: Date },
  service: PublishedService,
) => ({
  id: dossier.id,
  code: dossier.code,
  status: dossier.status,
  submittedAt: dossier.submitted_at,
  procedureName: service.procedureName,
  agencyName: service.agency.name,
  processingDays: service.processingDays,
});

/** Files citizens may attach: sniffed from the bytes, never trusted from the name or the browser. */
const ACCEPTED_MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
};

export type RegisterDossierInput = SubmitDossierInput & {
  channel: 'counter' | 'post';
  applicant: CounterApplicant;
  /** The service center whose desk registers it, when not the competent agency's. */
  receivedAtCode?: string | undefined;
};

/** What a citizen's valid application at the national portal is kept with for the member system. */
export type PortalApplication = {
  service: PublishedService;
  /** The citizen who applies, signed in at the portal. */
  actor: Actor;
  /** Their CCCD, by which the member finds or makes their account. */
  citizenId: string | null;
  formData: Record<string, unknown>;
  feeChoice: FeeChoice | null;
  documents: SubmitDossierInput['documents'];
  /** The service center where the applicant collects the result, if they chose one. */
  returnAtCode: string | null;
};

/** The citizen's receipt at the national portal while the member system has not yet issued a code. */
export type HandedOver = {
  submissionId: string;
  submittedAt: Date;
  procedureName: string;
  agencyName: string;
  processingDays: number;
};

/**
 * On the national portal (decision 0017): keeps a valid application, in the transaction that
 * claims its files, for delivery to the competent member system, instead of making a dossier here.
 */
export type HandOver = (
  tx: Transaction<Database>,
  application: PortalApplication,
) => Promise<HandedOver>;

/** An application the national portal delivered, signed, to this member system. */
export type ApplicationFromPortal = {
  submissionId: string;
  agencyCode: string;
  procedureCode: string;
  applicant: { citizenId: string; fullName: string };
  formData: Record<string, unknown>;
  feeChoice: FeeChoice | null;
  files: { documentKey: string; fileName: string; content: Buffer }[];
  /** The service center of the province where the applicant collects the result. */
  returnAtCode?: string | undefined;
  /** The portal's address, for the audit log. */
  ip: string;
};

export type SubmitDossierInput = {
  serviceId: string;
  formData: Record<string, unknown>;
  /** What the applicant chose that sets the fee: an option, a quantity, an exempted group. */
  feeChoice?: FeeChoice | undefined;
  documents: { documentKey: string; fileId: string }[];
  /** A service center of the province where the applicant collects the result. */
  returnAtCode?: string | undefined;
};

/** A desk that receives or returns for another agency: its id, and its code for dossier codes. */
type Desk = { id: string; code: string };

/** How dossiers come in: uploads, online submission, and the desk's registration of counter and postal dossiers. */
export function createIntake({
  db,
  inOrder,
  catalog,
  storage,
  scanner,
  handOver,
}: {
  db: Kysely<Database>;
  /** The same database, its statements sent in order on one connection (`DatabaseHandle.inOrder`). */
  inOrder: Kysely<Database> | undefined;
  catalog: CatalogService;
  storage: FileStorage;
  /** Scans every upload for malware before it is stored (ClamAV); unset in development. */
  scanner: MalwareScanner | undefined;
  /** Set on the national portal: online applications go to the member systems. */
  handOver: HandOver | undefined;
}) {
  // Online applications without files, numbered and written together with those arriving while
  // one batch is being written; their numbers predicted, so most batches take one statement. On
  // PostgreSQL it goes on the connection kept for statements in order, sent while the batch before
  // still runs (decision 0023).
  const numberPrediction = createNumberPrediction();
  const writeAlongOthers = batched(
    async (applications: PendingApplication[]) => {
      const agencyIds = applications.map((application) => application.agencyId);
      const entriesFor = (numbers: readonly repository.DossierNumber[]) =>
        applications.map((application, i) =>
          application.entryFor(numbers[i] as repository.DossierNumber),
        );
      const predicted = numberPrediction.predict(agencyIds, new Date());
      if (predicted) {
        // Taken as soon as sent: a batch that starts while this one runs predicts the numbers after.
        numberPrediction.learn(agencyIds, predicted.numbers);
        try {
          return await repository.insertDossiersWithRows(
            inOrder ?? db,
            entriesFor(predicted.numbers),
            predicted.advances,
          );
        } catch (error) {
          // It took nothing: what this server knows of the counters is wrong until read again.
          numberPrediction.missed(agencyIds);
          if (!repository.isPredictionStale(error)) throw error;
        }
      }
      const numbers = await repository.takeDossierNumbers(db, agencyIds);
      numberPrediction.learn(agencyIds, numbers);
      return repository.insertDossiersWithRows(db, entriesFor(numbers));
    },
    { overlapping: inOrder !== undefined },
  );
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

  /**
   * Locks the applicant's files named by the application, not yet sent with anything, and checks
   * each against its document's accepted types and size.
   */
  async function claimFiles(
    tx: Db,
    actor: Actor,
    service: PublishedService,
    documents: SubmitDossierInput['documents'],
  ) {
    const limitFor = new Map(service.requiredDocuments.map((d) => [d.key, d.maxSizeMb]));
    const acceptedFor = new Map(
      service.requiredDocuments.map((d) => [d.key, d.accept.map((ext) => ACCEPTED_MEDIA[ext])]),
    );
    const fileIds = [...new Set(documents.map((d) => d.fileId))];
    const files = new Map(
      (await repository.lockUnattachedFiles(tx, actor.accountId, fileIds)).map((f) => [f.id, f]),
    );
    const fileErrors: FieldError[] = [];
    documents.forEach((document, index) => {
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
      } else if ((limitFor.get(document.documentKey) ?? Infinity) * 1024 * 1024 < file.size_bytes) {
        fileErrors.push({
          field: `/documents/${index}/fileId`,
          code: 'size',
          message: `Tệp vượt quá dung lượng cho phép của thành phần hồ sơ này (${String(limitFor.get(document.documentKey))} MB)`,
        });
      }
    });
    if (fileErrors.length > 0)
      throw dossierErrors.formInvalid('Vui lòng kiểm tra lại tệp đính kèm', fileErrors);
  }

  /** The service applied to, once the answers, the documents and the fee choice are right. */
  async function checkedApplication(input: SubmitDossierInput) {
    const service = await catalog.getPublishedService(input.serviceId);
    const feeChoice = input.feeChoice ?? {};
    const fee = feeFor(service.feeSchedule, feeChoice);
    const fieldErrors = submissionProblems(service, input);
    if (fieldErrors.length > 0 || !fee.ok)
      throw dossierErrors.formInvalid(
        'Vui lòng kiểm tra lại các trường được đánh dấu',
        fieldErrors,
      );
    return { service, feeChoice, fee };
  }

  /** On the national portal: a valid application kept, with its files, for the member system. */
  async function handOverApplication(actor: Actor, input: SubmitDossierInput, keep: HandOver) {
    const { service, feeChoice } = await checkedApplication(input);
    return db.transaction().execute(async (tx) => {
      await claimFiles(tx, actor, service, input.documents);
      const kept = await keep(tx, {
        service,
        actor,
        citizenId: await citizenIdOfAccount(tx, actor.accountId),
        formData: input.formData,
        feeChoice: Object.keys(feeChoice).length === 0 ? null : feeChoice,
        documents: input.documents,
        returnAtCode: input.returnAtCode ?? null,
      });
      await repository.tieFilesToSubmission(
        tx,
        input.documents.map((d) => d.fileId),
        kept.submissionId,
      );
      await deleteDraft(tx, actor.accountId, service.id);
      return kept;
    });
  }

  /**
   * A Public Administration Service Center that may receive and return for the service, by code
   * (Decree 118/2025): one of the province the competent agency works in (a vertically organised
   * agency's included), or of any province for a ministry's service assigned to the localities.
   * Undefined for no code or the competent agency's own; refused for anything else.
   */
  async function serviceCenterFor(
    code: string | undefined,
    service: { id: string; agency: { code: string } },
  ): Promise<Desk | undefined> {
    if (code === undefined || code === service.agency.code) return undefined;
    const center = await catalog.receivingCenter(code, service.id);
    if (!center) throw dossierErrors.notServiceCenter();
    return center;
  }

  /**
   * Validates the form and documents, numbers the dossier, then writes it with its event, progress
   * message and audit record in one statement. With files, an applicant to register or a portal
   * submission around it, in a transaction with those writes; online without them, together with
   * the applications arriving meanwhile.
   */
  async function createDossier(
    actor: Actor,
    input: SubmitDossierInput,
    intake: {
      action: 'submit' | 'register';
      channel: DossierChannel;
      /** Who files. */
      applicant: (tx: Db) => Promise<Applicant>;
      /** The national portal's submission this dossier is (the dossier is made once for it). */
      hubSubmissionId?: string;
      /** The service center whose desk registers it, when not the competent agency's. */
      receivedAt?: Desk;
    },
  ) {
    const { service, feeChoice, fee } = await checkedApplication(input);
    const receivedAt = intake.receivedAt;
    // Where the result is collected: the registering center, or the one the applicant chose.
    const returnAt = receivedAt ?? (await serviceCenterFor(input.returnAtCode, service));
    const numberedBy = receivedAt ?? service.agency;
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
              roles: processingRolesAt(actor.roles, numberedBy.id),
            },
      workflow: [],
    });
    if (!decision.ok) throw dossierErrors.wrongState();
    const status = decision.event.to;

    const dossierId = randomUUID();
    const entryFor = (
      number: repository.DossierNumber,
      applicant: Applicant,
    ): repository.DossierWithRows => {
      const submittedAt = number.at;
      // Circular 01/2018 art. 19: the code names the agency that received the dossier.
      const code = formatDossierCode(numberedBy.code, submittedAt, number.sequence);
      return {
        dossier: {
          id: dossierId,
          code,
          reception_agency_id: receivedAt?.id ?? null,
          return_agency_id: returnAt?.id ?? null,
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
          hub_submission_id: intake.hubSubmissionId ?? null,
        },
        writes: [
          {
            table: 'dossier_event',
            row: {
              dossier_id: dossierId,
              agency_id: numberedBy.id,
              action: intake.action,
              from_status: null,
              to_status: status,
              actor_id: actor.accountId,
            },
          },
          outboxRecord(
            progressEntry({
              code,
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
          auditRecord({
            actor,
            action: 'dossier.transition',
            subject: { type: 'dossier', id: dossierId },
            agencyId: numberedBy.id,
            details: {
              action: intake.action,
              code,
              from: null,
              to: status,
              ...(fee.exempt ? { feeExemption: feeChoice.exemption } : {}),
              ...(intake.hubSubmissionId ? { viaNationalPortal: intake.hubSubmissionId } : {}),
            },
          }),
        ],
        // The application is sent: the citizen's unfinished copy of it is no longer needed.
        draftOf:
          intake.action === 'submit'
            ? { accountId: actor.accountId, serviceId: service.id }
            : undefined,
      };
    };

    // Online, without files: numbered and written with the applications arriving meanwhile, in one
    // statement when their numbers could be predicted (decision 0023).
    if (input.documents.length === 0 && !intake.hubSubmissionId && intake.action === 'submit') {
      const applicant = await intake.applicant(db);
      const dossier = await writeAlongOthers({
        agencyId: numberedBy.id,
        entryFor: (number) => entryFor(number, applicant),
      });
      return receiptOf(dossier, service);
    }
    // Numbered by a statement of its own before the transaction, so the numbering row is locked
    // for that statement only (decision 0023).
    const [number] = await repository.takeDossierNumbers(db, [numberedBy.id]);
    if (!number) throw new Error('the dossier was not numbered');
    return db.transaction().execute(async (tx) => {
      if (intake.hubSubmissionId) {
        // Two deliveries of one submission at once: the second waits here, then finds the first.
        await repository.lockHubSubmission(tx, intake.hubSubmissionId);
        const made = await repository.dossierOfHubSubmission(tx, intake.hubSubmissionId);
        if (made) return receiptOf(made, service);
      }
      if (input.documents.length > 0) await claimFiles(tx, actor, service, input.documents);
      const [dossier] = await repository.insertDossiersWithRows(tx, [
        entryFor(number, await intake.applicant(tx)),
      ]);
      if (!dossier) throw new Error('the dossier was not written');
      for (const document of input.documents) {
        await repository.attachFile(
          tx,
          document.fileId,
          dossier.id,
          service.agency.id,
          document.documentKey,
        );
      }
      return receiptOf(dossier, service);
    });
  }

  async function uploadFile(actor: Actor, upload: { fileName: string; content: Buffer }) {
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
  }

  return {
    submissionProblems,

    uploadFile,

    /**
     * Online submission: validates the form and documents, then writes the dossier, its code,
     * event and attachments in one transaction; on the national portal, keeps the application for
     * the member system instead (decision 0017).
     */
    submitDossier: (actor: Actor, input: SubmitDossierInput) =>
      handOver
        ? handOverApplication(actor, input, handOver)
        : createDossier(actor, input, {
            action: 'submit',
            channel: 'online',
            applicant: () =>
              Promise.resolve({
                id: actor.accountId,
                name: actor.fullName,
                citizenId: actor.citizenId,
              }),
          }),

    /**
     * On a member system: an application the national portal delivered (decision 0017), made an
     * online dossier of the applicant found or made by CCCD, with the same rules as one submitted
     * here (the form, each file's type read from its bytes, its size). Made once per submission:
     * a delivery repeated because an answer was lost returns the same dossier.
     */
    async receiveFromPortal(application: ApplicationFromPortal) {
      const made = await repository.dossierOfHubSubmission(db, application.submissionId);
      if (made) return { code: made.code, status: made.status, submittedAt: made.submitted_at };
      const service = await catalog.publishedServiceByCodes(
        application.agencyCode,
        application.procedureCode,
      );
      const applicant = await findOrCreateApplicant(db, application.applicant);
      const actor: Actor = {
        accountId: applicant.id,
        kind: 'citizen',
        fullName: applicant.name,
        citizenId: application.applicant.citizenId,
        sessionId: '',
        csrfToken: '',
        roles: [],
        ip: application.ip,
      };
      const documents = [];
      for (const file of application.files) {
        const stored = await uploadFile(actor, file);
        documents.push({ documentKey: file.documentKey, fileId: stored.id });
      }
      const { code, status, submittedAt } = await createDossier(
        actor,
        {
          serviceId: service.id,
          formData: application.formData,
          feeChoice: application.feeChoice ?? undefined,
          documents,
          returnAtCode: application.returnAtCode,
        },
        {
          action: 'submit',
          channel: 'online',
          applicant: () => Promise.resolve(applicant),
          hubSubmissionId: application.submissionId,
        },
      );
      return { code, status, submittedAt };
    },

    /** What the officer's desks may register: their agencies' services and their centers'. */
    deskServices(actor: Actor) {
      const desks = agenciesAllowed(actor.roles, 'dossier.register');
      if (desks.length === 0) throw dossierErrors.actionNotPermitted();
      return catalog.deskServices(desks);
    },

    /**
     * A dossier handed in at the one-stop desk or by post, registered by the desk with its scans
     * so that every dossier is counted. The applicant's account is found by CCCD or created
     * without credentials; signing in later with that CCCD links to it.
     */
    async registerDossier(actor: Actor, input: RegisterDossierInput) {
      const service = await catalog.getPublishedService(input.serviceId);
      const center = await serviceCenterFor(input.receivedAtCode, service);
      if (!agenciesAllowed(actor.roles, 'dossier.register').includes((center ?? service.agency).id))
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
        ...(center ? { receivedAt: center } : {}),
      });
    },
  };
}
