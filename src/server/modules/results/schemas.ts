import { Type } from 'typebox';
import { MaybeTimestamp, StringEnum, Timestamp } from '../../platform/schema-types.ts';

export const DossierIdParams = Type.Object({ dossierId: Type.String({ format: 'uuid' }) });

const MaybeString = Type.Union([Type.String(), Type.Null()]);

export const ResultDocumentView = Type.Object({
  source: StringEnum(['template', 'upload'] as const),
  preparedAt: Timestamp,
  draftSha256: Type.String(),
  verificationCode: Type.String({ description: 'Printed under the QR code of the signed result' }),
  verificationUrl: Type.String(),
  signed: Type.Boolean(),
  signedAt: MaybeTimestamp,
  signerName: MaybeString,
  signedSha256: MaybeString,
});

export const ResultFileQuery = Type.Object(
  { kind: Type.Optional(StringEnum(['draft', 'signed'] as const)) },
  { additionalProperties: false },
);

export const VerificationCodeParams = Type.Object({
  verificationCode: Type.String({ pattern: '^[0-9A-Za-z]{12}$' }),
});

const RegistryRecord = Type.Object({
  dossierCode: Type.String(),
  agencyName: Type.String(),
  procedureName: Type.String(),
  signerName: Type.String(),
  signedAt: Timestamp,
  sha256: Type.String({ description: 'SHA-256 of the signed file this portal issued' }),
  verificationCode: Type.String(),
});
export const VerificationRecord = RegistryRecord;

export const VerificationReport = Type.Object({
  verdict: StringEnum(['valid', 'untrusted', 'modified', 'unsigned'] as const, {
    description:
      'valid: every signature intact, covering the whole file and trusted; untrusted: intact but not from a trusted authority; modified: changed after signing; unsigned: no signature',
  }),
  signatures: Type.Array(
    Type.Object({
      intact: Type.Boolean(),
      coversWholeFile: Type.Boolean(),
      trusted: Type.Boolean(),
      subFilter: MaybeString,
      signedAt: MaybeTimestamp,
      timestamp: Type.Union(
        [
          Type.Object({
            time: Timestamp,
            trusted: Type.Boolean(),
            authority: MaybeString,
          }),
          Type.Null(),
        ],
        {
          description:
            'The signature time-stamp (RFC 3161, PAdES B-T): the time a time-stamping authority vouches for; the certificates are judged at that time when the authority is trusted, otherwise now',
        },
      ),
      revocation: StringEnum(['good', 'revoked', 'unknown'] as const, {
        description:
          "The chain's revocation status at that time, from the CRLs the document carries (PAdES B-LT) and the ones this portal's authority issues",
      }),
      signer: Type.Union([
        Type.Object({
          commonName: MaybeString,
          organization: MaybeString,
          issuer: MaybeString,
          serialNumber: Type.String(),
          validTo: Timestamp,
        }),
        Type.Null(),
      ]),
    }),
  ),
  record: Type.Union([RegistryRecord, Type.Null()]),
});
