import { randomBytes } from 'node:crypto';
import { sha256, signedData, type CmsSigner, type Timestamper } from './cms.ts';
import { arrayBuffer, asn1js, OID, pkijs, toDer } from './pki.ts';

/**
 * RFC 3161 time-stamping: the authority (the demo one this instance runs under its demo root CA,
 * served over the RFC 3161 HTTP transport so it stands in for any real TSA), and the client that
 * asks any RFC 3161 authority for a token over a signature.
 */

export const TIMESTAMP_QUERY = 'application/timestamp-query';
export const TIMESTAMP_REPLY = 'application/timestamp-reply';

/**
 * The demo authority's policy: an OID from the UUID arc (ITU-T X.667), which anyone may mint
 * without registering; a real TSA states its own.
 */
const DEMO_POLICY = '2.25.199161306329519787463620137012364730203';

/** PKIFailureInfo bits (RFC 3161 2.4.2). */
const FAILURE = { badAlg: 0, badRequest: 2, badDataFormat: 5 } as const;

const integer = (bytes: Buffer) => new asn1js.Integer({ valueHex: arrayBuffer(bytes) });
const positiveSerial = () => Buffer.concat([Buffer.from([0x01]), randomBytes(15)]);

function rejection(failure: number, text: string) {
  const bits = new Uint8Array(3);
  bits[failure >> 3] = 0x80 >> (failure & 7);
  return toDer(
    new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({
        status: pkijs.PKIStatus.rejection,
        statusStrings: [new asn1js.Utf8String({ value: text })],
        failInfo: new asn1js.BitString({ valueHex: arrayBuffer(Buffer.from(bits)), unusedBits: 0 }),
      }),
    }),
  );
}

/**
 * A time-stamping authority: answers a DER TimeStampReq with a DER TimeStampResp whose token is
 * signed by `signer` (a certificate with the critical extended key usage id-kp-timeStamping).
 */
export function createTimestampAuthority(signer: CmsSigner, clock: () => Date = () => new Date()) {
  return async function respond(query: Uint8Array): Promise<Buffer> {
    let request: pkijs.TimeStampReq;
    try {
      request = pkijs.TimeStampReq.fromBER(arrayBuffer(query));
    } catch {
      return rejection(FAILURE.badDataFormat, 'not a TimeStampReq');
    }
    const imprint = request.messageImprint;
    if (imprint.hashAlgorithm.algorithmId !== OID.sha256)
      return rejection(FAILURE.badAlg, 'only SHA-256 imprints are accepted');
    if (imprint.hashedMessage.valueBlock.valueHexView.byteLength !== 32)
      return rejection(FAILURE.badRequest, 'the imprint is not a SHA-256 digest');
    const info = new pkijs.TSTInfo({
      version: 1,
      policy: DEMO_POLICY,
      messageImprint: imprint,
      serialNumber: integer(positiveSerial()),
      // Whole seconds: GeneralizedTime without fractions is what every verifier reads.
      genTime: new Date(Math.floor(clock().getTime() / 1000) * 1000),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const tstInfo = toDer(info);
    const data = await signedData({
      contentType: OID.tstInfo,
      eContent: tstInfo,
      digest: sha256(tstInfo),
      signer,
    });
    // The authority's certificates go in only when asked for (certReq).
    if (!request.certReq) delete data.certificates;
    return toDer(
      new pkijs.TimeStampResp({
        status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
        timeStampToken: new pkijs.ContentInfo({
          contentType: OID.signedData,
          content: data.toSchema(true),
        }),
      }),
    );
  };
}

export type TimestampAuthority = ReturnType<typeof createTimestampAuthority>;

export class TimestampError extends Error {}

/** A TimeStampReq for a SHA-256 digest, with a fresh nonce and the authority's certificates asked for. */
export function timestampQuery(digest: Buffer) {
  const nonce = positiveSerial();
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: arrayBuffer(digest) }),
    }),
    nonce: integer(nonce),
    certReq: true,
  });
  return { query: toDer(request), nonce };
}

/** The token of a TimeStampResp, after checking it answers this digest and this nonce. */
export function tokenFromReply(reply: Uint8Array, digest: Buffer, nonce: Buffer): Buffer {
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(arrayBuffer(reply));
  } catch {
    throw new TimestampError('the time-stamping authority answered something unreadable');
  }
  const status = response.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods)
    throw new TimestampError(
      `the time-stamping authority refused: ${response.status.statusStrings?.map((s) => s.valueBlock.value).join('; ') ?? status}`,
    );
  const token = response.timeStampToken;
  if (!token) throw new TimestampError('the time-stamping authority sent no token');
  const info = tstInfoOf(token);
  const imprint = Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView);
  const answeredNonce = info.nonce
    ? Buffer.from(info.nonce.valueBlock.valueHexView)
    : Buffer.alloc(0);
  if (!imprint.equals(digest) || !answeredNonce.equals(nonce))
    throw new TimestampError('the time-stamp token answers another request');
  return toDer(token);
}

/** The TSTInfo a token (ContentInfo with SignedData) carries; malformed input throws. */
export function tstInfoOf(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const data = new pkijs.SignedData({ schema: token.content });
  const content = data.encapContentInfo.eContent;
  if (data.encapContentInfo.eContentType !== OID.tstInfo || !content)
    throw new TimestampError('not a time-stamp token');
  return pkijs.TSTInfo.fromBER(content.getValue());
}

/** Time-stamps from an authority reached over HTTP (RFC 3161 section 3.4). */
export function httpTimestamper(url: string, timeoutMs = 10_000): Timestamper {
  return async (digest) => {
    const { query, nonce } = timestampQuery(digest);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': TIMESTAMP_QUERY },
        body: query,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new TimestampError(`the time-stamping authority cannot be reached: ${String(error)}`);
    }
    if (!response.ok || !response.headers.get('content-type')?.startsWith(TIMESTAMP_REPLY))
      throw new TimestampError(`the time-stamping authority answered HTTP ${response.status}`);
    return tokenFromReply(Buffer.from(await response.arrayBuffer()), digest, nonce);
  };
}

/** Time-stamps from the authority in this process (demo mode without a configured TSA). */
export function localTimestamper(authority: TimestampAuthority): Timestamper {
  return async (digest) => {
    const { query, nonce } = timestampQuery(digest);
    return tokenFromReply(await authority(query), digest, nonce);
  };
}
