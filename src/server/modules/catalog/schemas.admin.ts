import { Type } from 'typebox';
import { MaybeTimestamp, StringEnum, Timestamp } from '../../platform/schema-types.ts';
import { FeeSchedule, RequiredDocument } from './schemas.ts';
import { WORKFLOW_STEP_ROLES } from '../../../domain/access.ts';
import { MAX_WORKFLOW_STEPS } from '../../../domain/workflow.ts';

const ServiceStatus = StringEnum(['draft', 'published', 'unpublished']);
const OnlineLevel = StringEnum(['full', 'partial']);

export const ManagedServiceParams = Type.Object({ serviceId: Type.String({ format: 'uuid' }) });

export const ManagedServiceSummary = Type.Object({
  id: Type.String(),
  status: ServiceStatus,
  onlineLevel: OnlineLevel,
  procedureCode: Type.String(),
  procedureName: Type.String(),
  agencyName: Type.String(),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  draftVersion: Type.Union([Type.Integer(), Type.Null()]),
});

const WorkflowStep = Type.Object(
  {
    key: Type.String({
      pattern: '^[a-z0-9][a-z0-9_-]{0,39}$',
      description: 'stable key of the step',
    }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: StringEnum(WORKFLOW_STEP_ROLES),
    sharePercent: Type.Integer({
      minimum: 1,
      maximum: 100,
      description: 'share of the processing days; the steps add up to 100',
    }),
  },
  { additionalProperties: false },
);

/** The internal workflow (quy trình nội bộ): the steps after reception, the last one approves. */
const Workflow = Type.Array(WorkflowStep, {
  minItems: 1,
  maxItems: MAX_WORKFLOW_STEPS,
  description: 'when a draft omits it: the previous version’s, or the standard one',
});

export const VersionContent = Type.Object(
  {
    formSchema: Type.Record(Type.String(), Type.Unknown()),
    uiSchema: Type.Record(Type.String(), Type.Unknown()),
    requiredDocuments: Type.Array(
      Type.Object(
        {
          key: Type.String({
            pattern: '^[a-z0-9][a-z0-9-]{0,59}$',
            description: 'stable key, e.g. giay-chung-sinh',
          }),
          name: Type.String({ minLength: 3, maxLength: 300 }),
          mandatory: Type.Boolean(),
          accept: Type.Array(StringEnum(['pdf', 'jpg', 'png']), { minItems: 1, uniqueItems: true }),
          maxSizeMb: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 100, description: 'largest file, in MB' }),
          ),
          template: Type.Optional(
            Type.Object(
              {
                id: Type.String({ format: 'uuid' }),
                fileName: Type.String({ description: 'replaced by the uploaded file’s name' }),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
    processingDays: Type.Integer({ minimum: 0, maximum: 365, description: 'working days' }),
    feeVnd: Type.Integer({
      minimum: 0,
      maximum: 1_000_000_000,
      description: 'a fixed fee, due at submission (0: none); ignored when feeSchedule is given',
    }),
    feeSchedule: Type.Optional(FeeSchedule),
    paymentOnline: Type.Optional(
      Type.Boolean({
        description: 'fees paid online through the gateway; default: when a fee is due',
      }),
    ),
    resultOnline: Type.Optional(
      Type.Boolean({ description: 'the result is returned as a signed electronic document' }),
    ),
    receivedLocally: Type.Optional(
      Type.Boolean({
        description:
          "a ministry's service assigned to the localities: every province's service centers receive it (Decree 118/2025); default false",
      }),
    ),
    workflow: Type.Optional(Workflow),
    resultTemplate: Type.Optional(
      Type.Union([
        Type.Object(
          {
            title: Type.String({ minLength: 3, maxLength: 200 }),
            body: Type.String({
              minLength: 1,
              maxLength: 20_000,
              description: 'text with {{placeholders}}: form fields, applicantName, dossierCode…',
            }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);

export const ManagedServiceDetail = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  status: ServiceStatus,
  onlineLevel: OnlineLevel,
  procedureCode: Type.String(),
  procedureName: Type.String(),
  agencyName: Type.String(),
  versions: Type.Array(
    Type.Object({
      id: Type.String(),
      version: Type.Integer(),
      formSchema: Type.Record(Type.String(), Type.Unknown()),
      uiSchema: Type.Record(Type.String(), Type.Unknown()),
      requiredDocuments: Type.Array(RequiredDocument),
      processingDays: Type.Integer(),
      feeVnd: Type.Integer(),
      feeSchedule: FeeSchedule,
      paymentOnline: Type.Boolean(),
      resultOnline: Type.Boolean(),
      receivedLocally: Type.Boolean(),
      resultTemplate: Type.Union([
        Type.Object({ title: Type.String(), body: Type.String() }),
        Type.Null(),
      ]),
      workflow: Workflow,
      publishedAt: MaybeTimestamp,
      createdAt: Timestamp,
    }),
  ),
});

export const NewService = Type.Object(
  {
    agencyId: Type.String({ format: 'uuid' }),
    procedureId: Type.String({ format: 'uuid' }),
    onlineLevel: OnlineLevel,
  },
  { additionalProperties: false },
);

export const Created = Type.Object({ id: Type.String() });
export const SavedDraft = Type.Object({ id: Type.String(), version: Type.Integer() });
export const Published = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  publishedAt: Timestamp,
});
export const Unpublished = Type.Object({ id: Type.String(), status: Type.Literal('unpublished') });
export const ProcedureOption = Type.Object({
  id: Type.String(),
  nationalCode: Type.String(),
  name: Type.String(),
  field: Type.String(),
});

export const UploadedTemplate = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
});

export const ManagedAgencyParams = Type.Object(
  { agencyId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const AgencySettings = Type.Object(
  {
    draftRetentionDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: "Days a citizen's unfinished application is kept after its last save",
    }),
  },
  { additionalProperties: false },
);

export const AgencyMergerBody = Type.Object(
  {
    from: Type.Array(Type.String({ format: 'uuid' }), {
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      description: 'The agencies merged: they close today, naming the successor',
    }),
    into: Type.String({ format: 'uuid', description: 'The successor, an agency in force' }),
    note: Type.String({
      minLength: 1,
      maxLength: 1000,
      description: 'The legal basis (e.g. the resolution on the merger), told to the applicants',
    }),
  },
  { additionalProperties: false },
);

const AgencyReference = Type.Object({
  id: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
});

export const AgencyMerger = Type.Object({
  successor: AgencyReference,
  merged: Type.Array(AgencyReference),
  lastDay: Type.String({ description: 'The merged agencies’ last day, yyyy-MM-dd (Vietnam)' }),
  servicesMoved: Type.Integer(),
  servicesWithdrawn: Type.Integer({ description: 'Services the successor already offered' }),
  dossiersMoved: Type.Integer({ description: 'Dossiers in progress, each with an event' }),
  feedbackMoved: Type.Integer(),
  officerRolesMoved: Type.Integer(),
});
