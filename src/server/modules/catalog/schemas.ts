import { Type } from 'typebox';
import { StringEnum } from '../../platform/schema-types.ts';

const AgencyRef = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() });
const OnlineLevel = StringEnum(['full', 'partial'], {
  description: 'Decree 42/2022: full online (toàn trình) or partial online (một phần)',
});

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

export const ServicePage = Type.Object({
  items: Type.Array(ServiceSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
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
  feeSchedule: Type.Object(
    { kind: StringEnum(['none', 'fixed', 'by_option', 'by_quantity']) },
    {
      additionalProperties: true,
      description:
        'Fees and charges: none, fixed (amountVnd), by_option (options[]), by_quantity (unitVnd, unitLabel, maxQuantity); payAt submission or on_request; exemptions',
    },
  ),
  paymentOnline: Type.Boolean({ description: 'Fees are paid online through the payment gateway' }),
  resultOnline: Type.Boolean({
    description: 'The result is returned as an electronically signed document',
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
