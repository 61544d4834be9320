import { Type } from 'typebox';
import { DOSSIER_CHANNELS } from '../../../domain/dossier-lifecycle.ts';
import { StringEnum } from '../../platform/schema-types.ts';
import { DossierCodeParams, DossierStatus, DossierSummary } from '../dossiers/index.ts';
import { ONE_STOP_FORM_NAMES } from '../../../domain/one-stop-forms.ts';

export const InboxQuery = Type.Object(
  {
    status: Type.Optional(DossierStatus),
    procedure: Type.Optional(
      Type.String({ maxLength: 30, description: 'national procedure code' }),
    ),
    channel: Type.Optional(StringEnum(DOSSIER_CHANNELS)),
    deadline: Type.Optional(StringEnum(['overdue', 'due_soon', 'on_time'] as const)),
    q: Type.Optional(
      Type.String({ maxLength: 100, description: 'dossier code or applicant name' }),
    ),
    sort: Type.Optional(StringEnum(['submitted_desc', 'submitted_asc', 'due_asc'] as const)),
    view: Type.Optional(
      StringEnum(['held', 'center'] as const, {
        description:
          'held (default): what the agencies hold; center: what their service-center desks received for, or return for, other agencies of the province and must act on (reception, return of the result)',
      }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

const {
  page: _page,
  pageSize: _pageSize,
  sort: _sort,
  view: _view,
  ...inboxFilters
} = InboxQuery.properties;

/** The register lists what the agencies took in, handle or hold: the inbox's views do not apply. */
export const RegisterQuery = Type.Object(
  {
    ...inboxFilters,
    from: Type.String({ format: 'date', description: 'first day of the period (Vietnam time)' }),
    to: Type.String({ format: 'date', description: 'last day of the period, included' }),
    format: StringEnum(['csv', 'xlsx'] as const),
  },
  { additionalProperties: false },
);

export const InboxPage = Type.Object({
  items: Type.Array(DossierSummary),
  page: Type.Integer(),
  hasMore: Type.Boolean(),
});

export const FormParam = { form: StringEnum(ONE_STOP_FORM_NAMES) };
export const DossierFormParams = Type.Object({
  dossierId: Type.String({ format: 'uuid' }),
  ...FormParam,
});
export const OwnDossierFormParams = Type.Object({
  ...DossierCodeParams.properties,
  ...FormParam,
});

export const DossierIdParams = Type.Object({ dossierId: Type.String({ format: 'uuid' }) });
export const DossierFileIdParams = Type.Object({
  ...DossierIdParams.properties,
  fileId: Type.String({ format: 'uuid' }),
});
