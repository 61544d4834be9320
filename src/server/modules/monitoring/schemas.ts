import { Type } from 'typebox';
import { RANKING_INDICATORS } from '../../../domain/indicators.ts';
import { PERIOD_PATTERN, STATS_STRUCTURES } from '../../../domain/stats-period.ts';
import { EVALUATION_GROUPS } from '../../../domain/evaluation-766.ts';
import { DRILL_MEASURES } from '../../../domain/stats-drill.ts';
import { StringEnum } from '../../platform/schema-types.ts';

const Ratio = Type.Object({
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  percent: Type.Union([Type.Number(), Type.Null()], {
    description: 'numerator / denominator in percent, two decimals; null when the denominator is 0',
  }),
});

const FeedbackIndicators = Type.Object(
  {
    competent: Type.Integer({
      description: 'Feedback received in the period and forwarded to the agency as within scope',
    }),
    answered: Type.Integer(),
    answeredOnTime: Type.Integer(),
    lateOrUnsatisfied: Type.Integer({
      description: 'Answered late, open past the due date, or rated unsatisfied (each once)',
    }),
    onTimeRate: Ratio,
    satisfactionRate: Ratio,
  },
  { description: 'The satisfaction group’s feedback rates (Decision 766/QĐ-TTg)' },
);

export const Indicators = Type.Object({
  services: Type.Object({
    published: Type.Integer(),
    fullOnline: Type.Integer({
      description: 'Services at full online (level 4 of Decree 43/2011)',
    }),
    withOnlineDossier: Type.Integer(),
    fullOnlineShare: Ratio,
    usedOnlineShare: Ratio,
  }),
  dossiers: Type.Object({
    received: Type.Integer(),
    receivedByChannel: Type.Object({
      online: Type.Integer(),
      counter: Type.Integer(),
      post: Type.Integer(),
    }),
    submittedOnline: Type.Integer(),
    onlineRate: Ratio,
    finished: Type.Integer(),
    finishedEarly: Type.Integer(),
    finishedOnTime: Type.Integer(),
    finishedLate: Type.Integer(),
    onTimeRate: Ratio,
    open: Type.Object({ onTime: Type.Integer(), overdue: Type.Integer(), total: Type.Integer() }),
    onlinePaymentRate: Ratio,
    electronicResultRate: Ratio,
    averageProcessingDays: Type.Union([Type.Number(), Type.Null()]),
    withdrawn: Type.Integer(),
  }),
  satisfaction: Type.Object({
    rated: Type.Integer(),
    satisfactionRate: Ratio,
    averageRating: Type.Union([Type.Number(), Type.Null()]),
  }),
  feedback: FeedbackIndicators,
});

/** Indicators as a monthly report archived them: reports sent before feedback was counted lack it. */
export const ReportedIndicators = Type.Object({
  ...Indicators.properties,
  feedback: Type.Optional(FeedbackIndicators),
});

const Period = Type.Object({
  key: Type.String(),
  kind: Type.String(),
  from: Type.String({ description: 'First day, yyyy-MM-dd (Vietnam)' }),
  to: Type.String({ description: 'Day after the last, yyyy-MM-dd (Vietnam)' }),
  label: Type.String(),
});

const AgencyRef = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  level: Type.String(),
});

const PeriodParam = Type.String({
  pattern: PERIOD_PATTERN,
  description: 'yyyy-MM-dd, yyyy-MM, yyyy-Qn, yyyy or live (from 1 January to now)',
});

const Structure = StringEnum(STATS_STRUCTURES, {
  description:
    'then (default): the agencies as they were in the period; now: today’s agencies, each with the figures of the agencies merged into it',
});

export const RankingQuery = Type.Object({
  structure: Type.Optional(Structure),
  period: Type.Optional(PeriodParam),
  indicator: Type.Optional(StringEnum(RANKING_INDICATORS)),
  level: Type.Optional(StringEnum(['ministry', 'province'] as const)),
});

const FieldParam = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'A procedure field (lĩnh vực), as the agency page lists them',
});

export const AgencyStatsQuery = Type.Object({
  structure: Type.Optional(Structure),
  period: Type.Optional(PeriodParam),
  field: Type.Optional(FieldParam),
});

export const DossiersBehindQuery = Type.Object({
  period: Type.Optional(PeriodParam),
  measure: StringEnum(DRILL_MEASURES),
  field: Type.Optional(FieldParam),
  procedure: Type.Optional(Type.String({ format: 'uuid' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 10, maximum: 100, default: 50 })),
});

export const DossiersBehind = Type.Object({
  period: Period,
  agency: AgencyRef,
  measure: StringEnum(DRILL_MEASURES),
  field: Type.Union([Type.String(), Type.Null()]),
  procedure: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ description: 'How many dossiers the figure counts: the figure itself' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  dossiers: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      code: Type.String(),
      procedureCode: Type.String(),
      procedureName: Type.String(),
      agencyName: Type.String({ description: 'The agency that acted (or holds it, when open)' }),
      channel: Type.String(),
      status: Type.String(),
      receivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      countedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'When the counted event happened; null for open dossiers',
      }),
    }),
  ),
});
export const AgencyCodeParams = Type.Object({ code: Type.String({ maxLength: 40 }) });

export const Ranking = Type.Object({
  period: Period,
  structure: Structure,
  indicator: StringEnum(RANKING_INDICATORS),
  national: Indicators,
  agencies: Type.Array(
    Type.Object({
      ...AgencyRef.properties,
      rank: Type.Integer(),
      laggard: Type.Boolean({ description: 'Under 10% of its services at full online' }),
      indicators: Indicators,
    }),
  ),
});

export const AgencyStats = Type.Object({
  period: Period,
  structure: Structure,
  agency: AgencyRef,
  indicators: Indicators,
  units: Type.Array(Type.Object({ ...AgencyRef.properties, indicators: Indicators })),
  field: Type.Union([Type.String(), Type.Null()], {
    description: 'The field the figures are limited to, when asked',
  }),
  fields: Type.Array(Type.Object({ field: Type.String(), indicators: Indicators })),
  procedures: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      code: Type.String(),
      name: Type.String(),
      indicators: Indicators,
    }),
    { description: 'The field’s procedures one by one (empty without a field)' },
  ),
  trend: Type.Array(
    Type.Object({
      month: Type.String(),
      received: Type.Integer(),
      receivedOnline: Type.Integer(),
      finished: Type.Integer(),
      finishedOnTime: Type.Integer(),
    }),
  ),
});

export const PopularProcedures = Type.Array(
  Type.Object({
    code: Type.String({ description: 'The national code of the procedure' }),
    name: Type.String(),
    field: Type.String(),
    received: Type.Integer({ description: 'Dossiers received over the last twelve months' }),
    services: Type.Integer({ description: 'Agencies offering it now' }),
  }),
);

const EvaluationIndicatorSchema = Type.Object({
  code: Type.String(),
  group: StringEnum(EVALUATION_GROUPS.map((g) => g.key)),
  name: Type.String(),
  formula: Type.String(),
  measure: Type.Union([StringEnum(RANKING_INDICATORS), Type.Null()], {
    description: 'The rate the system measures it with; null: not measured (scores nothing)',
  }),
  points: Type.Number(),
  formulaOfficial: Type.Boolean({
    description: 'The formula is the published one; otherwise the national office set it',
  }),
});

const Score = Type.Object({
  score: Type.Number(),
  measurablePoints: Type.Number({
    description: 'Points of the indicators that had something to measure in the period',
  }),
  groups: Type.Array(
    Type.Object({
      group: Type.String(),
      score: Type.Number(),
      measurablePoints: Type.Number(),
    }),
  ),
  indicators: Type.Array(
    Type.Object({
      code: Type.String(),
      rate: Type.Union([Ratio, Type.Null()]),
      points: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});

export const EvaluationQuery = Type.Object({
  period: Type.Optional(PeriodParam),
  level: Type.Optional(StringEnum(['ministry', 'province'] as const)),
  structure: Type.Optional(Structure),
});

export const Evaluation = Type.Object({
  period: Period,
  structure: Structure,
  indicators: Type.Array(EvaluationIndicatorSchema),
  national: Score,
  agencies: Type.Array(
    Type.Object({
      ...AgencyRef.properties,
      rank: Type.Integer(),
      share: Ratio,
      ...Score.properties,
    }),
  ),
});

export const EvaluationIndicatorParams = Type.Object({
  code: Type.String({ maxLength: 60 }),
});

export const EvaluationIndicatorChange = Type.Object(
  {
    points: Type.Number({ minimum: 0, maximum: 22 }),
    name: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
    formula: Type.Optional(Type.String({ minLength: 3, maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const EvaluationIndicatorSaved = EvaluationIndicatorSchema;
