import { Type } from 'typebox';
import { MaybeTimestamp, Timestamp } from '../../platform/schema-types.ts';

export const Notice = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  dossierCode: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  read: Type.Boolean(),
});

export const CapturedMail = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  createdAt: Timestamp,
  sentAt: MaybeTimestamp,
});

export const Done = Type.Object({ done: Type.Literal(true) });
