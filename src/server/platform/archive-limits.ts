import yauzl from 'yauzl';

/** What one uploaded ZIP-based document (XLSX, DOCX) may hold once inflated. */
export const ARCHIVE_LIMITS = { maxInflatedBytes: 50 * 1024 * 1024, maxEntries: 2_000 };

export class ArchiveTooLargeError extends Error {}
export class ArchiveUnreadableError extends Error {}

/**
 * Inflates every entry of a ZIP with a cap on the total, before any parser sees it: a
 * decompression bomb (a few hundred kilobytes that inflate to gigabytes) is refused after at most
 * `maxInflatedBytes` of work, whatever sizes its headers declare (an entry that inflates past its
 * declared size fails too).
 */
export function checkArchiveInflation(content: Buffer, limits = ARCHIVE_LIMITS): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      content,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
      (openError, zip) => {
        if (openError) {
          reject(new ArchiveUnreadableError(openError.message));
          return;
        }
        let entries = 0;
        let inflated = 0;
        const fail = (error: Error) => {
          zip.close();
          reject(error);
        };
        zip.on('error', (error: Error) => fail(new ArchiveUnreadableError(error.message)));
        zip.on('end', () => resolve());
        zip.on('entry', (entry: yauzl.Entry) => {
          entries += 1;
          if (entries > limits.maxEntries)
            return fail(new ArchiveTooLargeError('too many entries'));
          if (inflated + entry.uncompressedSize > limits.maxInflatedBytes)
            return fail(new ArchiveTooLargeError('declared sizes over the limit'));
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError) return fail(new ArchiveUnreadableError(streamError.message));
            stream.on('data', (chunk: Buffer) => {
              inflated += chunk.length;
              if (inflated > limits.maxInflatedBytes) {
                stream.destroy();
                fail(new ArchiveTooLargeError('inflated over the limit'));
              }
            });
            stream.on('error', (error: Error) => fail(new ArchiveUnreadableError(error.message)));
            stream.on('end', () => zip.readEntry());
          });
        });
        zip.readEntry();
      },
    );
  });
}
