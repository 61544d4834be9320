import { Type, type Static } from 'typebox';
import {
  FEEDBACK_MEASURES,
  FEEDBACK_STATES,
  type FeedbackMeasure,
  type FeedbackState,
} from '../../../domain/feedback.ts';
import { PERIOD_PATTERN } from '../../../domain/stats-period.ts';
import { MaybeTimestamp, Timestamp } from '../../platform/schema-types.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const FeedbackStateSchema = Type.Unsafe<FeedbackState>({
  type: 'string',
  enum: [...FEEDBACK_STATES],
});

export const FeedbackCategoryView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  subject: Type.Union([Type.Literal('regulation'), Type.Literal('handling')]),
  answerDays: Type.Number(),
  extensionDays: Type.Number(),
});

export const FeedbackCodeParams = Type.Object({
  code: Type.String({ pattern: '^PAKN-\\d{8}-\\d{6,}$', maxLength: 40 }),
});

export const UploadedFeedbackFile = Type.Object({
  id: Type.String(),
  /** Given once: the item that names the file must carry it (an anonymous sender has no account). */
  key: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
});

const Text = (minLength: number, maxLength: number) => Type.String({ minLength, maxLength });

export const SendFeedbackBody = Type.Object(
  {
    categoryCode: Type.String({ maxLength: 40 }),
    title: Text(5, 200),
    content: Text(20, 5000),
    /** The sender's own dossier the feedback is about. */
    dossierCode: Type.Optional(Type.String({ maxLength: 40 })),
    /** Where it happened: a province of the 34 and one of its communes, as the address field names them. */
    province: Type.Optional(Text(2, 100)),
    commune: Type.Optional(Text(2, 100)),
    address: Type.Optional(Text(0, 300)),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    attachments: Type.Optional(
      Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), key: Text(10, 100) }), {
        maxItems: 5,
      }),
    ),
    /** Required when not signed in; the account's name otherwise. */
    senderName: Type.Optional(Text(2, 100)),
    phone: Type.Optional(Type.String({ format: 'vn-phone' })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    consentToPublish: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SendFeedbackInput = Static<typeof SendFeedbackBody>;

export const SentFeedback = Type.Object({
  code: Type.String(),
  /** With the code, lets the sender follow the item without an account; shown once. */
  trackingKey: Type.String(),
  state: FeedbackStateSchema,
});

export const FeedbackFileView = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
});

/** What the sender sees of their feedback. */
export const FeedbackView = Type.Object({
  code: Type.String(),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  title: Type.String(),
  content: Type.String(),
  dossierCode: Nullable(Type.String()),
  province: Nullable(Type.String()),
  commune: Nullable(Type.String()),
  address: Nullable(Type.String()),
  state: FeedbackStateSchema,
  receivedAt: Timestamp,
  dueAt: MaybeTimestamp,
  answeredAt: MaybeTimestamp,
  answer: Nullable(Type.String()),
  rejectionReason: Nullable(Type.String()),
  competentAgencyName: Nullable(Type.String()),
  mergedIntoCode: Nullable(Type.String()),
  published: Type.Boolean(),
  consentToPublish: Type.Boolean(),
  rating: Nullable(Type.Object({ satisfied: Type.Boolean(), comment: Nullable(Type.String()) })),
  attachments: Type.Array(FeedbackFileView),
});

export const FeedbackSummary = Type.Object({
  code: Type.String(),
  title: Type.String(),
  categoryName: Type.String(),
  state: FeedbackStateSchema,
  receivedAt: Timestamp,
  dueAt: MaybeTimestamp,
  answeredAt: MaybeTimestamp,
  dossierCode: Nullable(Type.String()),
});

export const TrackQuery = Type.Object({ key: Type.Optional(Type.String({ maxLength: 100 })) });

export const RatingBody = Type.Object(
  {
    satisfied: Type.Boolean(),
    comment: Type.Optional(Text(0, 1000)),
    /** For a sender without an account: the key given with the code. */
    key: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const PublicFeedbackQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const PublicFeedback = Type.Object({
  code: Type.String(),
  title: Type.String(),
  content: Type.String(),
  answer: Type.String(),
  categoryName: Type.String(),
  agencyName: Type.String(),
  receivedAt: Timestamp,
  answeredAt: Timestamp,
});

export const PublicFeedbackPage = Type.Object({
  items: Type.Array(PublicFeedback),
  page: Type.Integer(),
  hasMore: Type.Boolean(),
});

// ---- The desk and the officers --------------------------------------------------------------

export const DeskQuery = Type.Object({
  /** `desk`: what the officer's desks hold; `mine`: assigned to me; `approval`: drafts to approve; `overdue`: past the due date. */
  view: Type.Optional(
    Type.Union([
      Type.Literal('desk'),
      Type.Literal('mine'),
      Type.Literal('approval'),
      Type.Literal('overdue'),
    ]),
  ),
  state: Type.Optional(FeedbackStateSchema),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const DeskItem = Type.Object({
  code: Type.String(),
  title: Type.String(),
  categoryName: Type.String(),
  state: FeedbackStateSchema,
  receivedAt: Timestamp,
  dueAt: MaybeTimestamp,
  holderAgencyName: Type.String(),
  assigneeName: Nullable(Type.String()),
  dossierCode: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

export const DeskPage = Type.Object({
  items: Type.Array(DeskItem),
  page: Type.Integer(),
  hasMore: Type.Boolean(),
});

export const FeedbackEventView = Type.Object({
  action: Type.String(),
  actorName: Type.String(),
  agencyName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: Timestamp,
});

/** What an officer sees: the item, its sender's contact, its history and what they may do. */
export const DeskDetail = Type.Object({
  ...FeedbackView.properties,
  senderName: Type.String(),
  senderPhone: Nullable(Type.String()),
  senderEmail: Nullable(Type.String()),
  holderAgencyName: Type.String(),
  assigneeName: Nullable(Type.String()),
  draftAnswer: Nullable(Type.String()),
  extensionReason: Nullable(Type.String()),
  publicInterest: Type.Boolean(),
  /** The answer as the public page would show it (personal data removed). */
  publicPreview: Type.Object({ title: Type.String(), content: Type.String() }),
  events: Type.Array(FeedbackEventView),
  /** Open items that look like this one (same category, alike text): merge candidates. */
  similar: Type.Array(
    Type.Object({ code: Type.String(), title: Type.String(), state: FeedbackStateSchema }),
  ),
  /** Officers the desk may assign it to. */
  assignable: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  /** The actions this officer may take now. */
  actions: Type.Array(Type.String()),
});

// No `additionalProperties: false` in the branches: Ajv would strip the other branches' fields
// while trying the first (removeAdditional), and every action but the first would fail.
export const DeskActionBody = Type.Union([
  Type.Object({ action: Type.Literal('reject'), reason: Text(10, 2000) }),
  Type.Object({ action: Type.Literal('forward'), agencyCode: Type.String({ format: 'qcvn102' }) }),
  Type.Object({ action: Type.Literal('merge'), intoCode: FeedbackCodeParams.properties.code }),
  Type.Object({ action: Type.Literal('assign'), officerId: Type.String({ format: 'uuid' }) }),
  Type.Object({ action: Type.Literal('extend'), reason: Text(10, 2000) }),
  Type.Object({ action: Type.Literal('submitAnswer'), answer: Text(20, 10000) }),
  Type.Object({ action: Type.Literal('approve'), publicInterest: Type.Boolean() }),
  Type.Object({ action: Type.Literal('sendBack'), note: Text(5, 2000) }),
]);
export type DeskAction = Static<typeof DeskActionBody>;

export const DeskActionResult = Type.Object({ code: Type.String(), state: FeedbackStateSchema });

export const DossierFeedback = Type.Array(FeedbackSummary);

// ---- Figures --------------------------------------------------------------------------------

export const FeedbackFiguresQuery = Type.Object({
  /** As the other statistics: `live`, a year, quarter, month or day. */
  period: Type.String({ pattern: PERIOD_PATTERN }),
  agencyCode: Type.Optional(Type.String({ format: 'qcvn102' })),
});

const Rate = Type.Object({
  numerator: Type.Integer(),
  denominator: Type.Integer(),
  percent: Nullable(Type.Number()),
});

export const FeedbackFigures = Type.Object({
  period: Type.Object({ key: Type.String(), label: Type.String() }),
  agencyName: Nullable(Type.String()),
  received: Type.Integer(),
  withinScope: Type.Integer(),
  rejected: Type.Integer(),
  merged: Type.Integer(),
  forwarded: Type.Integer(),
  answered: Type.Integer(),
  answeredOnTime: Type.Integer(),
  published: Type.Integer(),
  rated: Type.Integer(),
  ratedUnsatisfied: Type.Integer(),
  answeredRate: Rate,
  onTimeRate: Rate,
  satisfactionRate: Rate,
  byAgency: Type.Array(
    Type.Object({
      agencyCode: Nullable(Type.String()),
      agencyName: Type.String(),
      forwarded: Type.Integer(),
      answered: Type.Integer(),
      answeredOnTime: Type.Integer(),
      onTimeRate: Rate,
      satisfactionRate: Rate,
    }),
  ),
});

export const FeedbackBehindQuery = Type.Object({
  period: Type.String({ pattern: PERIOD_PATTERN }),
  agencyCode: Type.Optional(Type.String({ format: 'qcvn102' })),
  measure: Type.Unsafe<FeedbackMeasure>({ type: 'string', enum: [...FEEDBACK_MEASURES] }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const FeedbackBehindPage = Type.Object({
  items: Type.Array(FeedbackSummary),
  page: Type.Integer(),
  hasMore: Type.Boolean(),
});
