import type { Readable } from 'node:stream';
import { Type } from 'typebox';

/** A file body: the handler sends bytes or a stream; OpenAPI shows a binary string. */
export const BinaryFile = Type.Unsafe<Buffer | Readable>({ type: 'string', format: 'binary' });

/** A DER TimeStampResp (RFC 3161) answered to a time-stamping request. */
export const TimestampReply = Type.Unsafe<Buffer>({
  type: 'string',
  format: 'binary',
  description: 'A DER TimeStampResp (RFC 3161), application/timestamp-reply',
});
