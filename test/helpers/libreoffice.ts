import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What LibreOffice reads from a workbook: each sheet row as cells, converted to CSV by soffice itself. */
export async function libreOfficeRows(xlsx: Buffer): Promise<string[][]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'opendvc-lo-'));
  try {
    await writeFile(path.join(dir, 'report.xlsx'), xlsx);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        // comma, double quote, UTF-8, from line 1; raw values, not as the cell format shows them
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false',
        '--outdir',
        dir,
        path.join(dir, 'report.xlsx'),
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    return parseCsv(await readFile(path.join(dir, 'report.csv'), 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length > 0) rows.push([...row, cell]);
  return rows;
}
