import { Type, type TSchema } from 'typebox';
import { OFFICER_ROLES } from '../../../domain/access.ts';
import { StringEnum, Timestamp } from '../../platform/schema-types.ts';

export const Role = StringEnum(OFFICER_ROLES);
const AccountKind = StringEnum(['citizen', 'officer']);

/** A role an officer holds in an agency. */
const RoleHeld = Type.Object({
  agencyId: Type.String(),
  agencyName: Type.String(),
  role: Role,
  includeSubAgencies: Type.Boolean(),
});

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: AccountKind,
  fullName: Type.String(),
  citizenId: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  sex: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  taxCode: Nullable(Type.String()),
  roles: Type.Array(RoleHeld),
  csrfToken: Type.String({
    description: 'Send it back in the X-CSRF-Token header of every state-changing request',
  }),
});

export const MeResponse = Type.Object({ account: Type.Union([Me, Type.Null()]) });

export const DemoAccounts = Type.Array(
  Type.Object({
    id: Type.String(),
    kind: AccountKind,
    fullName: Type.String(),
    roles: Type.Array(Type.Object({ agencyName: Type.String(), role: Role })),
  }),
);

export const DemoSignInBody = Type.Object(
  { accountId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const Done = Type.Object({ ok: Type.Literal(true) });

export const OfficerSignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const ChangeTemporaryPasswordBody = Type.Object(
  {
    attemptToken: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const TotpBody = Type.Object(
  {
    attemptToken: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.String({ minLength: 1, maxLength: 10 }),
  },
  { additionalProperties: false },
);

export const SignInStep = Type.Object({
  status: StringEnum(['signed_in', 'change_password', 'totp', 'enroll_totp']),
  attemptToken: Type.Optional(
    Type.String({ description: 'Send it with the next step; valid 5 minutes' }),
  ),
  totpSecret: Type.Optional(Type.String({ description: 'Base32, for manual entry' })),
  totpUri: Type.Optional(Type.String({ description: 'otpauth:// URI for the QR code' })),
});

export const SessionList = Type.Array(
  Type.Object({
    id: Type.String(),
    current: Type.Boolean(),
    method: StringEnum(['oidc', 'password', 'demo']),
    ip: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    expiresAt: Timestamp,
  }),
);

export const SessionParams = Type.Object({
  sessionId: Type.String({ pattern: '^[0-9a-f]{64}$' }),
});

export const SignedOut = Type.Object({
  ok: Type.Literal(true),
  logoutUrl: Type.Optional(
    Type.String({ description: 'Identity provider logout, for the browser to visit' }),
  ),
});

export const SignedOutEverywhere = Type.Object({ ended: Type.Integer() });

export const ContactBody = Type.Object(
  {
    phone: Nullable(Type.String({ format: 'vn-phone' })),
    email: Nullable(Type.String({ format: 'email', maxLength: 254 })),
    address: Nullable(Type.String({ minLength: 5, maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const OfficerSummary = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  username: Nullable(Type.String()),
  email: Nullable(Type.String()),
  disabled: Type.Boolean(),
  lockedUntil: Nullable(Timestamp),
  totpEnabled: Type.Boolean(),
  roles: Type.Array(RoleHeld),
});

const RoleGrantFields = {
  agencyId: Type.String({ format: 'uuid' }),
  role: Role,
};

export const NewOfficer = Type.Object(
  {
    fullName: Type.String({ minLength: 3, maxLength: 150 }),
    username: Type.String({
      pattern: '^[A-Za-z][A-Za-z0-9._-]{2,49}$',
      description: 'letters, digits, dot, dash; e.g. chau.lm',
    }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    citizenId: Type.Optional(
      Nullable(
        Type.String({
          format: 'cccd',
          description: 'for signing in through the identity provider',
        }),
      ),
    ),
    ...RoleGrantFields,
    includeSubAgencies: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const RoleGrant = Type.Object(
  { ...RoleGrantFields, includeSubAgencies: Type.Boolean({ default: false }) },
  { additionalProperties: false },
);

export const RoleRevocation = Type.Object(RoleGrantFields, { additionalProperties: false });

export const PasswordResetBody = Type.Object(
  { resetTotp: Type.Boolean({ default: false, description: 'also clear the second factor' }) },
  { additionalProperties: false },
);

export const OfficerParams = Type.Object({ officerId: Type.String({ format: 'uuid' }) });

export const TemporaryPassword = Type.Object({
  id: Type.String(),
  temporaryPassword: Type.String({ description: 'shown once; the officer must replace it' }),
});

export const AuditQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    action: Type.Optional(Type.String({ maxLength: 60 })),
    subjectId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const AuditRecords = Type.Array(
  Type.Object({
    seq: Type.Integer(),
    occurredAt: Timestamp,
    actorName: Type.String(),
    action: Type.String(),
    subjectType: Nullable(Type.String()),
    subjectId: Nullable(Type.String()),
    agencyName: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    details: Type.Record(Type.String(), Type.Unknown()),
  }),
);

export const AuditVerification = Type.Object({
  intact: Type.Boolean(),
  records: Type.Integer(),
  /** The first and last numbers of the records the break lies in: one record or a block. */
  brokenAt: Type.Optional(Type.Integer()),
  brokenThrough: Type.Optional(Type.Integer()),
  reason: Type.Optional(StringEnum(['altered', 'unlinked'])),
});
