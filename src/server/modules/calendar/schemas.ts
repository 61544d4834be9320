import { Type } from 'typebox';
import { StringEnum } from '../../platform/schema-types.ts';

const IsoDate = Type.String({ format: 'date', description: 'yyyy-MM-dd' });
const Day = Type.Object({ date: IsoDate, reason: Type.String() });

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) });
export const DateParams = Type.Object({ date: IsoDate });

export const NewOverride = Type.Object(
  {
    date: IsoDate,
    kind: StringEnum(['day_off', 'working_day'] as const),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const CalendarYear = Type.Object({
  year: Type.Integer(),
  daysOff: Type.Array(Day),
  workedWeekendDays: Type.Array(Day),
  overrides: Type.Array(
    Type.Object({
      date: IsoDate,
      kind: Type.String(),
      name: Type.String(),
      legalBasis: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const Done = Type.Object({ done: Type.Literal(true) });
