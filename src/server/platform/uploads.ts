import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { vietnamDate } from '../../domain/vietnam-time.ts';
import type { FileStorage } from './file-storage.ts';

export type StoredUpload = {
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
};

/**
 * Stores an upload whose type, sniffed from its bytes (never trusted from its name or the
 * browser), is one of `acceptedMediaTypes`; null when it is not, and then nothing is stored.
 */
export async function storeSniffedUpload(
  storage: FileStorage,
  content: Buffer,
  acceptedMediaTypes: readonly string[],
  folder: string,
): Promise<StoredUpload | null> {
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
