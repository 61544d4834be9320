type Cell = string | number | null;

/**
 * Text a spreadsheet would read as a formula (OWASP "CSV injection"): an apostrophe before it
 * makes the program show it as typed. Numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const quote = (cell: Cell) => {
  const raw = cell === null ? '' : String(cell);
  const text = typeof cell === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Rows as CSV (RFC 4180), with a byte-order mark so spreadsheet programs read the diacritics. */
export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
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
