/** The size of the chunks a streamed export writes. */
export const CHUNK_BYTES = 64 * 1024;

/** The most bytes one UTF-16 code unit takes in UTF-8. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Text of a streamed export gathered as UTF-8 into buffers of `CHUNK_BYTES` (decision 0023). Each
 * piece of text is encoded as it comes; a chunk waiting for a slow client is bytes outside the
 * JavaScript heap. Chunks of 500 rows built as strings reached 600 kB in the XLSX, large enough for
 * V8 to allocate them in the old generation, and a first export grew the process by 146 MB.
 */
export class ByteChunks {
  #buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #length = 0;

  /** Adds the text, and returns the chunk it filled, if any. */
  add(text: string): Buffer | undefined {
    if (text.length * MAX_BYTES_PER_UNIT <= CHUNK_BYTES - this.#length) {
      this.#length += this.#buffer.write(text, this.#length);
      return undefined;
    }
    const full = this.take();
    if (text.length * MAX_BYTES_PER_UNIT > CHUNK_BYTES)
      return Buffer.concat([full, Buffer.from(text)]);
    this.#length = this.#buffer.write(text, 0);
    return full;
  }

  /** The bytes gathered so far (possibly none), as a chunk of their own. */
  take(): Buffer {
    const chunk = this.#buffer.subarray(0, this.#length);
    this.#buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.#length = 0;
    return chunk;
  }
}
