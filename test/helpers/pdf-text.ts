import { execFileSync } from 'node:child_process';

/** The text of a PDF as an independent reader (poppler's pdftotext) extracts it. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf }).toString('utf8');
}
