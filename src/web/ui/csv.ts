import { CSV_BYTE_ORDER_MARK, csvLine, type CsvCell as Cell } from '../../domain/csv.ts';

/** Rows as CSV (RFC 4180), with a byte-order mark so spreadsheet programs read the diacritics. */
export function toCsv(rows: Cell[][]): string {
  return `${CSV_BYTE_ORDER_MARK}${rows.map(csvLine).join('')}`;
}

/** The numbers of the rows written as the reader's locale writes them (17,99 and 11.064 in Vietnamese). */
export function localised(formatNumber: (n: number) => string, rows: Cell[][]): Cell[][] {
  return rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)),
  );
}

export function downloadCsv(fileName: string, rows: Cell[][]) {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
