/** The size of the chunks a streamed export writes. */
export const CHUNK_BYTES = 64 * 1024;

/** The most bytes one UTF-16 code unit takes in UTF-8. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Text of a streamed export gathered as UTF-8 into buffers of `CHUNK_BYTES` (decision 0023). Each
 * piece of text is encoded as it comes and dies young; the chunks live outside the JavaScript heap
 * until the client has read them. Chunks built as strings were ropes of hundreds of pieces that
 * outlived the young generation whenever the client was slower than the database, and grew the
 * heap by a hundred MB over a million-row export.
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
