import { Type } from 'typebox';
import { StringEnum } from '../../platform/schema-types.ts';

const Role = StringEnum([
  'reception',
  'specialist',
  'department_head',
  'leader',
  'agency_admin',
  'national_supervisor',
  'system_admin',
]);
const AccountKind = StringEnum(['citizen', 'officer']);

export const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: AccountKind,
  fullName: Type.String(),
  citizenId: Type.Union([Type.String(), Type.Null()]),
  birthDate: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(
    Type.Object({ agencyId: Type.String(), agencyName: Type.String(), role: Role }),
  ),
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
