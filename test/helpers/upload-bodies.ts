/** A multipart/form-data body with one file in the field "file", as a browser sends it. */
export function multipartBody(fileName: string, content: Buffer, mediaType: string) {
  const boundary = `----opendvc${String(Date.now())}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${mediaType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** The hex CMS signature of a signed PDF's first signature dictionary. */
export function cmsHexOf(signedPdf: Buffer): string {
  return /\/Contents\s*<([0-9a-fA-F]+)>/.exec(signedPdf.toString('latin1'))?.[1] ?? '';
}

/**
 * A PDF built to make a naive verifier work: `count` signature dictionaries, each carrying a real
 * CMS signature and a byte range around it that covers the whole file, so that each one costs a
 * copy and a SHA-256 of everything.
 */
export function expensivePdf(cmsHex: string, count: number, bodyBytes: number) {
  const width = 10;
  const number = (n: number) => String(n).padStart(width, '0');
  const head = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(bodyBytes, 0x20)]);
  const prefixLength = '<</ByteRange [0 '.length + 3 * width + 2 + '] /Contents '.length;
  const dictionaryLength = prefixLength + cmsHex.length + 2 + '>>\n'.length;
  const total = head.length + count * dictionaryLength + '%%EOF\n'.length;
  const dictionaries = Array.from({ length: count }, (_, i) => {
    const gapStart = head.length + i * dictionaryLength + prefixLength;
    const gapEnd = gapStart + cmsHex.length + 2;
    return `<</ByteRange [0 ${number(gapStart)} ${number(gapEnd)} ${number(total - gapEnd)}] /Contents <${cmsHex}>>>\n`;
  });
  return Buffer.concat([head, Buffer.from(dictionaries.join('')), Buffer.from('%%EOF\n')]);
}
