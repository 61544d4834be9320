import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { xlsxStream, type XlsxRow } from '../src/server/platform/xlsx-stream.ts';
import { libreOfficeRows } from './helpers/libreoffice.ts';

async function* from(rows: XlsxRow[], failAfter?: number) {
  let n = 0;
  for (const row of rows) {
    if (failAfter !== undefined && n++ === failAfter) throw new Error('the database went away');
    yield row;
  }
}

/** The names of the zip's entries, read by a zip reader that checks every entry's CRC. */
async function entriesOf(zip: Buffer): Promise<string[]> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: false }, (error, opened) =>
      error ? reject(error) : resolve(opened),
    ),
  );
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    file.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      file.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        stream.on('error', reject).resume();
      });
    });
    file.on('end', resolve).on('error', reject);
  });
  return names;
}

describe('a streamed XLSX workbook', () => {
  it('is read back by LibreOffice cell for cell, hostile text included', async () => {
    const rows: XlsxRow[] = [
      { cells: ['Sổ theo dõi hồ sơ'], bold: true },
      { cells: ['STT', 'Mã hồ sơ', 'Ghi chú'], bold: true },
      { cells: [1, 'G01.SGN-261204-0001', '<script>&"x"</script>'] },
      { cells: [2, '=HYPERLINK("http://evil")', '  giữ khoảng trắng  '] },
      { cells: [3, null, 'ký tự\u0001điều khiển\u000Bbị bỏ'] },
      { cells: [] },
      { cells: [1.5, 'Nguyễn Thị Ánh Tuyết', 'dòng\nhai'] },
    ];
    const xlsx = await buffer(
      xlsxStream({
        sheetName: 'Sổ <thử>',
        columnWidths: [6, 28, 40],
        frozenRows: 2,
        rows: from(rows),
      }),
    );
    expect(await entriesOf(xlsx)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const read = await libreOfficeRows(xlsx);
    expect(read.slice(0, 5)).toEqual([
      ['Sổ theo dõi hồ sơ', '', ''],
      ['STT', 'Mã hồ sơ', 'Ghi chú'],
      ['1', 'G01.SGN-261204-0001', '<script>&"x"</script>'],
      // text, never a formula
      ['2', '=HYPERLINK("http://evil")', '  giữ khoảng trắng  '],
      ['3', '', 'ký tựđiều khiểnbị bỏ'],
    ]);
    expect(read.at(-1)).toEqual(['1.5', 'Nguyễn Thị Ánh Tuyết', 'dòng\nhai']);
  });

  it('ends in error, not in a file that looks whole, when the rows fail half-way', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ cells: [i, `hồ sơ ${String(i)}`] }));
    const stream = xlsxStream({ sheetName: 'Sổ', columnWidths: [6, 20], rows: from(rows, 1500) });
    await expect(buffer(stream)).rejects.toThrow('the database went away');
  });
});
