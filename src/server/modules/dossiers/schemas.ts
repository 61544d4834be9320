import { Type } from 'typebox';
import { DOSSIER_CHANNELS, DOSSIER_STATUSES } from '../../../domain/dossier-lifecycle.ts';
import { DOSSIER_CODE_PATTERN } from '../../../domain/dossier-code.ts';
import { BinaryFile, MaybeTimestamp, StringEnum, Timestamp } from '../../platform/schema-types.ts';

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

export const SubmitDossierBody = Type.Object(
  {
    serviceId: Type.String({ format: 'uuid' }),
    formData: Type.Record(Type.String(), Type.Unknown()),
    documents: Type.Array(
      Type.Object(
        { documentKey: Type.String({ maxLength: 100 }), fileId: Type.String({ format: 'uuid' }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
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
  events: Type.Array(
    Type.Object({
      id: Type.Integer(),
      action: Type.String(),
      fromStatus: Type.Union([DossierStatus, Type.Null()]),
      toStatus: DossierStatus,
      note: Type.Union([Type.String(), Type.Null()]),
      occurredAt: Timestamp,
      byOfficer: Type.Boolean(),
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

export const FileContent = BinaryFile;

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
