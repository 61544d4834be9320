import { PassThrough, Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { ByteChunks } from './byte-chunks.ts';

/** A cell: text is written as an inline string, a number as a number, null as an empty cell. */
export type XlsxCell = string | number | null;
export type XlsxRow = { cells: readonly XlsxCell[]; bold?: boolean };

/**
 * A one-sheet XLSX workbook (Office Open XML, ECMA-376) written as its rows come, for exports of
 * any size (decision 0023). The sheet's XML is deflated into the zip as a stream (yazl), so memory
 * stays that of one chunk of rows, and the rows are pulled only as fast as the client reads.
 * ExcelJS's streaming writer did the same through an object per row and cell, and buffered in its
 * zip writer: a million rows took 100 s and 200 MB.
 */
export function xlsxStream({
  sheetName,
  columnWidths,
  frozenRows = 0,
  rows,
}: {
  sheetName: string;
  columnWidths: readonly number[];
  /** Rows kept on screen while scrolling (the headings). */
  frozenRows?: number;
  rows: AsyncIterable<XlsxRow>;
}): Readable {
  const zip = new ZipFile();
  const part = (name: string, xml: string) =>
    zip.addBuffer(Buffer.from(XML_DECLARATION + xml), name, { mtime: EPOCH });
  part('[Content_Types].xml', CONTENT_TYPES);
  part('_rels/.rels', ROOT_RELATIONSHIPS);
  part('xl/workbook.xml', workbookXml(sheetName));
  part('xl/_rels/workbook.xml.rels', WORKBOOK_RELATIONSHIPS);
  part('xl/styles.xml', STYLES);
  const sheet = Readable.from(sheetXml(columnWidths, frozenRows, rows), { objectMode: false });
  zip.addReadStream(
    sheet,
    'xl/worksheets/sheet1.xml',
    // a fast level: the sheet is repetitive XML, and level 1 already brings a million rows'
    // register down to 23 MB
    { mtime: EPOCH, compressionLevel: 1 },
  );
  zip.end();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  // a failed read ends the download in error, not in a truncated file that looks whole
  sheet.on('error', (error) => out.destroy(error));
  zip.on('error', (error: Error) => out.destroy(error));
  // a client that leaves stops the reading
  out.on('close', () => sheet.destroy());
  return out;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Fixed timestamps: the same rows give the same bytes. */
const EPOCH = new Date('2000-01-01T00:00:00Z');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const CONTENT_TYPES =
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';
const ROOT_RELATIONSHIPS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';
const WORKBOOK_RELATIONSHIPS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>` +
  '</Relationships>';
/** Two cell formats: 0 the default, 1 bold (the headings). */
const STYLES =
  `<styleSheet xmlns="${MAIN}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const workbookXml = (sheetName: string) =>
  `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
  `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

/** Characters XML 1.0 cannot carry at all, even escaped. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}

function cellXml(cell: XlsxCell, style: string): string {
  if (cell === null || cell === '') return `<c${style}/>`;
  if (typeof cell === 'number') return `<c${style}><v>${String(cell)}</v></c>`;
  // spaces at either end are kept only when the text says so
  const space = /^\s|\s$/.test(cell) ? ' xml:space="preserve"' : '';
  return `<c${style} t="inlineStr"><is><t${space}>${escapeXml(cell)}</t></is></c>`;
}

async function* sheetXml(
  columnWidths: readonly number[],
  frozenRows: number,
  rows: AsyncIterable<XlsxRow>,
): AsyncGenerator<Buffer> {
  const pane =
    frozenRows > 0
      ? `<pane ySplit="${String(frozenRows)}" topLeftCell="A${String(frozenRows + 1)}" activePane="bottomLeft" state="frozen"/>`
      : '';
  const columns = columnWidths
    .map(
      (width, i) =>
        `<col min="${String(i + 1)}" max="${String(i + 1)}" width="${String(width)}" customWidth="1"/>`,
    )
    .join('');
  const bytes = new ByteChunks();
  bytes.add(
    XML_DECLARATION +
      `<worksheet xmlns="${MAIN}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
      `<cols>${columns}</cols><sheetData>`,
  );
  for await (const row of rows) {
    const style = row.bold ? ' s="1"' : '';
    const full = bytes.add(`<row>${row.cells.map((cell) => cellXml(cell, style)).join('')}</row>`);
    if (full) yield full;
  }
  const full = bytes.add('</sheetData></worksheet>');
  if (full) yield full;
  yield bytes.take();
}
