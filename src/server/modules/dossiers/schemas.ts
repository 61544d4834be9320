import { Type } from 'typebox';
import {
  DOSSIER_ACTIONS,
  DOSSIER_CHANNELS,
  DOSSIER_STATUSES,
} from '../../../domain/dossier-lifecycle.ts';
import { DOSSIER_CODE_PATTERN } from '../../../domain/dossier-code.ts';
import { FEE_EXEMPTIONS } from '../../../domain/fees.ts';
import { MaybeTimestamp, StringEnum, Timestamp } from '../../platform/schema-types.ts';

export const DossierStatus = StringEnum(DOSSIER_STATUSES);
const Channel = StringEnum(DOSSIER_CHANNELS);

export const DossierCodeParams = Type.Object({
  code: Type.String({
    pattern: DOSSIER_CODE_PATTERN.source,
    description: 'e.g. 000.00.12.H29-250317-0001',
  }),
});
export const DossierFileParams = Type.Object({
  ...DossierCodeParams.properties,
  fileId: Type.String({ format: 'uuid' }),
});

export const FeeChoice = Type.Object(
  {
    option: Type.Optional(Type.String({ maxLength: 40, description: 'key of the chosen option' })),
    quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    exemption: Type.Optional(StringEnum(FEE_EXEMPTIONS, { description: 'exempted group claimed' })),
  },
  { additionalProperties: false },
);

export const SubmitDossierBody = Type.Object(
  {
    serviceId: Type.String({ format: 'uuid' }),
    formData: Type.Record(Type.String(), Type.Unknown()),
    feeChoice: Type.Optional(FeeChoice),
    documents: Type.Array(
      Type.Object(
        { documentKey: Type.String({ maxLength: 100 }), fileId: Type.String({ format: 'uuid' }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    /**
     * A Public Administration Service Center of the province where the applicant collects the
     * result (Decree 118/2025: reception and return regardless of boundary within the province).
     */
    returnAtCode: Type.Optional(Type.String({ format: 'qcvn102' })),
  },
  { additionalProperties: false },
);

const DraftDocument = Type.Object(
  { documentKey: Type.String({ maxLength: 100 }), fileId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const DraftParams = Type.Object(
  { serviceId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

/** What a citizen has filled in so far: any of it may still be missing or wrong. */
export const DraftBody = Type.Object(
  {
    formData: SubmitDossierBody.properties.formData,
    feeChoice: Type.Optional(FeeChoice),
    documents: Type.Array(DraftDocument, { maxItems: 50 }),
    step: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);

export const Draft = Type.Object({
  formData: Type.Record(Type.String(), Type.Unknown()),
  feeChoice: Type.Optional(FeeChoice),
  documents: Type.Array(
    Type.Object({
      documentKey: Type.String(),
      fileId: Type.String(),
      fileName: Type.String(),
      mediaType: Type.String(),
      sizeBytes: Type.Integer(),
    }),
  ),
  step: Type.Integer(),
  savedAt: Timestamp,
  expiresAt: Timestamp,
});

export const SavedDraft = Type.Object({
  savedAt: Timestamp,
  expiresAt: Timestamp,
  problems: Type.Array(
    Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }),
  ),
});

export const RegisterDossierBody = Type.Object(
  {
    ...SubmitDossierBody.properties,
    channel: StringEnum(['counter', 'post'] as const),
    /**
     * The Public Administration Service Center whose desk registers it, when not the competent
     * agency's (reception regardless of boundary within the province); its result comes back there.
     */
    receivedAtCode: Type.Optional(Type.String({ format: 'qcvn102' })),
    applicant: Type.Object(
      {
        fullName: Type.String({ minLength: 2, maxLength: 200 }),
        citizenId: Type.String({ pattern: '^\\d{12}$', description: 'CCCD, 12 digits' }),
        phone: Type.Optional(Type.String({ maxLength: 20 })),
        email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
        address: Type.Optional(Type.String({ maxLength: 500 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const SubmittedDossier = Type.Object({
  id: Type.String(),
  code: Type.String(),
  status: DossierStatus,
  submittedAt: Timestamp,
  procedureName: Type.String(),
  agencyName: Type.String(),
  processingDays: Type.Integer(),
});

/** On the national portal: the application is kept until the member system issues its code. */
export const HandedOverApplication = Type.Object({
  submissionId: Type.String({ format: 'uuid' }),
  submittedAt: Timestamp,
  procedureName: Type.String(),
  agencyName: Type.String(),
  processingDays: Type.Integer(),
});

export const SubmissionReceipt = Type.Union([SubmittedDossier, HandedOverApplication]);

export const PublicDossierStatus = Type.Object({
  id: Type.String(),
  code: Type.String(),
  status: DossierStatus,
  channel: Channel,
  procedureCode: Type.String(),
  procedureName: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  submittedAt: Timestamp,
  receivedAt: MaybeTimestamp,
  dueAt: MaybeTimestamp,
  finishedAt: MaybeTimestamp,
  returnedAt: MaybeTimestamp,
  holderAgencyName: Type.String({ description: 'The unit holding the dossier now' }),
  receptionAgencyName: Type.Union([Type.String(), Type.Null()], {
    description:
      'The Public Administration Service Center that received it for the competent agency (Decree 118/2025); null: the agency itself',
  }),
  returnAgencyName: Type.Union([Type.String(), Type.Null()], {
    description: 'Where the result is returned, when not the agency holding it',
  }),
  stepName: Type.Union([Type.String(), Type.Null()]),
  deadline: Type.Union([
    StringEnum(['on_time', 'due_soon', 'overdue', 'finished_on_time', 'finished_late'] as const),
    Type.Null(),
  ]),
});
export const PublicDossierLookup = Type.Omit(PublicDossierStatus, ['id', 'agencyId']);

export const DossierSummary = Type.Object({
  ...PublicDossierStatus.properties,
  applicantName: Type.String(),
});

export const DossierDetail = Type.Object({
  ...DossierSummary.properties,
  lockVersion: Type.Integer(),
  formData: Type.Record(Type.String(), Type.Unknown()),
  formLabels: Type.Record(Type.String(), Type.String()),
  formSections: Type.Array(
    Type.Object({
      title: Type.Union([Type.String(), Type.Null()]),
      keys: Type.Array(Type.String()),
    }),
    { description: "The form's sections in order, with the keys of the answers under each" },
  ),
  workflow: Type.Array(Type.Object({ name: Type.String(), role: Type.String() })),
  stepIndex: Type.Union([Type.Integer(), Type.Null()]),
  stepDueAt: MaybeTimestamp,
  assigneeId: Type.Union([Type.String(), Type.Null()]),
  rating: Type.Union([Type.Integer(), Type.Null()]),
  feeDueVnd: Type.Integer({ description: 'Fees and charges owed for the dossier, in VND' }),
  feeOutstanding: Type.Boolean({
    description:
      'A fee is owed and unpaid: due at submission, reception waits; asked for in processing, the dossier is paused',
  }),
  feeChoice: Type.Union([FeeChoice, Type.Null()], {
    description: 'What the applicant chose that sets the fee',
  }),
  feeBasis: Type.Union([Type.String(), Type.Null()], {
    description: 'That choice in words: the option, the quantity, the exemption',
  }),
  resultOnline: Type.Boolean({
    description: 'The version returns a result signed by the agency, downloadable online',
  }),
  availableActions: Type.Array(StringEnum(DOSSIER_ACTIONS), {
    description: 'What the caller may do now',
  }),
  events: Type.Array(
    Type.Object({
      id: Type.Integer(),
      action: StringEnum(DOSSIER_ACTIONS),
      fromStatus: Type.Union([DossierStatus, Type.Null()]),
      toStatus: DossierStatus,
      note: Type.Union([Type.String(), Type.Null()]),
      occurredAt: Timestamp,
      byOfficer: Type.Boolean(),
      agencyName: Type.String(),
      actorName: Type.Union([Type.String(), Type.Null()]),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  files: Type.Array(
    Type.Object({
      id: Type.String(),
      documentKey: Type.Union([Type.String(), Type.Null()]),
      fileName: Type.String(),
      mediaType: Type.String(),
      sizeBytes: Type.Integer(),
      sha256: Type.String(),
    }),
  ),
});

export const UploadedFile = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
});

export const ChangedDossier = Type.Object({
  code: Type.String(),
  agencyCode: Type.Union([Type.String(), Type.Null()]),
  procedureCode: Type.String(),
  channel: Type.String(),
  status: Type.String(),
  submittedAt: Timestamp,
  receivedAt: MaybeTimestamp,
  dueAt: MaybeTimestamp,
  finishedAt: MaybeTimestamp,
  updatedAt: Timestamp,
});

const Note = Type.String({
  maxLength: 4000,
  description: 'Reason or content, shown to the applicant',
});

export const OfficerActionBody = Type.Object(
  {
    action: StringEnum(
      DOSSIER_ACTIONS.filter(
        (a) => !['submit', 'register', 'rate', 'reorganise'].includes(a),
      ) as Exclude<
        (typeof DOSSIER_ACTIONS)[number],
        'submit' | 'register' | 'rate' | 'reorganise'
      >[],
    ),
    lockVersion: Type.Integer({ minimum: 0, description: 'lockVersion of the dossier as seen' }),
    note: Type.Optional(Note),
    assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
    targetAgencyId: Type.Optional(Type.String({ format: 'uuid' })),
    newDueAt: Type.Optional(Type.String({ format: 'date-time' })),
    returnMethod: Type.Optional(Channel),
  },
  { additionalProperties: false },
);

export const ApplicantActionBody = Type.Object(
  {
    action: StringEnum(['supplement', 'withdraw', 'rate'] as const),
    lockVersion: Type.Integer({ minimum: 0 }),
    note: Type.Optional(Note),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    documents: Type.Optional(SubmitDossierBody.properties.documents),
  },
  { additionalProperties: false },
);

export const LifecycleResult = Type.Object({
  id: Type.String(),
  status: DossierStatus,
  lockVersion: Type.Integer(),
  receivedAt: MaybeTimestamp,
  dueAt: MaybeTimestamp,
});
