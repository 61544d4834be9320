import { describe, expect, it } from 'vitest';
import { ByteChunks, CHUNK_BYTES } from './byte-chunks.ts';

describe('ByteChunks', () => {
  it('gives back exactly the text added, in chunks no larger than CHUNK_BYTES', () => {
    const bytes = new ByteChunks();
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `${String(i)},Nguyễn Thị Ánh Tuyết,Đã tiếp nhận\r\n`,
    );
    const chunks: Buffer[] = [];
    for (const line of lines) {
      const full = bytes.add(line);
      if (full) chunks.push(full);
    }
    chunks.push(bytes.take());
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(CHUNK_BYTES);
    // each chunk ends on a whole line: no character is cut between two chunks
    for (const chunk of chunks.slice(0, -1))
      expect(chunk.toString('utf8').endsWith('\r\n')).toBe(true);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(lines.join(''));
  });

  it('passes a text longer than a chunk whole, after what was gathered before it', () => {
    const bytes = new ByteChunks();
    const long = 'ộ'.repeat(CHUNK_BYTES);
    expect(bytes.add('đầu,')).toBeUndefined();
    const full = bytes.add(long);
    expect(full?.toString('utf8')).toBe(`đầu,${long}`);
    expect(bytes.take().length).toBe(0);
  });
});
