import { Type, type TSchema } from 'typebox';
import { StringEnum, Timestamp } from '../../platform/schema-types.ts';
import { PERIOD_PATTERN } from '../../../domain/stats-period.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../domain/webhook-events.ts';
import { FeeSchedule, RequiredDocument } from '../catalog/schemas.ts';
import { Indicators } from '../monitoring/schemas.ts';
import { FeeChoice } from '../dossiers/schemas.ts';

const AgencyCode = Type.String({ pattern: '^[0-9A-Z.]{3,40}$', description: 'QCVN 102 code' });

const PublicJwk = Type.Object(
  {
    kty: Type.Literal('RSA'),
    n: Type.String({ minLength: 300, maxLength: 2000 }),
    e: Type.String({ minLength: 1, maxLength: 20 }),
    kid: Type.String({ minLength: 1, maxLength: 200 }),
    alg: Type.Optional(Type.Literal('RS256')),
    use: Type.Optional(Type.Literal('sig')),
  },
  { additionalProperties: false },
);

export const NewMember = Type.Object(
  {
    name: Type.String({ minLength: 3, maxLength: 200 }),
    agencyCodes: Type.Array(AgencyCode, { minItems: 1, maxItems: 5000, uniqueItems: true }),
    jwks: Type.Object(
      { keys: Type.Array(PublicJwk, { minItems: 1, maxItems: 10 }) },
      { additionalProperties: false, description: "the member's public signing keys (JWKS)" },
    ),
    url: Type.Optional(
      Type.String({
        maxLength: 300,
        pattern: '^https?://[^\\s/?#]+/?$',
        description:
          "the member's public address, where the portal delivers submissions and fetches results (e.g. https://dichvucong.hochiminhcity.gov.vn)",
      }),
    ),
  },
  { additionalProperties: false },
);

/** A member of the demonstration joining: its registry entry, and its sign-in client (SSO). */
export const DemoJoin = Type.Object(
  {
    ...NewMember.properties,
    oidcClient: Type.Optional(
      Type.Object(
        {
          clientId: Type.String({ minLength: 3, maxLength: 100 }),
          clientSecret: Type.String({ minLength: 8, maxLength: 200 }),
          redirectUri: Type.String({ pattern: '^https?://', maxLength: 500 }),
          postLogoutRedirectUri: Type.String({ pattern: '^https?://', maxLength: 500 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const Member = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  agencyCodes: Type.Array(Type.String()),
  keyIds: Type.Array(Type.String()),
  appliedSeq: Type.Integer(),
  lastMessageAt: Type.Union([Timestamp, Type.Null()]),
});

/** A member as the portal's administrator sees it: what it sent, and what waits to reach it. */
export const MemberStatus = Type.Object({
  ...Member.properties,
  waitingSubmissions: Type.Integer({ description: 'applications kept for it, not yet delivered' }),
  oldestWaitingAt: Type.Union([Timestamp, Type.Null()]),
  lastDeliveryError: Type.Union([Type.String(), Type.Null()]),
});

export const MemberParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const MessageBatch = Type.Object(
  {
    messages: Type.Array(Type.String({ maxLength: 20_000, description: 'a JWS, compact' }), {
      minItems: 1,
      maxItems: 1000,
    }),
  },
  { additionalProperties: false },
);

export const BatchApplied = Type.Object({
  applied: Type.Integer(),
  duplicates: Type.Integer(),
  appliedSeq: Type.Integer({ description: "the member's last applied sequence number" }),
});

/** A message as signed (decision 0017): the envelope, and the body its type describes. */
export const SignedMessage = Type.Object({
  id: Type.String({ format: 'uuid' }),
  seq: Type.Integer({ minimum: 1 }),
  sentAt: Type.String({ format: 'date-time' }),
  type: Type.String({ minLength: 1, maxLength: 60 }),
  agencyCode: AgencyCode,
  key: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.Record(Type.String(), Type.Unknown()),
});

const MaybeDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const DossierProgressBody = Type.Object({
  code: Type.String({ minLength: 5, maxLength: 60 }),
  agencyCode: AgencyCode,
  procedureCode: Type.String({ minLength: 1, maxLength: 40 }),
  procedureName: Type.String({ minLength: 1, maxLength: 500 }),
  channel: StringEnum(['online', 'counter', 'post']),
  action: Type.String({ minLength: 1, maxLength: 40 }),
  from: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
  to: Type.String({ minLength: 1, maxLength: 40 }),
  occurredAt: Type.String({ format: 'date-time' }),
  submittedAt: Type.String({ format: 'date-time' }),
  receivedAt: MaybeDate,
  dueAt: MaybeDate,
  finishedAt: MaybeDate,
  applicantCitizenId: Type.Union([Type.String({ pattern: '^[0-9]{12}$' }), Type.Null()]),
  rating: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()])),
});

export const DestinationParams = Type.Object(
  { destination: Type.String({ pattern: '^[a-z0-9:-]{1,80}$' }) },
  { additionalProperties: false },
);

const DeadLetter = Type.Object({
  seq: Type.Integer(),
  since: Timestamp,
  error: Type.Union([Type.String(), Type.Null()]),
});

export const SyncStatus = Type.Object({
  lastSeq: Type.Integer({ description: 'the newest numbered message of the outbox' }),
  destinations: Type.Array(
    Type.Object({
      destination: Type.String(),
      deliveredSeq: Type.Integer(),
      lag: Type.Integer({ description: 'messages not yet delivered' }),
      failures: Type.Integer({ description: 'failed attempts since the last delivery' }),
      lastError: Type.Union([Type.String(), Type.Null()]),
      nextAttemptAt: Timestamp,
      deadLetter: Type.Union([DeadLetter, Type.Null()], {
        description: 'the message refused for good: delivery waits for a retry',
      }),
    }),
  ),
});

/** A member's service as published (Decision 31/2021 art. 30 cl. 3): see `catalog/service.mirror.ts`. */
export const PublishedServiceBody = Type.Object({
  agencyCode: AgencyCode,
  status: StringEnum(['draft', 'published', 'unpublished']),
  onlineLevel: StringEnum(['full', 'partial']),
  procedure: Type.Object({
    nationalCode: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 500 }),
    field: Type.String({ maxLength: 300 }),
    legalBasis: Type.String({ maxLength: 5000 }),
    carriedOutBy: Type.Array(StringEnum(['central', 'province', 'commune'])),
    conditions: Type.String({ maxLength: 10_000 }),
    resultType: Type.String({ maxLength: 1000 }),
  }),
  version: Type.Union([
    Type.Object({
      number: Type.Integer({ minimum: 1 }),
      publishedAt: Type.String({ format: 'date-time' }),
      processingDays: Type.Integer({ minimum: 0, maximum: 365 }),
      feeVnd: Type.Integer({ minimum: 0 }),
      feeSchedule: FeeSchedule,
      paymentOnline: Type.Boolean(),
      resultOnline: Type.Boolean(),
      requiredDocuments: Type.Array(RequiredDocument, { maxItems: 50 }),
      formSchema: Type.Record(Type.String(), Type.Unknown()),
      uiSchema: Type.Record(Type.String(), Type.Unknown()),
    }),
    Type.Null(),
  ]),
});

export const DossierCodeParams = Type.Object(
  { code: Type.String({ minLength: 5, maxLength: 60, pattern: '^[0-9A-Za-z.-]+$' }) },
  { additionalProperties: false },
);

const NationalDossierFields = {
  code: Type.String(),
  agencyCode: Type.String(),
  agencyName: Type.String(),
  procedureCode: Type.String(),
  procedureName: Type.String(),
  channel: Type.String(),
  status: Type.String(),
  submittedAt: Timestamp,
  receivedAt: Type.Union([Timestamp, Type.Null()]),
  dueAt: Type.Union([Timestamp, Type.Null()]),
  finishedAt: Type.Union([Timestamp, Type.Null()]),
  updatedAt: Timestamp,
};

/** A citizen's dossier at a member system, as the national portal knows it. */
export const NationalDossier = Type.Object(NationalDossierFields);

export const NationalDossierDetail = Type.Object({
  ...NationalDossierFields,
  memberLink: Type.Union([Type.String(), Type.Null()], {
    description:
      "the dossier's page at the agency system, through sign-in with the shared identity provider",
  }),
  result: Type.Union([
    Type.Object({
      verificationCode: Type.String({
        description: 'to verify the PDF, which stays at the member',
      }),
      sha256: Type.String(),
      signedAt: Timestamp,
    }),
    Type.Null(),
  ]),
  payments: Type.Array(
    Type.Object({
      state: StringEnum(['paid', 'refunded']),
      amountVnd: Type.Integer(),
      receiptNo: Type.Union([Type.String(), Type.Null()]),
      at: Timestamp,
    }),
  ),
  events: Type.Array(
    Type.Object({
      action: Type.String(),
      from: Type.Union([Type.String(), Type.Null()]),
      to: Type.String(),
      occurredAt: Timestamp,
    }),
  ),
});

const DossierCode = Type.String({ minLength: 5, maxLength: 60 });

/** A result signed at the member: its reference and hash (the PDF stays there). */
export const ResultSignedBody = Type.Object({
  code: DossierCode,
  verificationCode: Type.String({ minLength: 6, maxLength: 40 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  signedAt: Type.String({ format: 'date-time' }),
});

/** A fee paid or refunded at the member: amount, receipt number, state. */
export const PaymentBody = Type.Object({
  code: DossierCode,
  txnRef: Type.String({ minLength: 1, maxLength: 100 }),
  amountVnd: Type.Integer({ minimum: 0 }),
  receiptNo: Type.Union([Type.String({ maxLength: 100 }), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
});

export const NewWebhook = Type.Object(
  {
    agencyId: Type.String({ format: 'uuid' }),
    url: Type.String({ minLength: 10, maxLength: 2000, description: 'the HTTPS endpoint' }),
    eventTypes: Type.Array(StringEnum(WEBHOOK_EVENT_TYPES), {
      minItems: 1,
      maxItems: WEBHOOK_EVENT_TYPES.length,
      uniqueItems: true,
    }),
    description: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const Webhook = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  description: Type.String(),
  createdAt: Timestamp,
  deliveredSeq: Type.Integer({ description: 'the last outbox number delivered' }),
  pending: Type.Integer({ description: 'messages waiting for this endpoint (up to 10,000)' }),
  failures: Type.Integer({ description: 'failed attempts at the next message' }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Timestamp,
  deadLetter: Type.Union([DeadLetter, Type.Null()]),
});

export const NewWebhookCreated = Type.Object({
  webhook: Webhook,
  secret: Type.String({ description: 'shown once: the key to verify signatures with (whsec_…)' }),
});

export const WebhookParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const WebhookReplay = Type.Object(
  { fromSeq: Type.Integer({ minimum: 1, description: 'deliver again from this outbox number' }) },
  { additionalProperties: false },
);

export const WebhookDelivery = Type.Object({
  messageId: Type.String(),
  seq: Type.Integer(),
  attempt: Type.Integer(),
  status: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer(),
  at: Timestamp,
});

/**
 * An agency's dossier figures as the national portal counts them from what members sent: an
 * agency system's, less what members do not send (open dossiers at an instant, fees owed).
 */
const DossierFigures = Type.Omit(Indicators.properties.dossiers, ['open', 'onlinePaymentRate']);

export const NationalFiguresQuery = Type.Object(
  { period: Type.String({ pattern: PERIOD_PATTERN, default: 'live' }) },
  { additionalProperties: false },
);

export const NationalFigures = Type.Object({
  period: Type.Object({
    key: Type.String(),
    kind: Type.String(),
    from: Type.String(),
    to: Type.String(),
    label: Type.String(),
  }),
  national: DossierFigures,
  nationalSatisfaction: Indicators.properties.satisfaction,
  agencies: Type.Array(
    Type.Object({
      agencyCode: Type.String(),
      agencyName: Type.Union([Type.String(), Type.Null()]),
      member: Type.String({ description: 'the agency system that reported it' }),
      figures: DossierFigures,
      satisfaction: Indicators.properties.satisfaction,
    }),
  ),
});

/** What the national portal signs when it hands a citizen's application to a member. */
export const PortalSubmission = Type.Object({
  type: Type.Literal('hub.submission'),
  id: Type.String({
    format: 'uuid',
    description: 'the submission: a repeat makes no second dossier',
  }),
  agencyCode: AgencyCode,
  procedureCode: Type.String({ minLength: 1, maxLength: 60 }),
  version: Type.Integer({
    minimum: 1,
    description: 'the published version the portal validated with',
  }),
  applicant: Type.Object({
    citizenId: Type.String({ pattern: '^[0-9]{12}$' }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
  }),
  formData: Type.Record(Type.String(), Type.Unknown()),
  feeChoice: Type.Union([FeeChoice, Type.Null()]),
  documents: Type.Array(
    Type.Object({
      documentKey: Type.String({ maxLength: 100 }),
      fileName: Type.String({ maxLength: 255 }),
      sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    }),
    { maxItems: 50 },
  ),
  returnAtCode: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'the service center of the province where the applicant collects the result',
    }),
  ),
});

export const SubmissionDelivery = Type.Object(
  {
    submission: Type.String({
      maxLength: 2_000_000,
      description:
        "a JWS (compact) signed by the national portal's federation key: a PortalSubmission",
    }),
    files: Type.Array(
      Type.Object(
        {
          sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
          contentBase64: Type.String({ contentEncoding: 'base64' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

export const MemberReceipt = Type.Object({
  code: Type.String({ description: 'the dossier code the member issued' }),
  status: Type.String(),
  submittedAt: Timestamp,
});

const SubmissionState = StringEnum(['pending', 'delivered', 'refused']);

export const NationalSubmission = Type.Object({
  id: Type.String(),
  state: SubmissionState,
  code: Type.Union([Type.String(), Type.Null()]),
  procedureName: Type.String(),
  agencyName: Type.String(),
  submittedAt: Timestamp,
  deliveredAt: Type.Union([Timestamp, Type.Null()]),
  refusal: Type.Union([Type.String(), Type.Null()]),
  waiting: Type.Boolean({ description: "tried, and the agency's system could not be reached yet" }),
});

export const SubmissionParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const FeedbackCode = Type.String({ pattern: '^PAKN-\\d{8}-\\d{6,}$', maxLength: 40 });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** What the national portal signs to hand a member the feedback its agency is competent for. */
export const PortalFeedback = Type.Object({
  type: Type.Literal('hub.feedback'),
  id: Type.String({ format: 'uuid', description: 'the transfer' }),
  portalCode: FeedbackCode,
  agencyCode: AgencyCode,
  categoryCode: Type.String({ minLength: 2, maxLength: 40 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  content: Type.String({ minLength: 1, maxLength: 5000 }),
  province: Nullable(Type.String({ maxLength: 100 })),
  commune: Nullable(Type.String({ maxLength: 100 })),
  address: Nullable(Type.String({ maxLength: 300 })),
  dossierCode: Nullable(Type.String({ maxLength: 60 })),
  senderName: Type.String({ minLength: 1, maxLength: 200 }),
  consentToPublish: Type.Boolean(),
  receivedAt: Type.String({ format: 'date-time' }),
  forwardedAt: Type.String({ format: 'date-time' }),
  dueAt: Type.String({
    format: 'date-time',
    description: 'counted at the portal when it forwarded',
  }),
  files: Type.Array(
    Type.Object({
      fileName: Type.String({ minLength: 1, maxLength: 255 }),
      sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    }),
    { maxItems: 5 },
  ),
});

/** What the national portal signs to tell a member how the sender rated its answer. */
export const PortalFeedbackRating = Type.Object({
  type: Type.Literal('hub.feedback-rating'),
  id: Type.String({ format: 'uuid', description: 'the transfer' }),
  portalCode: FeedbackCode,
  agencyCode: AgencyCode,
  satisfied: Type.Boolean(),
  comment: Nullable(Type.String({ maxLength: 2000 })),
  ratedAt: Type.String({ format: 'date-time' }),
});

export const FeedbackDelivery = Type.Object(
  {
    message: Type.String({
      maxLength: 200_000,
      description:
        "a JWS (compact) signed by the national portal's federation key: a PortalFeedback or a PortalFeedbackRating",
    }),
    files: Type.Array(
      Type.Object(
        {
          sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
          contentBase64: Type.String({ contentEncoding: 'base64' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 5 },
    ),
  },
  { additionalProperties: false },
);

export const FeedbackReceipt = Type.Object({
  code: Type.String({ description: "the member's code for the item" }),
});

/** A member's change to an item the portal sent it (`feedback.progress`). */
export const FeedbackProgressBody = Type.Object({
  portalCode: FeedbackCode,
  code: FeedbackCode,
  action: Type.String({ minLength: 1, maxLength: 40 }),
  state: StringEnum(['forwarded', 'assigned', 'awaiting_approval', 'answered']),
  competentAgencyCode: AgencyCode,
  dueAt: MaybeDate,
  extendedAt: MaybeDate,
  extensionReason: Nullable(Type.String({ maxLength: 2000 })),
  answeredAt: MaybeDate,
  answer: Nullable(Type.String({ maxLength: 10000 })),
  publicInterest: Type.Boolean(),
  occurredAt: Type.String({ format: 'date-time' }),
});
