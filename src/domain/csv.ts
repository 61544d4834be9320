export type CsvCell = string | number | null;

/** Makes spreadsheet programs read the file as UTF-8, diacritics included. */
export const CSV_BYTE_ORDER_MARK = '\uFEFF';

/**
 * Text a spreadsheet would read as a formula (OWASP "CSV injection"): an apostrophe before it
 * makes the program show it as typed. Numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const quote = (cell: CsvCell) => {
  const raw = cell === null ? '' : String(cell);
  const text = typeof cell === 'string' && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One record of an RFC 4180 file, with its line break. */
export function csvLine(row: readonly CsvCell[]): string {
  return `${row.map(quote).join(',')}\r\n`;
}
