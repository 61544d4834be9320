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
 * A PDF built to make a verifier work: a form with `count` signature fields, each carrying a real
 * CMS signature and a byte range around it that covers the whole file (padded to `bodyBytes`), so
 * that each one costs a copy and a SHA-256 of everything. Signature fields are found as a PDF
 * reader finds them (the catalog's /AcroForm); no cross-reference table, which readers rebuild.
 */
export function expensivePdf(cmsHex: string, count: number, bodyBytes: number) {
  const width = 10;
  const number = (n: number) => String(n).padStart(width, '0');
  const objectNumber = (i: number) => String(1000 + i);
  const fields = Array.from({ length: count }, (_, i) => `${objectNumber(i)} 0 R`).join(' ');
  const head = Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n1 0 obj\n<</Type /Catalog /Pages 2 0 R /AcroForm <</Fields [${fields}]>>>>\nendobj\n` +
        '2 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1>>\nendobj\n' +
        '3 0 obj\n<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>\nendobj\n%',
    ),
    Buffer.alloc(bodyBytes, 0x20),
    Buffer.from('\n'),
  ]);
  const prefix = (i: number) =>
    `${objectNumber(i)} 0 obj\n<</FT /Sig /T (s${objectNumber(i)}) /V <</Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 `;
  const prefixLength = prefix(0).length + 3 * width + 2 + '] /Contents '.length;
  const objectLength = prefixLength + cmsHex.length + 2 + '>>>>\nendobj\n'.length;
  const tail = 'trailer\n<</Root 1 0 R /Size 2000>>\n%%EOF\n';
  const total = head.length + count * objectLength + tail.length;
  const objects = Array.from({ length: count }, (_, i) => {
    const gapStart = head.length + i * objectLength + prefixLength;
    const gapEnd = gapStart + cmsHex.length + 2;
    return `${prefix(i)}${number(gapStart)} ${number(gapEnd)} ${number(total - gapEnd)}] /Contents <${cmsHex}>>>>>\nendobj\n`;
  });
  return Buffer.concat([head, Buffer.from(objects.join('')), Buffer.from(tail)]);
}
