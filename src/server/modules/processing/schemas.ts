import { Type } from 'typebox';
import { MaybeTimestamp } from '../../platform/schema-types.ts';
import { DossierStatus } from '../dossiers/index.ts';

export const InboxQuery = Type.Object(
  { status: Type.Optional(DossierStatus) },
  { additionalProperties: false },
);
export const DossierIdParams = Type.Object({ dossierId: Type.String({ format: 'uuid' }) });
export const DossierFileIdParams = Type.Object({
  ...DossierIdParams.properties,
  fileId: Type.String({ format: 'uuid' }),
});
export const ActionBody = Type.Object(
  {
    lockVersion: Type.Integer({
      minimum: 0,
      description: 'lockVersion of the dossier as the officer saw it',
    }),
  },
  { additionalProperties: false },
);
export const ActionResult = Type.Object({
  id: Type.String(),
  status: DossierStatus,
  lockVersion: Type.Integer(),
  receivedAt: MaybeTimestamp,
});
