import { Type } from 'typebox';
import { FEE_EXEMPTIONS } from '../../../domain/fees.ts';
import { StringEnum } from '../../platform/schema-types.ts';

const AgencyRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
const OnlineLevel = StringEnum(['full', 'partial'], {
  description: 'Decree 42/2022: full online (toàn trình) or partial online (một phần)',
});

const FeeAmount = Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'in VND' });
const FeeTerms = {
  payAt: StringEnum(['submission', 'on_request'], {
    description: 'paid before reception, or when the officer asks for it during processing',
  }),
  exemptions: Type.Array(StringEnum(FEE_EXEMPTIONS), {
    uniqueItems: true,
    description: 'groups the law exempts',
  }),
};

/**
 * Fees and charges of a version: none, fixed, by the option the applicant chooses, or per unit.
 * The branches allow other properties: Fastify's validator removes additional properties, and in
 * an anyOf it would strip them by the first branch tried. The service keeps only the known ones.
 */
export const FeeSchedule = Type.Union([
  Type.Object({ kind: Type.Literal('none') }),
  Type.Object({ kind: Type.Literal('fixed'), amountVnd: FeeAmount, ...FeeTerms }),
  Type.Object({
    kind: Type.Literal('by_option'),
    options: Type.Array(
      Type.Object(
        {
          key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }),
          label: Type.String({ minLength: 1, maxLength: 200 }),
          amountVnd: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: 20 },
    ),
    ...FeeTerms,
  }),
  Type.Object({
    kind: Type.Literal('by_quantity'),
    unitVnd: FeeAmount,
    unitLabel: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. bản sao' }),
    maxQuantity: Type.Integer({ minimum: 1, maximum: 1000 }),
    ...FeeTerms,
  }),
]);

export const ServiceSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  onlineLevel: OnlineLevel,
  procedureCode: Type.String(),
  procedureName: Type.String(),
  field: Type.String(),
  agency: AgencyRef,
  processingDays: Type.Integer(),
  feeVnd: Type.Integer(),
});

export const ReceivingCenter = Type.Object({ code: Type.String(), name: Type.String() });

export const DeskService = Type.Object({
  ...ServiceSummary.properties,
  receivedAtCode: Type.Union([Type.String(), Type.Null()], {
    description:
      'The service center whose desk receives it for the competent agency (Decree 118/2025); null: the desk is the agency’s own',
  }),
});

export const ServiceSearchQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Words of the procedure name; diacritics and small typos are tolerated',
      }),
    ),
    agency: Type.Optional(
      Type.String({
        format: 'qcvn102',
        description: 'Agency code: that agency and every unit under it',
      }),
    ),
    field: Type.Optional(Type.String({ maxLength: 200 })),
    level: Type.Optional(StringEnum(['full', 'partial'])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  },
  { additionalProperties: false },
);

export const ServiceListQuery = Type.Object(
  {
    ...ServiceSearchQuery.properties,
    procedure: Type.Optional(
      Type.String({
        maxLength: 50,
        pattern: '^[0-9A-Za-z.\\-]+$',
        description: "A procedure's national code: the agencies that offer it",
      }),
    ),
  },
  { additionalProperties: false },
);

export const ServicePage = Type.Object({
  items: Type.Array(ServiceSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  suggestions: Type.Array(Type.String(), {
    description:
      'When nothing matches the query: up to five procedure names close to it (letters swapped or missing, extra words), best first',
  }),
});

const Range = Type.Object({ min: Type.Integer(), max: Type.Integer() });

export const ProcedureSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  field: Type.String(),
  services: Type.Integer({ description: 'How many agencies offer it (within the filter)' }),
  fullOnlineServices: Type.Integer({ description: 'How many of them offer it full online' }),
  processingDays: Range,
  feeVnd: Range,
  onlyService: Type.Union(
    [Type.Object({ id: Type.String(), agencyName: Type.String() }), Type.Null()],
    {
      description: 'The service, when a single agency offers the procedure',
    },
  ),
});

export const ProcedurePage = Type.Object({
  items: Type.Array(ProcedureSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  suggestions: ServicePage.properties.suggestions,
});

export const FieldCount = Type.Object({ field: Type.String(), services: Type.Integer() });

export const ServiceParams = Type.Object({ serviceId: Type.String({ format: 'uuid' }) });

export const RequiredDocument = Type.Object({
  key: Type.String(),
  name: Type.String(),
  mandatory: Type.Boolean(),
  accept: Type.Array(Type.String()),
  maxSizeMb: Type.Optional(Type.Integer()),
  template: Type.Optional(
    Type.Object({
      id: Type.String(),
      fileName: Type.String(),
    }),
  ),
});

export const ServiceDetail = Type.Object({
  ...ServiceSummary.properties,
  legalBasis: Type.String(),
  carriedOutBy: Type.Array(StringEnum(['central', 'province', 'commune'])),
  conditions: Type.String(),
  resultType: Type.String(),
  versionId: Type.String(),
  version: Type.Integer(),
  formSchema: Type.Record(Type.String(), Type.Unknown()),
  uiSchema: Type.Record(Type.String(), Type.Unknown()),
  requiredDocuments: Type.Array(RequiredDocument),
  feeSchedule: FeeSchedule,
  paymentOnline: Type.Boolean({ description: 'Fees are paid online through the payment gateway' }),
  resultOnline: Type.Boolean({
    description: 'The result is returned as an electronically signed document',
  }),
  receivedLocally: Type.Boolean({
    description:
      "Assigned to the localities: every province's Public Administration Service Centers receive it",
  }),
});

export const Agency = Type.Object({
  id: Type.String(),
  code: Type.Union([Type.String(), Type.Null()], {
    description: 'QCVN 102 code; null while not yet known',
  }),
  name: Type.String(),
  level: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String({ format: 'date' }),
  validTo: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  successorId: Type.Union([Type.String(), Type.Null()], {
    description: 'the agency that took over after a merger or renaming',
  }),
  serviceCenter: Type.Boolean({
    description:
      'a Public Administration Service Center: receives dossiers of any agency of its province (Decree 118/2025)',
  }),
});

export const AgencyQuery = Type.Object(
  { current: Type.Optional(Type.Boolean({ description: 'only agencies in existence today' })) },
  { additionalProperties: false },
);

export const CommuneQuery = Type.Object(
  {
    province: Type.String({
      minLength: 2,
      maxLength: 100,
      description: 'province name as in the address field',
    }),
  },
  { additionalProperties: false },
);
export const Commune = Type.Object({ code: Type.String(), name: Type.String() });

export const TemplateParams = Type.Object({ templateId: Type.String({ format: 'uuid' }) });
