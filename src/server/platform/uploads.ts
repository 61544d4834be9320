import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { vietnamDate } from '../../domain/vietnam-time.ts';
import { AppError, commonErrors } from './errors.ts';
import type { FileStorage } from './file-storage.ts';
import { ScannerUnavailableError, type MalwareScanner } from './malware-scan.ts';

/** The one file of a multipart upload (field "file"), whole, with a name safe to store and show. */
export type ReceivedUpload = { fileName: string; content: Buffer };

// Room for the multipart envelope around the file (boundaries, part headers).
const ENVELOPE_BYTES = 16 * 1024;

/**
 * Reads the one file of a multipart/form-data upload, refusing (nothing stored, nothing kept):
 * a declared or actual size over `maxBytes` (413), a body that is not multipart or is malformed
 * (400), and no file (`missing`). Every upload route reads its file through here.
 */
export async function readUpload(
  request: FastifyRequest,
  options: { maxBytes: number; missing: () => AppError },
): Promise<ReceivedUpload> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes + ENVELOPE_BYTES)
    throw commonErrors.payloadTooLarge(uploadLimitText(options.maxBytes));
  if (!request.isMultipart())
    throw commonErrors.validation('Tệp phải được gửi dạng multipart/form-data, trường "file"');
  try {
    const part = await request.file({
      limits: { fileSize: options.maxBytes, files: 1, fields: 5, parts: 6, headerPairs: 20 },
      throwFileSizeLimit: true,
    });
    if (!part) throw options.missing();
    const content = await part.toBuffer();
    if (part.file.truncated) throw commonErrors.payloadTooLarge(uploadLimitText(options.maxBytes));
    return { fileName: safeFileName(part.filename), content };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (statusCode === 413 || code === 'FST_REQ_FILE_TOO_LARGE')
      throw commonErrors.payloadTooLarge(uploadLimitText(options.maxBytes));
    if (statusCode !== undefined && statusCode >= 500) throw error;
    // busboy's own errors (no boundary, unexpected end, malformed part header) and the plugin's limits
    throw commonErrors.validation('Nội dung tải lên không đúng định dạng multipart/form-data');
  }
}

function uploadLimitText(maxBytes: number) {
  return `Dung lượng tối đa cho phép là ${(maxBytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/**
 * A file name fit to store, show and send back: Unicode NFC, without control characters,
 * bidirectional overrides (which disguise "fdp.exe" as "exe.pdf") or path separators, at most 200
 * characters; `tep-dinh-kem` when nothing is left.
 */
export function safeFileName(raw: string | undefined): string {
  const cleaned = (raw ?? '')
    .toWellFormed()
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\uFFFD]/gu, '')
    .replace(/[/\\]/g, '_')
    .replace(/^[.\s]+|\s+$/g, '');
  // Cut at 200 UTF-16 units; a pair of surrogates cut in half is dropped.
  return (
    cleaned
      .slice(0, 200)
      .toWellFormed()
      .replace(/\uFFFD$/u, '') || 'tep-dinh-kem'
  );
}

export type StoredUpload = {
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

/**
 * Stores an upload whose type, sniffed from its bytes (never trusted from its name or the
 * browser), is one of `acceptedMediaTypes`; null when it is not, and then nothing is stored. With
 * a `scanner`, an infected file is refused (422, naming what was found) and, while the scanner
 * cannot answer, every upload (503): nothing unscanned is stored.
 */
export async function storeSniffedUpload(
  storage: FileStorage,
  content: Buffer,
  acceptedMediaTypes: readonly string[],
  folder: string,
  scanner?: MalwareScanner,
): Promise<StoredUpload | null> {
  if (scanner) {
    const verdict = await scanner.scan(content).catch((error: unknown) => {
      if (error instanceof ScannerUnavailableError)
        throw commonErrors.unavailable('Chưa kiểm tra được mã độc trong tệp, vui lòng thử lại sau');
      throw error;
    });
    if (!verdict.clean) throw commonErrors.malware(`Phát hiện: ${verdict.signature}`);
  }
  const sniffed = await fileTypeFromBuffer(content);
  if (!sniffed || !acceptedMediaTypes.includes(sniffed.mime)) return null;
  const month = vietnamDate(new Date()).slice(0, 7).replace('-', '/');
  const storageKey = `${folder}/${month}/${randomUUID()}`;
  await storage.put(storageKey, content);
  return {
    mediaType: sniffed.mime,
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    storageKey,
  };
}

/** Streams a stored file as an attachment, with a name any browser decodes (RFC 6266 / 5987). */
export function sendStoredFile(
  reply: FastifyReply,
  file: { file_name: string; media_type: string; size_bytes: number; content: Readable },
) {
  const asciiName =
    file.file_name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'tep-dinh-kem';
  return reply
    .type(file.media_type)
    .header('content-length', file.size_bytes)
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
    )
    .send(file.content);
}
