import { Type, type Static } from 'typebox';

/** Who runs this portal: the header, the footer and the limits the forms check before sending. */
export const PortalInfo = Type.Object({
  name: Type.String(),
  agency: Type.String(),
  contact: Type.String(),
  demoMode: Type.Boolean(),
  demoOfficerPassword: Type.Optional(Type.String()),
  officersSignInWithOidc: Type.Boolean(),
  national: Type.Boolean({
    description:
      "This is the national portal: a citizen's applications go to the agency systems (decision 0017)",
  }),
  uploadMaxBytes: Type.Integer({
    description: 'The largest file a dossier accepts; the form checks it before sending',
  }),
});
export type PortalInfo = Static<typeof PortalInfo>;
