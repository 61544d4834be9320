import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The text of a PDF as an independent reader (poppler's pdftotext) extracts it. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf }).toString('utf8');
}

/** What poppler's pdfsig, an independent verifier, says of the PDF's signatures. */
export function pdfsigReport(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  try {
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, pdf);
    const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    if (run.error) throw run.error;
    return `${run.stdout}${run.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
