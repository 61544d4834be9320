import { Type } from 'typebox';
import { MaybeTimestamp, StringEnum, Timestamp } from '../../platform/schema-types.ts';
import { ReportedIndicators } from '../monitoring/index.ts';

const Scope = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'The agency’s QCVN 102 code or id, or "national" for the national report',
});
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'yyyy-MM' });

export const ReportQuery = Type.Object(
  { agency: Scope, month: Month },
  { additionalProperties: false },
);
export const ReportFileQuery = Type.Object(
  { ...ReportQuery.properties, format: StringEnum(['xlsx', 'pdf'] as const) },
  { additionalProperties: false },
);
export const ArchiveQuery = Type.Object({ agency: Scope }, { additionalProperties: false });

const Row = Type.Object({
  name: Type.String(),
  code: Type.Union([Type.String(), Type.Null()]),
  indicators: ReportedIndicators,
});

export const MonthlyReport = Type.Object({
  status: StringEnum(['draft', 'submitted'] as const),
  month: Type.String(),
  deadline: Type.String({ format: 'date', description: 'the last day it is on time' }),
  agency: Type.Union([
    Type.Object({
      id: Type.String(),
      code: Type.Union([Type.String(), Type.Null()]),
      name: Type.String(),
    }),
    Type.Null(),
  ]),
  generatedAt: Type.String({ format: 'date-time' }),
  submittedAt: MaybeTimestamp,
  late: Type.Union([Type.Boolean(), Type.Null()]),
  total: Row,
  rows: Type.Array(Row),
});

export const ArchivedReport = Type.Object({
  month: Type.String(),
  submittedAt: Timestamp,
  submittedBy: Type.String(),
  late: Type.Boolean(),
  xlsxSha256: Type.String(),
  pdfSha256: Type.String(),
});
